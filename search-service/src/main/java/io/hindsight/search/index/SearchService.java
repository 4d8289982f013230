package io.hindsight.search.index;

import io.hindsight.problem.ParameterValues;
import io.hindsight.problem.ProblemException;
import io.hindsight.search.rest.SearchHit;
import io.hindsight.search.rest.SearchResults;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;

/**
 * Answers search queries against the index: parsing, filters, access, ranking by field weight, facets, pagination
 * and snippets.
 */
@ApplicationScoped
public class SearchService {

    /** Prose fields and the operations field searched by default, with their weights. */
    static final Map<String, Float> BOOSTS = Map.of(IndexFields.TITLE, 4f, IndexFields.SYMPTOM, 3f,
            IndexFields.ROOT_CAUSE, 2f, IndexFields.BODY, 1f, IndexFields.OPS, 1.5f);
    static final String[] FIELDS = BOOSTS.keySet().toArray(String[]::new);
    /** Fields a query may name with field:value. */
    static final Set<String> QUERY_FIELDS = Set.of(IndexFields.TITLE, IndexFields.SYMPTOM, IndexFields.ROOT_CAUSE,
            IndexFields.BODY, IndexFields.OPS, IndexFields.SERVICE, IndexFields.STATUS, IndexFields.PRIORITY,
            IndexFields.CATEGORY, IndexFields.TYPE, IndexFields.ID, IndexFields.NAME);
    static final Set<String> PRIORITIES = Set.of("P0", "P1", "P2");
    static final Set<String> STATUSES = Set.of("INVESTIGATING", "ROOT_CAUSE_FOUND", "FIX_IN_PROGRESS", "DEPLOYED", "RESOLVED",
            "DRAFT", "IN_REVIEW", "PUBLISHED", "OPEN", "IN_PROGRESS", "DONE", "WONT_DO");
    static final int MAX_WINDOW = 10_000;
    /** The stored fields a hit shows (not the whole source snapshot). */
    static final Set<String> HIT_FIELDS = Set.of(IndexFields.TYPE, IndexFields.ID, IndexFields.TITLE, IndexFields.SYMPTOM,
            IndexFields.ROOT_CAUSE, IndexFields.STATUS, IndexFields.PRIORITY, IndexFields.SERVICE, IndexFields.CATEGORY,
            IndexFields.VISIBILITY, IndexFields.DATE, IndexFields.UPDATED);
    static final int MAX_CLAUSES = 256;
    static final int MAX_FILTER_VALUES = 20;

    private final IndexWriterLifecycle index;
    private final Analyzer queryAnalyzer = SearchAnalyzers.query();
    private final Analyzer highlightAnalyzer = SearchAnalyzers.index();

    public SearchService(IndexWriterLifecycle index) {
        this.index = index;
    }

    public SearchResults search(SearchRequest request, Access access) {
        if (request.offset() + request.limit() > MAX_WINDOW) {
            throw ProblemException.badRequest("offset + limit may not exceed " + MAX_WINDOW + "; refine the query instead");
        }
        Query text = parse(request.q());
        BooleanQuery.Builder builder = new BooleanQuery.Builder().add(text, BooleanClause.Occur.MUST);
        filters(request, builder);
        access.excludeHiddenFrom(builder); // the text clause is required, so exclusions suffice
        Query query = builder.build();
        boolean recent = sortByRecency(request.sort(), text);
        List<String> facets = facets(request.facets());
        return index.withQuerySearcher(access, searcher -> {
            int window = request.offset() + request.limit();
            TopDocs top;
            try {
                top = recent
                        ? searcher.search(query, window, new Sort(new SortField(IndexFields.DATE, SortField.Type.LONG, true),
                        new SortField(IndexFields.UPDATED, SortField.Type.LONG, true)), true)
                        : searcher.search(query, window);
            } catch (IndexSearcher.TooManyClauses e) {
                throw ProblemException.badRequest("The query expands to too many terms; use fewer wildcards");
            }
            ScoreDoc[] page = top.scoreDocs.length <= request.offset() ? new ScoreDoc[0]
                    : Arrays.copyOfRange(top.scoreDocs, request.offset(), top.scoreDocs.length);
            // each hit's stored fields are read once (one StoredFields for the page): the hit and its snippet use them
            StoredFields stored = searcher.storedFields();
            Map<Integer, Document> docs = new HashMap<>(page.length * 2);
            for (ScoreDoc sd : page) {
                docs.put(sd.doc, stored.document(sd.doc, HIT_FIELDS));
            }
            String[] snippets = snippets(searcher, text, page, docs);
            List<SearchHit> hits = new ArrayList<>(page.length);
            for (int i = 0; i < page.length; i++) {
                hits.add(hit(docs.get(page[i].doc), snippets[i], page[i].score));
            }
            Map<String, Map<String, Long>> facetCounts = facets.isEmpty() ? Map.of()
                    : searcher.search(query, new FacetCounts(facets));
            return new SearchResults(request.q(), top.totalHits.value, request.offset(), request.limit(),
                    recent ? "recent" : "relevance", hits, facetCounts);
        });
    }

    static SearchHit hit(Document doc, String snippet, float score) {
        String shown = snippet != null && !snippet.isBlank() ? snippet : escapedStart(firstNonEmpty(doc.get(IndexFields.SYMPTOM),
                doc.get(IndexFields.ROOT_CAUSE), doc.get(IndexFields.TITLE)));
        return new SearchHit(doc.get(IndexFields.TYPE), doc.get(IndexFields.ID), doc.get(IndexFields.TITLE), shown,
                Float.isNaN(score) ? 0f : score, doc.get(IndexFields.STATUS), doc.get(IndexFields.PRIORITY),
                Arrays.asList(doc.getValues(IndexFields.SERVICE)), Arrays.asList(doc.getValues(IndexFields.CATEGORY)),
                doc.get(IndexFields.VISIBILITY), instant(doc, IndexFields.DATE), instant(doc, IndexFields.UPDATED));
    }

    private static Instant instant(Document doc, String field) {
        var value = doc.getField(field);
        return value == null || value.numericValue() == null ? null : Instant.ofEpochMilli(value.numericValue().longValue());
    }

    private static boolean sortByRecency(String sort, Query text) {
        if (sort == null || sort.isBlank()) {
            return text instanceof MatchAllDocsQuery;
        }
        return switch (sort) {
            case "relevance" -> false;
            case "recent" -> true;
            default -> throw ProblemException.badRequest("sort must be 'relevance' or 'recent', not '" + abbreviate(sort) + "'");
        };
    }

    private static List<String> facets(List<String> requested) {
        List<String> facets = new ArrayList<>();
        for (String f : requested == null ? List.<String>of() : requested) {
            for (String name : f.split(",")) {
                if (name.isBlank()) {
                    continue;
                }
                if (!IndexFields.FACETS.contains(name.trim())) {
                    throw ProblemException.badRequest("Unknown facet '" + abbreviate(name) + "'; facets are " + IndexFields.FACETS);
                }
                facets.add(name.trim());
            }
        }
        return List.copyOf(new LinkedHashSet<>(facets));
    }

    private static void filters(SearchRequest r, BooleanQuery.Builder builder) {
        filter(builder, IndexFields.TYPE, r.types(), "type", Set.copyOf(KnowledgeDocuments.TYPES));
        filter(builder, IndexFields.SERVICE, r.services(), "service", null);
        filter(builder, IndexFields.PRIORITY, r.priorities(), "priority", PRIORITIES);
        filter(builder, IndexFields.CATEGORY, lower(r.categories()), "category", null);
        filter(builder, IndexFields.STATUS, r.statuses(), "status", STATUSES);
        long from = r.from() == null || r.from().isBlank() ? Long.MIN_VALUE : time(r.from(), "from", false);
        long to = r.to() == null || r.to().isBlank() ? Long.MAX_VALUE : time(r.to(), "to", true);
        if (from > to) {
            throw ProblemException.badRequest("from must not be after to");
        }
        if (from != Long.MIN_VALUE || to != Long.MAX_VALUE) {
            builder.add(LongPoint.newRangeQuery(IndexFields.DATE, from, to), BooleanClause.Occur.FILTER);
        }
    }

    private static List<String> lower(List<String> values) {
        return values == null ? List.of() : values.stream().map(v -> v.toLowerCase(java.util.Locale.ROOT)).toList();
    }

    private static void filter(BooleanQuery.Builder builder, String field, List<String> values, String name, Set<String> allowed) {
        List<String> split = new ArrayList<>();
        for (String v : values == null ? List.<String>of() : values) {
            for (String part : v.split(",")) {
                if (!part.isBlank()) {
                    split.add(part.trim());
                }
            }
        }
        if (split.isEmpty()) {
            return;
        }
        if (split.size() > MAX_FILTER_VALUES) {
            throw ProblemException.badRequest("At most " + MAX_FILTER_VALUES + " values of " + name);
        }
        BooleanQuery.Builder any = new BooleanQuery.Builder();
        for (String value : split) {
            if (value.length() > 100 || (allowed != null && !allowed.contains(value))) {
                throw ProblemException.badRequest("Unknown " + name + " '" + abbreviate(value) + "'"
                        + (allowed == null ? "" : "; one of " + new java.util.TreeSet<>(allowed)));
            }
            any.add(new TermQuery(new Term(field, value)), BooleanClause.Occur.SHOULD);
        }
        builder.add(any.build(), BooleanClause.Occur.FILTER);
    }

    /** An ISO date (2026-11-27, whole day in UTC) or instant (2026-11-27T10:00:00Z), as epoch millis. */
    static long time(String value, String name, boolean endOfDay) {
        return ParameterValues.dateOrInstantMillis(name, value, endOfDay);
    }

    Query parse(String q) {
        if (q == null || q.isBlank()) {
            return new MatchAllDocsQuery();
        }
        MultiFieldQueryParser parser = new MultiFieldQueryParser(FIELDS, queryAnalyzer, BOOSTS);
        parser.setDefaultOperator(QueryParser.Operator.OR);
        parser.setSplitOnWhitespace(true);
        Query query;
        try {
            query = parser.parse(q);
        } catch (ParseException | RuntimeException e) {
            throw ProblemException.badRequest("The query cannot be parsed: " + abbreviate(firstLine(e.getMessage()))
                    + ". Quote a phrase with \"...\", or escape special characters such as : ( ) [ ] with a backslash.");
        }
        checkFieldsAndSize(query);
        return query;
    }

    private static void checkFieldsAndSize(Query query) {
        int[] clauses = {0};
        Set<String> unknown = new LinkedHashSet<>();
        query.visit(new org.apache.lucene.search.QueryVisitor() {
            @Override
            public boolean acceptField(String field) {
                if (!QUERY_FIELDS.contains(field)) {
                    unknown.add(field);
                }
                return true;
            }

            @Override
            public void consumeTerms(Query q, Term... terms) {
                clauses[0] += terms.length;
            }

            @Override
            public void visitLeaf(Query q) {
                clauses[0]++;
            }

            @Override
            public org.apache.lucene.search.QueryVisitor getSubVisitor(BooleanClause.Occur occur, Query parent) {
                return this;
            }
        });
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("Unknown field(s) " + unknown + "; a query may name " + new java.util.TreeSet<>(QUERY_FIELDS));
        }
        if (clauses[0] > MAX_CLAUSES) {
            throw ProblemException.badRequest("The query has too many terms (" + clauses[0] + " > " + MAX_CLAUSES + ")");
        }
    }

    private String[] snippets(IndexSearcher searcher, Query query, ScoreDoc[] page, Map<Integer, Document> loaded) throws IOException {
        if (page.length == 0 || query instanceof MatchAllDocsQuery) {
            return new String[page.length];
        }
        UnifiedHighlighter highlighter = new SnippetHighlighter(searcher, highlightAnalyzer, loaded);
        // the first of these fields with a marked passage is the snippet: later fields are only cut for hits still without one
        String[] fields = {IndexFields.SYMPTOM, IndexFields.ROOT_CAUSE, IndexFields.TITLE};
        int[] passages = {2, 2, 1};
        String[] snippets = new String[page.length];
        List<Integer> pending = new ArrayList<>(page.length);
        for (int i = 0; i < page.length; i++) {
            pending.add(i);
        }
        for (int f = 0; f < fields.length && !pending.isEmpty(); f++) {
            int[] docs = new int[pending.size()];
            for (int k = 0; k < docs.length; k++) {
                docs[k] = page[pending.get(k)].doc;
            }
            String[] cut = highlighter.highlightFields(new String[]{fields[f]}, query, docs, new int[]{passages[f]}).get(fields[f]);
            List<Integer> still = new ArrayList<>();
            for (int k = 0; k < docs.length; k++) {
                if (cut[k] != null && cut[k].contains("<mark>")) {
                    snippets[pending.get(k)] = cut[k];
                } else {
                    still.add(pending.get(k));
                }
            }
            pending = still;
        }
        return snippets;
    }

    static String firstNonEmpty(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return "";
    }

    static String escapedStart(String text) {
        if (text == null) {
            return "";
        }
        String start = text.length() > 240 ? io.hindsight.problem.WellFormedText.prefix(text, 240) + " …" : text;
        return escape(start);
    }

    static String escape(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
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

    static String abbreviate(String s) {
        return s == null ? "" : s.length() > 80 ? io.hindsight.problem.WellFormedText.prefix(s, 80) + "…" : s;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
