package io.hindsight.search.index;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.LengthFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.pattern.PatternReplaceFilter;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The analyzers of the index.
 * <ul>
 * <li>Prose fields ({@code title}, {@code symptom}, {@code rootCause}, {@code body}): {@link EnglishAnalyzer} —
 * standard tokenizer, possessives, lower case, English stop words, Porter stemming.</li>
 * <li>The operations field ({@code ops}): technical tokens kept whole ({@link OpsTokenizer}), trimmed of trailing
 * punctuation, lower-cased; at index time also their parts ({@link OpsPartsFilter}). No stemming, no stop words.</li>
 * <li>{@code plain}: standard tokenizer and lower case only, for suggestions and the quality baseline.</li>
 * <li>Keyword fields: the exact value.</li>
 * </ul>
 */
public final class SearchAnalyzers {

    private static final Pattern EDGE_PUNCTUATION = Pattern.compile("^[._\\-/:@]+|[._\\-/:@]+$");

    private SearchAnalyzers() {
    }

    /** The analyzer the writer indexes with. */
    public static Analyzer index() {
        return perField(ops(true));
    }

    /** The analyzer queries are parsed with: the same, except that technical tokens are not split. */
    public static Analyzer query() {
        return perField(ops(false));
    }

    public static Analyzer english() {
        return new EnglishAnalyzer();
    }

    private static Analyzer perField(Analyzer ops) {
        KeywordAnalyzer keyword = new KeywordAnalyzer();
        Map<String, Analyzer> fields = new HashMap<>();
        for (String field : IndexFields.KEYWORDS) {
            fields.put(field, keyword);
        }
        fields.put(IndexFields.OPS, ops);
        fields.put(IndexFields.PLAIN, new StandardAnalyzer(org.apache.lucene.analysis.CharArraySet.EMPTY_SET));
        return new PerFieldAnalyzerWrapper(english(), fields);
    }

    /** The operations-token analyzer; {@code split} adds the parts of each token (index side). */
    public static Analyzer ops(boolean split) {
        return new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String fieldName) {
                Tokenizer tokenizer = new OpsTokenizer();
                TokenStream stream = new PatternReplaceFilter(tokenizer, EDGE_PUNCTUATION, "", true);
                stream = new LengthFilter(stream, 1, 200);
                if (split) {
                    stream = new OpsPartsFilter(stream);
                }
                return new TokenStreamComponents(tokenizer, new LowerCaseFilter(stream));
            }
        };
    }
}
