package io.hindsight.postmortem.service;

import java.util.Locale;

/** Picks structured sections out of an imported Markdown post-mortem where its headings make them plain. */
final class ImportedSections {

    private static final int MAX = 50_000;

    private ImportedSections() {
    }

    /** The text under the first heading naming the root cause (or the underlying issue), if any. */
    static String rootCause(String markdown) {
        int at = 0;
        while (at < markdown.length()) {
            int eol = markdown.indexOf('\n', at);
            int lineEnd = eol < 0 ? markdown.length() : eol;
            String h = heading(markdown.substring(at, lineEnd));
            at = lineEnd + 1;
            if (h != null && (h.contains("root cause") || h.contains("underlying"))) {
                int start = Math.min(lineEnd, markdown.length());
                int end = nextHeading(markdown, at);
                String section = markdown.substring(start, end).strip();
                if (section.isEmpty()) {
                    return null;
                }
                return section.length() > MAX ? io.hindsight.problem.WellFormedText.prefix(section, MAX) : section;
            }
        }
        return null;
    }

    /**
     * The text of an ATX heading line ({@code ## Root cause ##}), lower case, or null if the line is none. Plain string
     * work: the former pattern {@code (?m)^#{1,6}\\s*(.+?)\\s*#*\\s*$} backtracked for 54 s over one heading line
     * of 2,004 characters ({@code "# a" + 2000 spaces + "b"}), inside an import request.
     */
    static String heading(String line) {
        int hashes = 0;
        while (hashes < line.length() && line.charAt(hashes) == '#') {
            hashes++;
        }
        if (hashes < 1 || hashes > 6) {
            return null;
        }
        String text = line.substring(hashes).strip();
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == '#') {
            end--;
        }
        text = text.substring(0, end).strip();
        return text.isEmpty() ? null : text.toLowerCase(Locale.ROOT);
    }

    private static int nextHeading(String markdown, int from) {
        int at = from;
        while (at < markdown.length()) {
            int eol = markdown.indexOf('\n', at);
            int lineEnd = eol < 0 ? markdown.length() : eol;
            if (heading(markdown.substring(at, lineEnd)) != null) {
                return at;
            }
            at = lineEnd + 1;
        }
        return markdown.length();
    }
}
