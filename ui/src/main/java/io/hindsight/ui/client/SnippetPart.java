package io.hindsight.ui.client;

import java.util.ArrayList;
import java.util.List;

/**
 * A run of snippet text, highlighted or not. search-service sends escaped text with {@code <mark>} around
 * matches; the UI does not trust that markup: it splits on the markers, decodes the entities back to plain
 * text, and lets the template escape each run again.
 */
public record SnippetPart(String text, boolean mark) {

    public static List<SnippetPart> parse(String snippet) {
        List<SnippetPart> parts = new ArrayList<>();
        if (snippet == null || snippet.isEmpty()) {
            return parts;
        }
        int at = 0;
        while (at < snippet.length()) {
            int open = snippet.indexOf("<mark>", at);
            if (open < 0) {
                parts.add(new SnippetPart(decode(snippet.substring(at)), false));
                break;
            }
            if (open > at) {
                parts.add(new SnippetPart(decode(snippet.substring(at, open)), false));
            }
            int close = snippet.indexOf("</mark>", open);
            if (close < 0) {
                parts.add(new SnippetPart(decode(snippet.substring(open + 6)), true));
                break;
            }
            parts.add(new SnippetPart(decode(snippet.substring(open + 6, close)), true));
            at = close + 7;
        }
        return parts;
    }

    private static String decode(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'")
                .replace("&#x27;", "'").replace("&#x2F;", "/").replace("&amp;", "&");
    }
}
