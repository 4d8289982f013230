package io.hindsight.search.index;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Index-time only: after each technical token, stacks its parts at the same position — the segments between
 * {@code . _ - / : @} and the camelCase words of each segment. {@code com.acme.PromoValidator} is then findable as
 * itself, as {@code PromoValidator} and as {@code validator}; {@code NullPointerException} as {@code pointer}.
 * Stacking (position increment 0) keeps the stream a plain sequence, so phrase queries still work.
 * The query side does not split, so a query for {@code NullPointerException} matches that name, not every exception.
 */
final class OpsPartsFilter extends TokenFilter {

    private static final int MAX_PARTS = 16;
    private static final java.util.regex.Pattern SEGMENTS = java.util.regex.Pattern.compile("[./:@]+");
    private static final java.util.regex.Pattern WORDS = java.util.regex.Pattern.compile("[_\\-]+");
    private static final java.util.regex.Pattern CAMEL = java.util.regex.Pattern.compile("(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])");
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final PositionIncrementAttribute posInc = addAttribute(PositionIncrementAttribute.class);
    private final Deque<String> pending = new ArrayDeque<>();

    OpsPartsFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!pending.isEmpty()) {
            String part = pending.poll();
            term.setEmpty().append(part);
            posInc.setPositionIncrement(0);
            return true;
        }
        if (!input.incrementToken()) {
            return false;
        }
        String token = term.toString();
        String original = token.toLowerCase(Locale.ROOT);
        for (String part : parts(token)) {
            if (!part.equals(original) && pending.size() < MAX_PARTS) {
                pending.add(part);
            }
        }
        return true;
    }

    /** The distinct lower-cased parts of a token (without the token itself unless it is its only part). */
    static Set<String> parts(String token) {
        Set<String> parts = new LinkedHashSet<>();
        if (isNumeric(token)) {
            return parts; // versions, IPs and numbers stay whole: 10.0.0.12, 2.3.1
        }
        for (String segment : SEGMENTS.split(token)) {
            addSegment(segment, parts);
        }
        return parts;
    }

    private static void addSegment(String segment, Set<String> parts) {
        if (segment.isEmpty()) {
            return;
        }
        parts.add(segment.toLowerCase(Locale.ROOT));
        String[] words = WORDS.split(segment);
        if (words.length > 1) {
            for (String word : words) {
                addSegment(word, parts);
            }
            return;
        }
        // camelCase and PascalCase words: HTTPServerError -> http, server, error; PromoValidator -> promo, validator
        String[] camel = CAMEL.split(segment);
        if (camel.length > 1) {
            for (String word : camel) {
                if (!word.isEmpty()) {
                    parts.add(word.toLowerCase(Locale.ROOT));
                }
            }
        }
    }

    private static boolean isNumeric(String token) {
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (!(Character.isDigit(c) || c == '.' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        pending.clear();
    }
}
