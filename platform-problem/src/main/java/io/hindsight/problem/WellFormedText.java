package io.hindsight.problem;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What text the services accept and store: well-formed Unicode (no lone UTF-16 surrogate: a high surrogate not
 * followed by a low one, or a low one on its own) and no NUL. A lone surrogate cannot be encoded in UTF-8, so text that
 * holds one breaks whatever writes it out later (the change feed's page, a Lucene term, a CSV or Markdown export), and
 * PostgreSQL text cannot hold a NUL. Edges refuse such text with a 400 naming the field ({@link StrictJson} for JSON
 * bodies, {@link WellFormedRequest} for query strings and headers); {@link #repaired} is for text already stored.
 */
public final class WellFormedText {

    public static final String LONE_SURROGATE = "ill-formed Unicode: a lone UTF-16 surrogate (\\u%04X) at character %d is not allowed in text";
    public static final String NUL = "a NUL character is not allowed in text";

    private WellFormedText() {
    }

    /** The index of the first lone surrogate in {@code s}, or -1 if there is none. */
    public static int loneSurrogateAt(CharSequence s) {
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** Why {@code s} is refused, or null when it is acceptable text (null is acceptable). */
    public static String problem(CharSequence s) {
        if (s == null) {
            return null;
        }
        int at = loneSurrogateAt(s);
        if (at >= 0) {
            return String.format(LONE_SURROGATE, (int) s.charAt(at), at);
        }
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '\u0000') {
                return NUL;
            }
        }
        return null;
    }

    /** {@code s} with every lone surrogate replaced by U+FFFD and every NUL removed, for text stored before the edges refused it. */
    public static String repaired(String s) {
        if (s == null || (loneSurrogateAt(s) < 0 && s.indexOf('\u0000') < 0)) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                b.append(c).append(s.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                b.append('\uFFFD');
            } else if (c != '\u0000') {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * The first {@code max} characters of {@code s} (all of it if shorter), one fewer if the cut would fall inside a
     * surrogate pair: {@code s.substring(0, max)} can leave half an emoji behind, a lone surrogate made by the server.
     */
    public static String prefix(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Math.max(0, max);
        if (end > 0 && Character.isHighSurrogate(s.charAt(end - 1)) && Character.isLowSurrogate(s.charAt(end))) {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * Decodes {@code bytes} as strict UTF-8: malformed sequences (including encoded surrogates and overlong forms) are an
     * error, not silently replaced. Returns null if they are not well-formed UTF-8.
     */
    public static String strictUtf8(byte[] bytes, int offset, int length) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, offset, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
