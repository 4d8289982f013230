package io.hindsight.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.search.index.IndexFields;
import io.hindsight.search.index.SearchAnalyzers;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class SearchAnalyzersTest {

    private static List<String> tokens(Analyzer analyzer, String field, String text) throws IOException {
        List<String> tokens = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                tokens.add(term.toString());
            }
            ts.end();
        }
        return tokens;
    }

    @ParameterizedTest(name = "ops index side: {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "NullPointerException|nullpointerexception null pointer exception",
            "com.acme.checkout.PromoValidator|com.acme.checkout.promovalidator com acme checkout promovalidator promo validator",
            "ERR_CONNECTION_RESET|err_connection_reset err connection reset",
            "max_connections|max_connections max connections",
            "db-01.prod.example.com|db-01.prod.example.com db-01 db 01 prod example com",
            "orders-api|orders-api orders api",
            "HTTP 503|http 503",
            "v2.3.1|v2.3.1 v2 3 1",
            "10.0.0.12:5432|10.0.0.12:5432",
            "(PromoValidator.java:42).|promovalidator.java:42 promovalidator promo validator java 42",
            "HTTPServerError|httpservererror http server error",
    })
    void opsIndexAnalysisKeepsTechnicalTokensAndTheirParts(String text, String expected) throws IOException {
        assertEquals(List.of(expected.split(" ")), tokens(SearchAnalyzers.index(), IndexFields.OPS, text));
    }

    @Test
    void opsPartsAreStackedAtTheSamePosition() throws IOException {
        List<Integer> increments = new ArrayList<>();
        try (TokenStream ts = SearchAnalyzers.index().tokenStream(IndexFields.OPS, "crash in NullPointerException now")) {
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                increments.add(inc.getPositionIncrement());
            }
            ts.end();
        }
        assertEquals(List.of(1, 1, 1, 0, 0, 0, 1), increments);
    }

    @Test
    void opsQuerySideDoesNotSplitSoAnExceptionNameMatchesOnlyItself() throws IOException {
        assertEquals(List.of("nullpointerexception"), tokens(SearchAnalyzers.query(), IndexFields.OPS, "NullPointerException"));
        assertEquals(List.of("promo_validator", "503"), tokens(SearchAnalyzers.query(), IndexFields.OPS, "promo_validator 503"));
    }

    @Test
    void proseIsStemmedWithoutStopWords() throws IOException {
        assertEquals(List.of("databas", "connect", "time", "out", "under", "load"),
                tokens(SearchAnalyzers.index(), IndexFields.SYMPTOM, "The database connections timed out under the load"));
        List<String> crash = tokens(SearchAnalyzers.query(), IndexFields.BODY, "crashing crashes crashed");
        assertEquals(1, crash.stream().distinct().count(), crash.toString());
    }

    @Test
    void keywordFieldsAreExact() throws IOException {
        assertEquals(List.of("orders-api"), tokens(SearchAnalyzers.query(), IndexFields.SERVICE, "orders-api"));
        assertEquals(List.of("P1"), tokens(SearchAnalyzers.query(), IndexFields.PRIORITY, "P1"));
    }

    @Test
    void stopWordsAreKeptInTheOpsField() throws IOException {
        List<String> ops = tokens(SearchAnalyzers.index(), IndexFields.OPS, "is not null");
        assertTrue(ops.contains("not"));
        assertFalse(tokens(SearchAnalyzers.index(), IndexFields.BODY, "is not null").contains("not"));
    }
}
