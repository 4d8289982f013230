package io.hindsight.search.index;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.search.rest.SimilarMatch;
import io.hindsight.search.rest.SimilarRequest;
import io.hindsight.search.rest.SimilarResults;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.DisjunctionMaxQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Matches;
import org.apache.lucene.search.MatchesIterator;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.Weight;

/**
 * "What worked last time": finds past incidents, post-mortems and lessons like a new symptom. Like MoreLikeThis,
 * it keeps the request's most distinctive terms (by inverse document frequency, both prose stems and operations
 * tokens), searches them with the field weights of search, boosts the same service, and explains each match
 * by the request words it shares. Drills are left out unless asked for.
 */
@ApplicationScoped
public class SimilarService {

    static final int MAX_TERMS = 30;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, Float> PROSE = Map.of(IndexFields.TITLE, 4f, IndexFields.SYMPTOM, 3f,
            IndexFields.ROOT_CAUSE, 2f, IndexFields.BODY, 1f);

    private final IndexWriterLifecycle index;
    private final Analyzer english = SearchAnalyzers.english();
    private final Analyzer ops = SearchAnalyzers.ops(false);

    public SimilarService(IndexWriterLifecycle index) {
        this.index = index;
    }

    /** A term of the request: its field (body for prose stems, ops for technical tokens), and the word it came from. */
    record RequestTerm(String field, String term, String word, int freq) {
    }

    public SimilarResults similar(SimilarRequest request, Access access) {
        StringBuilder text = new StringBuilder(request.symptom());
        if (request.title() != null) {
            text.append('\n').append(request.title());
        }
        if (request.labels() != null) {
            request.labels().values().forEach(v -> text.append('\n').append(v));
        }
        int limit = request.limit() == null ? 5 : request.limit();
        return index.withQuerySearcher(access, searcher -> {
            List<RequestTerm> terms = distinctiveTerms(searcher, text.toString());
            if (terms.isEmpty()) {
                return new SimilarResults(List.of(), List.of());
            }
            BooleanQuery.Builder like = new BooleanQuery.Builder();
            for (RequestTerm t : terms) {
                if (IndexFields.OPS.equals(t.field())) {
                    like.add(new BoostQuery(new TermQuery(new Term(IndexFields.OPS, t.term())), 1.5f), BooleanClause.Occur.SHOULD);
                } else {
                    List<Query> perField = new ArrayList<>();
                    PROSE.forEach((field, boost) -> perField.add(new BoostQuery(new TermQuery(new Term(field, t.term())), boost)));
                    like.add(new DisjunctionMaxQuery(perField, 0.1f), BooleanClause.Occur.SHOULD);
                }
            }
            BooleanQuery.Builder query = new BooleanQuery.Builder().add(like.build(), BooleanClause.Occur.MUST);
            for (String service : request.services() == null ? List.<String>of() : request.services()) {
                query.add(new BoostQuery(new TermQuery(new Term(IndexFields.SERVICE, service)), 2f), BooleanClause.Occur.SHOULD);
            }
            BooleanQuery.Builder types = new BooleanQuery.Builder();
            for (String type : List.of(KnowledgeDocuments.INCIDENT, KnowledgeDocuments.POSTMORTEM, KnowledgeDocuments.LESSON)) {
                types.add(new TermQuery(new Term(IndexFields.TYPE, type)), BooleanClause.Occur.SHOULD);
            }
            query.add(types.build(), BooleanClause.Occur.FILTER);
            if (!Boolean.TRUE.equals(request.includeDrills())) {
                query.add(new TermQuery(new Term(IndexFields.DRILL, "true")), BooleanClause.Occur.MUST_NOT);
            }
            if (request.excludeIncidentId() != null && !request.excludeIncidentId().isBlank()) {
                query.add(new TermQuery(new Term(IndexFields.UID, KnowledgeDocuments.uid(KnowledgeDocuments.INCIDENT,
                        request.excludeIncidentId()))), BooleanClause.Occur.MUST_NOT);
            }
            access.addTo(query);
            Query built = query.build();
            TopDocs top = searcher.search(built, limit);
            Weight weight = searcher.createWeight(searcher.rewrite(like.build()), ScoreMode.COMPLETE_NO_SCORES, 1f);
            Map<String, String> wordOf = new HashMap<>();
            terms.forEach(t -> wordOf.putIfAbsent(t.field() + ":" + t.term(), t.word()));
            List<SimilarMatch> matches = new ArrayList<>();
            for (ScoreDoc sd : top.scoreDocs) {
                Document doc = searcher.storedFields().document(sd.doc);
                matches.add(card(searcher, doc, sd.score, matchedWords(searcher, weight, sd.doc, wordOf), access));
            }
            return new SimilarResults(terms.stream().map(RequestTerm::word).distinct().toList(), matches);
        });
    }

    /** The request's terms that occur in the index, most distinctive first (tf × idf), at most {@link #MAX_TERMS}. */
    private List<RequestTerm> distinctiveTerms(IndexSearcher searcher, String text) throws IOException {
        Map<String, RequestTerm> terms = new LinkedHashMap<>();
        collect(english, IndexFields.BODY, text, terms);
        collect(ops, IndexFields.OPS, text, terms);
        // over what the caller may see only: a word only a draft holds is, to a responder, a word that occurs nowhere
        VisibleStatsSearcher visible = searcher instanceof VisibleStatsSearcher v ? v : null;
        long docs = Math.max(1, visible == null ? searcher.getIndexReader().numDocs() : visible.visibleDocs());
        Map<RequestTerm, Double> weights = new HashMap<>();
        for (RequestTerm t : terms.values()) {
            Term term = new Term(t.field(), t.term());
            long df = visible == null ? searcher.getIndexReader().docFreq(term) : visible.visibleDocFreq(term);
            if (df == 0 || t.term().length() < 2) {
                continue;
            }
            double idf = Math.log(1 + (docs - df + 0.5) / (df + 0.5));
            if (idf > 0.05) {
                weights.put(t, t.freq() * idf);
            }
        }
        return weights.entrySet().stream()
                .sorted(Map.Entry.<RequestTerm, Double>comparingByValue().reversed())
                .limit(MAX_TERMS).map(Map.Entry::getKey).toList();
    }

    private static void collect(Analyzer analyzer, String field, String text, Map<String, RequestTerm> terms) throws IOException {
        try (TokenStream ts = analyzer.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            ts.reset();
            while (ts.incrementToken() && terms.size() < 2000) {
                String t = term.toString();
                String word = text.substring(offset.startOffset(), offset.endOffset());
                terms.merge(field + ":" + t, new RequestTerm(field, t, word, 1),
                        (a, b) -> new RequestTerm(a.field(), a.term(), a.word(), a.freq() + 1));
            }
            ts.end();
        }
    }

    /** The request words a document shares, from the matches of the term query in that document. */
    private static List<String> matchedWords(IndexSearcher searcher, Weight weight, int doc, Map<String, String> wordOf) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        Matches matches = weight.matches(leaf, doc - leaf.docBase);
        Set<String> words = new LinkedHashSet<>();
        if (matches == null) {
            return List.of();
        }
        for (String field : matches) {
            MatchesIterator it = matches.getMatches(field);
            if (it == null) {
                continue;
            }
            while (it.next()) {
                Query q = it.getQuery();
                if (q instanceof TermQuery tq) {
                    String word = wordOf.get((IndexFields.OPS.equals(field) ? IndexFields.OPS : IndexFields.BODY) + ":" + tq.getTerm().text());
                    if (word != null) {
                        words.add(word);
                    }
                }
            }
        }
        return List.copyOf(words);
    }

    private SimilarMatch card(IndexSearcher searcher, Document doc, float score, List<String> matched, Access access) throws IOException {
        String type = doc.get(IndexFields.TYPE);
        JsonNode source = parse(doc.get(IndexFields.SOURCE));
        String rootCause = doc.get(IndexFields.ROOT_CAUSE);
        List<SimilarMatch.Fix> fixes = new ArrayList<>();
        List<String> lessons = new ArrayList<>();
        String prevention = null;
        String incidentId = null;
        String postmortemId = null;
        switch (type) {
            case KnowledgeDocuments.INCIDENT -> {
                incidentId = doc.get(IndexFields.ID);
                fixes.addAll(fixes(source));
                Document pm = first(searcher, new TermQuery(new Term(IndexFields.INCIDENT_ID, incidentId)), KnowledgeDocuments.POSTMORTEM, access);
                if (pm != null) {
                    JsonNode pmSource = parse(pm.get(IndexFields.SOURCE));
                    postmortemId = pm.get(IndexFields.ID);
                    rootCause = blank(rootCause) ? pm.get(IndexFields.ROOT_CAUSE) : rootCause;
                    lessons.addAll(lessonTitles(pmSource));
                    prevention = text(pmSource, "prevention");
                }
            }
            case KnowledgeDocuments.POSTMORTEM -> {
                postmortemId = doc.get(IndexFields.ID);
                incidentId = doc.get(IndexFields.INCIDENT_ID);
                lessons.addAll(lessonTitles(source));
                prevention = text(source, "prevention");
                if (incidentId != null) {
                    Document in = first(searcher, new TermQuery(new Term(IndexFields.UID,
                            KnowledgeDocuments.uid(KnowledgeDocuments.INCIDENT, incidentId))), KnowledgeDocuments.INCIDENT, access);
                    if (in != null) {
                        fixes.addAll(fixes(parse(in.get(IndexFields.SOURCE))));
                    }
                }
            }
            default -> lessons.add(doc.get(IndexFields.TITLE));
        }
        String symptom = doc.get(IndexFields.SYMPTOM);
        return new SimilarMatch(type, doc.get(IndexFields.ID), doc.get(IndexFields.TITLE), score, matched,
                blank(symptom) ? text(source, "body") : symptom, blank(rootCause) ? null : rootCause.strip(), fixes, lessons,
                prevention, incidentId, postmortemId, doc.get(IndexFields.PRIORITY), Arrays.asList(doc.getValues(IndexFields.SERVICE)),
                doc.getField(IndexFields.DATE) == null ? null
                        : java.time.Instant.ofEpochMilli(doc.getField(IndexFields.DATE).numericValue().longValue()));
    }

    private static Document first(IndexSearcher searcher, Query key, String type, Access access) throws IOException {
        BooleanQuery.Builder q = new BooleanQuery.Builder().add(key, BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.TYPE, type)), BooleanClause.Occur.FILTER);
        access.addTo(q);
        TopDocs top = searcher.search(q.build(), 1);
        return top.scoreDocs.length == 0 ? null : searcher.storedFields().document(top.scoreDocs[0].doc);
    }

    private static List<SimilarMatch.Fix> fixes(JsonNode incident) {
        List<SimilarMatch.Fix> fixes = new ArrayList<>();
        for (JsonNode c : incident.path("changes")) {
            if ("IMPROVED".equals(text(c, "outcome"))) {
                fixes.add(new SimilarMatch.Fix(text(c, "description"), text(c, "revertPlan"), text(c, "appliedAt")));
            }
        }
        return fixes;
    }

    private static List<String> lessonTitles(JsonNode postmortem) {
        List<String> titles = new ArrayList<>();
        for (JsonNode l : postmortem.path("lessons")) {
            if (text(l, "title") != null) {
                titles.add(text(l, "title"));
            }
        }
        return titles;
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? JSON.createObjectNode() : JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
