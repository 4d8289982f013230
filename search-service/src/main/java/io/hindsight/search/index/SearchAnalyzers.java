package io.hindsight.search.index;

import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.KeywordAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;

/** The analyzers of the index: English prose for text fields, exact values for the keyword fields. */
public final class SearchAnalyzers {

    private SearchAnalyzers() {
    }

    public static Analyzer create() {
        KeywordAnalyzer keyword = new KeywordAnalyzer();
        return new PerFieldAnalyzerWrapper(new EnglishAnalyzer(), Map.of(
                IndexFields.UID, keyword,
                IndexFields.TYPE, keyword,
                IndexFields.ID, keyword,
                IndexFields.SERVICE, keyword,
                IndexFields.STATUS, keyword,
                IndexFields.PRIORITY, keyword,
                IndexFields.DRILL, keyword));
    }
}
