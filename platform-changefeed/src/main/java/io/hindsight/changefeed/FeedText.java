package io.hindsight.changefeed;

/**
 * Keeps every payload the feed serves well-formed JSON text. A payload stored before the services refused ill-formed
 * text at their edges can hold a lone UTF-16 surrogate, either as a raw character (the embedded H2 build stores one
 * as is) or as an escape such as {@code \ud800} with no partner. Written raw into a page, the first made the response
 * fail half-way (a 200 with truncated JSON), the second made every reader's JSON parser refuse the page, and either way
 * a consumer could never get past that entry. Both are replaced by U+FFFD when the feed is read (and when an entry is
 * recorded), and a NUL (raw or escaped) is dropped, as the services' edges refuse it.
 */
public final class FeedText {

    private FeedText() {
    }

    /** {@code json} with every lone surrogate (raw or {@code \\uXXXX}-escaped) replaced by U+FFFD; the same instance if it had none. */
    public static String wellFormed(String json) {
        if (json == null || !suspicious(json)) {
            return json;
        }
        StringBuilder b = new StringBuilder(json.length());
        int n = json.length();
        int i = 0;
        while (i < n) {
            char c = json.charAt(i);
            if (c == '\\' && i + 1 < n) {
                if (json.charAt(i + 1) == 'u' && i + 5 < n) {
                    int unit = hex(json, i + 2);
                    if (unit >= 0 && Character.isHighSurrogate((char) unit)) {
                        int low = i + 11 < n && json.charAt(i + 6) == '\\' && json.charAt(i + 7) == 'u' ? hex(json, i + 8) : -1;
                        if (low >= 0 && Character.isLowSurrogate((char) low)) {
                            b.append(json, i, i + 12);
                            i += 12;
                        } else {
                            b.append("\\uFFFD");
                            i += 6;
                        }
                        continue;
                    }
                    if (unit >= 0 && Character.isLowSurrogate((char) unit)) {
                        b.append("\\uFFFD");
                        i += 6;
                        continue;
                    }
                    if (unit == 0) {
                        i += 6;
                        continue;
                    }
                }
                b.append(c).append(json.charAt(i + 1)); // any other escape, kept whole (so \\ud800 stays text)
                i += 2;
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(json.charAt(i + 1))) {
                b.append(c).append(json.charAt(i + 1));
                i += 2;
                continue;
            }
            if (Character.isSurrogate(c)) {
                b.append('\uFFFD');
            } else if (c != '\u0000') {
                b.append(c);
            }
            i++;
        }
        return b.toString();
    }

    private static boolean suspicious(String json) {
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (Character.isSurrogate(c) || c == '\u0000') {
                return true;
            }
            if (c == '\\' && i + 2 < json.length() && json.charAt(i + 1) == 'u') {
                char d = json.charAt(i + 2);
                if (d == 'd' || d == 'D' || json.startsWith("0000", i + 2)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int hex(String s, int at) {
        if (at + 4 > s.length()) {
            return -1;
        }
        int v = 0;
        for (int k = at; k < at + 4; k++) {
            int d = Character.digit(s.charAt(k), 16);
            if (d < 0) {
                return -1;
            }
            v = v * 16 + d;
        }
        return v;
    }
}
