package io.hindsight.search.index;

import org.apache.lucene.analysis.util.CharTokenizer;

/**
 * Splits operations text on whitespace and punctuation but keeps the characters that hold technical names
 * together: {@code . _ - / : @}. So {@code com.acme.PromoValidator}, {@code ERR_CONN_RESET}, {@code orders-api},
 * {@code db-01.prod.example.com} and {@code v2.3.1} each stay one token (trailing punctuation is trimmed later).
 */
final class OpsTokenizer extends CharTokenizer {

    @Override
    protected boolean isTokenChar(int c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == '-' || c == '/' || c == ':' || c == '@';
    }
}
