package io.hindsight.postmortem.domain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Markdown document with YAML-style front matter between {@code ---} lines. Reads the simple subset
 * post-mortem tools write: {@code key: value}, {@code key: [a, b]} and {@code key:} followed by {@code - item}
 * lines; values may be quoted. Anything else is an error naming its line.
 */
public record FrontMatter(Map<String, Object> fields, String body) {

    public static final class Malformed extends RuntimeException {
        private final int line;

        public Malformed(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }

        /** 1-based line number within the document. */
        public int line() {
            return line;
        }
    }

    public static FrontMatter parse(String document) {
        String text = document.replace("\r\n", "\n");
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        String[] lines = text.split("\n", -1);
        if (lines.length == 0 || !lines[0].strip().equals("---")) {
            throw new Malformed(1, "a Markdown import starts with front matter between '---' lines");
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        String listKey = null;
        int i = 1;
        for (; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().equals("---")) {
                break;
            }
            if (line.isBlank() || line.stripLeading().startsWith("#")) {
                continue;
            }
            String stripped = line.strip();
            if (stripped.startsWith("- ") || stripped.equals("-")) {
                if (listKey == null) {
                    throw new Malformed(i + 1, "list item outside a list");
                }
                @SuppressWarnings("unchecked")
                List<String> list = (List<String>) fields.get(listKey);
                list.add(unquote(stripped.substring(1).strip()));
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
                throw new Malformed(i + 1, "expected 'key: value'");
            }
            String key = line.substring(0, colon).strip();
            String value = line.substring(colon + 1).strip();
            listKey = null;
            if (value.isEmpty()) {
                fields.put(key, new ArrayList<String>());
                listKey = key;
            } else if (value.startsWith("[")) {
                if (!value.endsWith("]")) {
                    throw new Malformed(i + 1, "unclosed list for '" + key + "'");
                }
                List<String> items = new ArrayList<>();
                String inner = value.substring(1, value.length() - 1).strip();
                if (!inner.isEmpty()) {
                    for (String item : inner.split(",")) {
                        items.add(unquote(item.strip()));
                    }
                }
                fields.put(key, items);
            } else {
                fields.put(key, unquote(value));
            }
        }
        if (i >= lines.length) {
            throw new Malformed(1, "front matter is not closed by a '---' line");
        }
        StringBuilder body = new StringBuilder();
        for (int j = i + 1; j < lines.length; j++) {
            body.append(lines[j]);
            if (j < lines.length - 1) {
                body.append('\n');
            }
        }
        return new FrontMatter(fields, body.toString().strip());
    }

    /** A single-valued field, or null. */
    public String text(String key) {
        Object v = fields.get(key);
        return v instanceof String s ? s : null;
    }

    @SuppressWarnings("unchecked")
    public List<String> list(String key) {
        Object v = fields.get(key);
        if (v instanceof List<?> l) {
            return (List<String>) l;
        }
        return v instanceof String s && !s.isBlank() ? List.of(s) : List.of();
    }

    private static String unquote(String v) {
        if (v.length() >= 2 && ((v.startsWith("\"") && v.endsWith("\"")) || (v.startsWith("'") && v.endsWith("'")))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
