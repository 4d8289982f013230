package io.hindsight.search.index;

import io.hindsight.problem.ProblemException;
import io.hindsight.search.rest.SearchHit;
import io.hindsight.search.rest.SearchResults;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.lucene.document.Document;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.TopFieldCollector;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/** Answers search queries against the index: parsing, ranking by field weight, pagination and snippets. */
@ApplicationScoped
public class SearchService {

    static final String[] FIELDS = {IndexFields.TITLE, IndexFields.SYMPTOM, IndexFields.BODY};
    static final Map<String, Float> BOOSTS = Map.of(IndexFields.TITLE, 3f, IndexFields.SYMPTOM, 2f, IndexFields.BODY, 1f);
    private static final int MAX_WINDOW = 10_000;

    private final IndexWriterLifecycle index;

    public SearchService(IndexWriterLifecycle index) {
        this.index = index;
    }

    public SearchResults search(String q, int offset, int limit) {
        Query query = parse(q);
        if (offset + limit > MAX_WINDOW) {
            throw ProblemException.badRequest("offset + limit may not exceed " + MAX_WINDOW + "; refine the query instead");
        }
        return index.withSearcher(searcher -> {
            TopDocs top = query instanceof MatchAllDocsQuery
                    ? searcher.search(query, offset + limit, new Sort(new SortField(IndexFields.UPDATED, SortField.Type.LONG, true)))
                    : searcher.search(query, offset + limit);
            ScoreDoc[] page = top.scoreDocs.length <= offset ? new ScoreDoc[0]
                    : Arrays.copyOfRange(top.scoreDocs, offset, top.scoreDocs.length);
            String[] snippets = snippets(searcher, query, page);
            List<SearchHit> hits = new ArrayList<>(page.length);
            for (int i = 0; i < page.length; i++) {
                Document doc = searcher.storedFields().document(page[i].doc);
                String snippet = snippets[i] != null ? snippets[i] : escapedStart(doc.get(IndexFields.SYMPTOM));
                String updated = doc.get(IndexFields.UPDATED);
                hits.add(new SearchHit(doc.get(IndexFields.TYPE), doc.get(IndexFields.ID), doc.get(IndexFields.TITLE), snippet,
                        Float.isNaN(page[i].score) ? 0f : page[i].score, doc.get(IndexFields.STATUS), doc.get(IndexFields.PRIORITY),
                        Arrays.asList(doc.getValues(IndexFields.SERVICE)),
                        updated == null ? null : Instant.ofEpochMilli(Long.parseLong(updated))));
            }
            return new SearchResults(q, top.totalHits.value, offset, limit, hits);
        });
    }

    Query parse(String q) {
        if (q == null || q.isBlank()) {
            return new MatchAllDocsQuery();
        }
        MultiFieldQueryParser parser = new MultiFieldQueryParser(FIELDS, index.analyzer(), BOOSTS);
        parser.setDefaultOperator(QueryParser.Operator.OR);
        try {
            return parser.parse(q);
        } catch (ParseException | RuntimeException e) {
            throw ProblemException.badRequest("The query cannot be parsed: " + firstLine(e.getMessage())
                    + ". Quote a phrase with \"...\", or escape special characters such as : ( ) [ ] with a backslash.");
        }
    }

    private static String[] snippets(IndexSearcher searcher, Query query, ScoreDoc[] page) throws java.io.IOException {
        if (page.length == 0 || query instanceof MatchAllDocsQuery) {
            return new String[page.length];
        }
        UnifiedHighlighter highlighter = UnifiedHighlighter.builder(searcher, SearchAnalyzers.create())
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withMaxLength(10_000)
                .build();
        int[] docs = new int[page.length];
        for (int i = 0; i < page.length; i++) {
            docs[i] = page[i].doc;
        }
        Map<String, String[]> byField = highlighter.highlightFields(new String[]{IndexFields.SYMPTOM}, query, docs, new int[]{2});
        return byField.get(IndexFields.SYMPTOM);
    }

    private static String escapedStart(String text) {
        if (text == null) {
            return "";
        }
        String start = text.length() > 240 ? text.substring(0, 240) + " …" : text;
        StringBuilder sb = new StringBuilder(start.length());
        for (char c : start.toCharArray()) {
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
