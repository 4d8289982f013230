package io.hindsight.ui.rest;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * The period and grouping of the reports page as typed: from and to (ISO dates, years 1970–9999, from not after to;
 * blank means the last 12 months up to today) and per (month or week; blank means month). A value that is not one of
 * these is refused with a message saying what is accepted, the typed value kept: never replaced by the default.
 */
public record ReportPeriod(String from, String to, String interval, String fromError, String toError, String intervalError) {

    static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    static ReportPeriod of(String from, String to, String interval, LocalDate today) {
        String f = blank(from) ? today.minusMonths(12).toString() : from.strip();
        String t = blank(to) ? today.toString() : to.strip();
        String fromError = dateError("From", f);
        String toError = dateError("To", t);
        if (fromError == null && toError == null && LocalDate.parse(f).isAfter(LocalDate.parse(t))) {
            fromError = "From (" + f + ") must not be after To (" + t + ").";
        }
        String iv = blank(interval) ? "month" : interval.strip();
        String intervalError = iv.equals("month") || iv.equals("week") ? null : "Per must be month or week, not “" + shorten(iv) + "”.";
        return new ReportPeriod(f, t, iv, fromError, toError, intervalError);
    }

    boolean valid() {
        return fromError == null && toError == null && intervalError == null;
    }

    /** All the refusals, in form order, for the alert above the form. */
    String message() {
        List<String> parts = new ArrayList<>();
        for (String e : new String[]{fromError, toError, intervalError}) {
            if (e != null) {
                parts.add(e);
            }
        }
        return parts.isEmpty() ? null : String.join(" ", parts);
    }

    private static String dateError(String label, String value) {
        LocalDate day;
        try {
            day = LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            return label + " “" + shorten(value) + "” is not a date: use YYYY-MM-DD, e.g. 2026-11-27.";
        }
        if (day.isBefore(EARLIEST) || day.isAfter(LATEST)) {
            return label + " “" + shorten(value) + "” is outside the years 1970–9999.";
        }
        return null;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String shorten(String s) {
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }
}
