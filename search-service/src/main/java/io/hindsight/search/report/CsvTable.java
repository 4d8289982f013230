package io.hindsight.search.report;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.QuoteMode;

/**
 * Every CSV the suite produces is written here: Apache Commons CSV does the RFC 4180 quoting (a cell with a comma,
 * quote, CR or LF is quoted, quotes doubled), and text cells that a spreadsheet would read as a formula are
 * neutralised first (OWASP CSV injection): a cell starting with {@code = + - @}, a tab or a carriage return gets a
 * leading {@code '}. Numbers are written as numbers (a negative count is not a formula).
 */
public final class CsvTable {

    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder()
            .setRecordSeparator("\n").setQuoteMode(QuoteMode.MINIMAL).get();

    private final StringWriter out = new StringWriter();
    private final CSVPrinter printer;

    public CsvTable(String... header) {
        try {
            printer = new CSVPrinter(out, FORMAT);
            printer.printRecord((Object[]) header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One row; {@code null} is an empty cell, a {@link Number} is written as is, anything else as neutralised text. */
    public CsvTable row(Object... cells) {
        Object[] safe = new Object[cells.length];
        for (int i = 0; i < cells.length; i++) {
            Object c = cells[i];
            safe[i] = c == null ? "" : c instanceof Number ? c.toString() : neutralise(c.toString());
        }
        try {
            printer.printRecord(safe);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** A text cell a spreadsheet will show as text: formula-leading characters get a leading apostrophe. */
    public static String neutralise(String value) {
        return !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    }

    @Override
    public String toString() {
        try {
            printer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
