package io.hindsight.postmortem.domain;

import io.hindsight.problem.ParameterValues;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One past post-mortem from another tool, validated: the shape of a line of dfds-postmortems.jsonl
 * ({@code id, title, company, date, categories, text, url}) or of a Markdown file's front matter and body.
 * Its identity ({@link #sourceKey()}: its normalised url, else its id) makes re-imports update instead of duplicate.
 */
public record ImportRecord(String sourceId, String url, String title, String company, Instant date, List<String> categories,
                           String text) {

    public static final int MAX_TITLE = 300;
    public static final int MAX_TEXT = 200_000;
    /** The length of the {@code source_key} column. */
    static final int MAX_KEY = 1000;

    /** A field of the record that cannot be imported. */
    public static final class Invalid extends RuntimeException {
        private final String field;

        public Invalid(String field, String message) {
            super(message, null, false, false);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }

    /** Validates raw values; throws {@link Invalid} naming the first field at fault. */
    public static ImportRecord of(String id, String url, String title, String company, String date, List<String> categories,
                                  String text) {
        wellFormed("id", id);
        wellFormed("url", url);
        wellFormed("title", title);
        wellFormed("company", company);
        wellFormed("date", date);
        wellFormed("text", text);
        if (categories != null) {
            for (String c : categories) {
                wellFormed("categories", c);
            }
        }
        String cleanId = trimToNull(id);
        String cleanUrl = trimToNull(url);
        if (cleanId == null && cleanUrl == null) {
            throw new Invalid("id", "a record needs an id or a url, so that importing it again updates it");
        }
        if (cleanId != null && cleanId.length() > 300) {
            throw new Invalid("id", "longer than 300 characters");
        }
        if (cleanUrl != null && (cleanUrl.length() > 2000 || !cleanUrl.matches("(?i)^https?://\\S+$"))) {
            throw new Invalid("url", "must be an http(s) URL of at most 2000 characters");
        }
        String cleanTitle = trimToNull(title);
        if (cleanTitle == null) {
            throw new Invalid("title", "must not be blank");
        }
        if (cleanTitle.length() > MAX_TITLE) {
            throw new Invalid("title", "longer than " + MAX_TITLE + " characters");
        }
        String cleanCompany = trimToNull(company);
        if (cleanCompany != null && cleanCompany.length() > 200) {
            throw new Invalid("company", "longer than 200 characters");
        }
        if (text == null || text.isBlank()) {
            throw new Invalid("text", "must not be blank");
        }
        if (text.length() > MAX_TEXT) {
            throw new Invalid("text", "longer than " + MAX_TEXT + " characters");
        }
        List<String> cats = new ArrayList<>();
        if (categories != null) {
            for (String c : categories) {
                if (c == null || c.isBlank()) {
                    throw new Invalid("categories", "must not contain blank values");
                }
                String v = c.strip().toLowerCase(Locale.ROOT);
                if (v.length() > 100) {
                    throw new Invalid("categories", "a category is longer than 100 characters");
                }
                if (!cats.contains(v)) {
                    cats.add(v);
                }
            }
            if (cats.size() > 50) {
                throw new Invalid("categories", "more than 50 categories");
            }
        }
        return new ImportRecord(cleanId, cleanUrl, cleanTitle, cleanCompany, date(date), List.copyOf(cats), text.strip());
    }

    /** Ill-formed Unicode (a lone surrogate, e.g. from a {@code \\ud800} escape) or a NUL cannot be stored or indexed. */
    private static void wellFormed(String field, String value) {
        String why = io.hindsight.problem.WellFormedText.problem(value);
        if (why != null) {
            throw new Invalid(field, why);
        }
    }

    /**
     * The identity of the report: its url, normalised ({@link SourceUrl#identity}), when it has one — an address
     * names one report whichever tool exported it, with or without an id — else its id. A record with neither is
     * refused ({@link #of}): a hash of its content would make every edited copy a new post-mortem.
     */
    public String sourceKey() {
        return keyOf(sourceId, url);
    }

    /**
     * The key of a report with this id and url ({@link #sourceKey()}); null with neither. A key over the column's 1000
     * characters (a url up to 2000 is accepted) is its SHA-256 instead.
     */
    public static String keyOf(String id, String url) {
        String key = url != null ? "url:" + SourceUrl.identity(url) : id != null ? "id:" + id : null;
        if (key == null || key.length() <= MAX_KEY) {
            return key;
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return key.substring(0, 4) + "sha256:" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant date(String value) {
        String v = trimToNull(value);
        if (v == null) {
            return null;
        }
        try {
            if (v.matches("\\d{4}")) {
                return bounded(v, Year.parse(v).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (v.matches("\\d{4}-\\d{2}")) {
                return bounded(v, YearMonth.parse(v).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            if (v.length() == 10) {
                return bounded(v, LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant());
            }
            return bounded(v, OffsetDateTime.parse(v).toInstant());
        } catch (DateTimeParseException e) {
            throw new Invalid("date", "'" + v + "' is not a date (YYYY, YYYY-MM, YYYY-MM-DD or an ISO-8601 timestamp)");
        }
    }

    /** Years 1970–9999, as everywhere in the API: Java reads years up to ±999,999,999, the database does not. */
    private static Instant bounded(String v, Instant at) {
        if (at.isBefore(ParameterValues.EARLIEST) || at.isAfter(ParameterValues.LATEST)) {
            throw new Invalid("date", "'" + v + "' is outside the years 1970–9999");
        }
        return at;
    }

    private static String trimToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
