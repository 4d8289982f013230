package io.hindsight.postmortem.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.postmortem.domain.FrontMatter;
import io.hindsight.postmortem.domain.ImportRecord;
import io.hindsight.postmortem.rest.ImportReport;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Imports past post-mortems. Each line (or document) is validated first; bad ones are reported by line number
 * and never touch the database, good ones are written in batches. If a batch fails in the database, its
 * records are retried one by one so that only the failing record is reported. Memory stays bounded by the batch
 * (at most {@link #BATCH} records and about {@link #BATCH_CHARS} characters).
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);
    static final int BATCH = 200;
    /** A batch is also cut when its texts reach this many characters, so that long records do not pile up in memory. */
    static final int BATCH_CHARS = 2_000_000;
    static final int MAX_LINE = 400_000;

    private final ImportWriter writer;
    private final ObjectMapper json;

    public ImportService(ImportWriter writer, ObjectMapper json) {
        this.writer = writer;
        this.json = json;
    }

    private record Numbered(int line, ImportRecord record) {
    }

    private static final class Tally {
        int records;
        int created;
        int updated;
        int unchanged;
        final List<ImportReport.LineError> errors = new ArrayList<>();

        ImportReport report() {
            return new ImportReport(records, created, updated, unchanged, List.copyOf(errors));
        }
    }

    public ImportReport jsonLines(BufferedReader in, String actor) {
        Tally tally = new Tally();
        List<Numbered> batch = new ArrayList<>(BATCH);
        int lineNo = 0;
        long batchChars = 0;
        try {
            String line;
            while ((line = in.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                tally.records++;
                if (line.length() > MAX_LINE) {
                    tally.errors.add(new ImportReport.LineError(lineNo, "(line)", "longer than " + MAX_LINE + " characters"));
                    continue;
                }
                try {
                    batch.add(new Numbered(lineNo, parseJson(line)));
                } catch (ImportRecord.Invalid e) {
                    tally.errors.add(new ImportReport.LineError(lineNo, e.field(), e.getMessage()));
                    continue;
                }
                batchChars += line.length();
                if (batch.size() == BATCH || batchChars >= BATCH_CHARS) {
                    flush(batch, tally, actor);
                    batchChars = 0;
                }
            }
        } catch (java.nio.charset.CharacterCodingException e) {
            // the reader cannot go on past bytes that are not UTF-8: report it on the line it is in, keep what was read
            tally.records++;
            tally.errors.add(new ImportReport.LineError(lineNo + 1, "(line)",
                    "ill-formed Unicode: not well-formed UTF-8; the lines after it were not read"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        flush(batch, tally, actor);
        return tally.report();
    }

    public ImportReport markdown(String document, String actor) {
        Tally tally = new Tally();
        tally.records = 1;
        try {
            FrontMatter fm = FrontMatter.parse(document);
            ImportRecord r = ImportRecord.of(fm.text("id"), fm.text("url"), fm.text("title"), fm.text("company"),
                    fm.text("date"), fm.list("categories"), fm.body());
            List<Numbered> batch = new ArrayList<>(List.of(new Numbered(1, r)));
            flush(batch, tally, actor);
        } catch (FrontMatter.Malformed e) {
            tally.errors.add(new ImportReport.LineError(e.line(), "(front matter)", e.getMessage()));
        } catch (ImportRecord.Invalid e) {
            tally.errors.add(new ImportReport.LineError(1, e.field(), e.getMessage()));
        }
        return tally.report();
    }

    ImportRecord parseJson(String line) {
        JsonNode n;
        try {
            n = json.readTree(line);
        } catch (JsonProcessingException e) {
            throw new ImportRecord.Invalid("(line)", "not valid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new ImportRecord.Invalid("(line)", "a line must be one JSON object");
        }
        List<String> categories = null;
        JsonNode cats = n.get("categories");
        if (cats != null && !cats.isNull()) {
            if (!cats.isArray()) {
                throw new ImportRecord.Invalid("categories", "must be an array of strings");
            }
            categories = new ArrayList<>();
            for (JsonNode c : cats) {
                if (!c.isTextual()) {
                    throw new ImportRecord.Invalid("categories", "must be an array of strings");
                }
                categories.add(c.asText());
            }
        }
        return ImportRecord.of(text(n, "id"), text(n, "url"), text(n, "title"), text(n, "company"), text(n, "date"),
                categories, text(n, "text"));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new ImportRecord.Invalid(field, "must be a string");
        }
        return v.asText();
    }

    private void flush(List<Numbered> batch, Tally tally, String actor) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            count(writer.write(batch.stream().map(Numbered::record).toList(), actor), tally);
        } catch (RuntimeException batchFailure) {
            LOG.debugf(batchFailure, "import batch failed; retrying its %d records one by one", batch.size());
            for (Numbered n : batch) {
                try {
                    count(writer.write(List.of(n.record()), actor), tally);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "import of line %d failed", n.line());
                    tally.errors.add(new ImportReport.LineError(n.line(), "(record)", "could not be stored: " + rootMessage(e)));
                }
            }
        }
        batch.clear();
    }

    private static void count(List<ImportWriter.Outcome> outcomes, Tally tally) {
        for (ImportWriter.Outcome o : outcomes) {
            switch (o) {
                case CREATED -> tally.created++;
                case UPDATED -> tally.updated++;
                case UNCHANGED -> tally.unchanged++;
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.length() > 300 ? io.hindsight.problem.WellFormedText.prefix(m, 300) : m;
    }
}
