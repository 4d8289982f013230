package io.hindsight.problem;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * Reads the date, time and number values of query parameters and headers, within the range this suite supports,
 * and refuses anything else with a 400 problem that names the parameter and the accepted form. Java's parsers accept
 * years up to ±999,999,999 ({@code +300000000-01-01}), which then overflow epoch milliseconds or the database's
 * timestamp range as a 500; so every date the API reads goes through here and is held to years 1970–9999.
 */
public final class ParameterValues {

    /** The first instant the API accepts: the Unix epoch. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    /** The last instant the API accepts: the end of year 9999, the last year of a four-digit ISO date. */
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

    static final String INSTANT_FORM = "an ISO-8601 instant such as 2026-11-27T10:00:00Z, years 1970–9999";
    static final String DATE_OR_INSTANT_FORM = "an ISO date such as 2026-11-27 or instant such as 2026-11-27T10:00:00Z, years 1970–9999";
    static final String DATE_FORM = "an ISO date such as 2026-11-27, years 1970–9999";

    private ParameterValues() {
    }

    /** An ISO-8601 instant ({@code 2026-11-27T10:00:00Z}) within 1970–9999; null when absent or blank. */
    public static Instant instant(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return bounded(name, value, Instant.parse(value.strip()), INSTANT_FORM);
        } catch (DateTimeParseException e) {
            throw refused(name, value, INSTANT_FORM);
        }
    }

    /** An ISO date ({@code 2026-11-27}) within 1970–9999; null when absent or blank. */
    public static LocalDate date(String name, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate day;
        try {
            day = LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw refused(name, value, DATE_FORM);
        }
        bounded(name, value, day.atStartOfDay(ZoneOffset.UTC).toInstant(), DATE_FORM);
        return day;
    }

    /**
     * An ISO instant, or an ISO date meaning the start of that day (UTC), or its last millisecond when
     * {@code endOfDay} (an inclusive "to"); in epoch milliseconds, within 1970–9999; null when absent or blank.
     */
    public static Long dateOrInstantMillis(String name, String value, boolean endOfDay) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.strip();
        Instant at;
        try {
            at = Instant.parse(v);
        } catch (DateTimeParseException notAnInstant) {
            try {
                LocalDate day = LocalDate.parse(v);
                bounded(name, value, day.atStartOfDay(ZoneOffset.UTC).toInstant(), DATE_OR_INSTANT_FORM);
                at = endOfDay ? day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
                        : day.atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeException notADate) {
                throw refused(name, value, DATE_OR_INSTANT_FORM);
            }
        }
        return bounded(name, value, at, DATE_OR_INSTANT_FORM).toEpochMilli();
    }

    /** A whole number within [min, max]; null when absent or blank. */
    public static Long wholeNumber(String name, String value, long min, long max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String form = "a whole number from " + min + " to " + max;
        long n;
        try {
            n = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw refused(name, value, form);
        }
        if (n < min || n > max) {
            throw refused(name, value, form);
        }
        return n;
    }

    /** A 400 problem naming the parameter, the value (shortened) and the accepted form, with one violation. */
    public static ProblemException refused(String name, String value, String form) {
        return new ProblemException(Problem.of(400, "Bad Request", name + " '" + shorten(value) + "' is not " + form)
                .withViolations(List.of(new Problem.Violation(name, "must be " + form))));
    }

    private static Instant bounded(String name, String value, Instant at, String form) {
        if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
            throw refused(name, value, form);
        }
        return at;
    }

    private static String shorten(String value) {
        String v = value == null ? "" : value.strip();
        return v.length() > 40 ? v.substring(0, 40) + "…" : v;
    }
}
