package io.hindsight.postmortem.service;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Picks structured sections out of an imported Markdown post-mortem where its headings make them plain. */
final class ImportedSections {

    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s*(.+?)\\s*#*\\s*$");
    private static final int MAX = 50_000;

    private ImportedSections() {
    }

    /** The text under the first heading naming the root cause (or the underlying issue), if any. */
    static String rootCause(String markdown) {
        Matcher m = HEADING.matcher(markdown);
        while (m.find()) {
            String h = m.group(1).toLowerCase(Locale.ROOT);
            if (h.contains("root cause") || h.contains("underlying")) {
                int start = m.end();
                int end = m.find() ? m.start() : markdown.length();
                String section = markdown.substring(start, end).strip();
                if (section.isEmpty()) {
                    return null;
                }
                return section.length() > MAX ? section.substring(0, MAX) : section;
            }
        }
        return null;
    }
}
