package io.hindsight.search.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.uhighlight.DefaultPassageFormatter;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageScorer;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.util.BytesRef;

/**
 * The unified highlighter of one search request, cutting snippets from the documents of the page the request has
 * loaded already, with the results of the stock highlighter but without its per-request overheads (found in a profile
 * of {@code GET /api/search}: together about a quarter of a query's CPU time and most of its garbage):
 * <ul>
 * <li>field values: the stock highlighter reads each page document's stored fields again for every field it cuts
 * (up to three passes); here they come from the documents the hits are built from, read once;</li>
 * <li>field infos: the stock highlighter merges the field infos of every segment (a map per field and segment) to learn
 * a field's index options; the options of a field are the same in every segment, so the first segment that has the
 * field answers;</li>
 * <li>passage scoring: {@link PassageScorer#score} allocates a {@code BytesRefHash} (a 32 kB block) for every candidate
 * passage; {@link Scorer} computes the same score, in the same order of terms, over a small array.</li>
 * </ul>
 */
final class SnippetHighlighter extends UnifiedHighlighter {

    static final int MAX_LENGTH = 10_000;

    private final IndexSearcher searcher;
    private final Map<Integer, Document> documents;

    /** {@code documents}: the stored fields of every document that will be highlighted, by doc id. */
    SnippetHighlighter(IndexSearcher searcher, Analyzer analyzer, Map<Integer, Document> documents) {
        super(UnifiedHighlighter.builder(searcher, analyzer)
                .withFormatter(new DefaultPassageFormatter("<mark>", "</mark>", " … ", true))
                .withFieldMatcher(field -> true) // body and ops terms mark the words they share with the shown fields
                .withMaxLength(MAX_LENGTH)
                .withWeightMatches(false)
                .withScorer(new Scorer()));
        this.searcher = searcher;
        this.documents = documents;
    }

    @Override
    protected List<CharSequence[]> loadFieldValues(String[] fields, DocIdSetIterator docIter, int cacheCharsThreshold)
            throws IOException {
        List<CharSequence[]> values = new ArrayList<>();
        for (int doc = docIter.nextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docIter.nextDoc()) {
            Document document = documents.get(doc);
            if (document == null) {
                throw new IllegalStateException("document " + doc + " was not loaded for highlighting");
            }
            CharSequence[] row = new CharSequence[fields.length];
            for (int f = 0; f < fields.length; f++) {
                row[f] = value(document.getValues(fields[f]));
            }
            values.add(row);
        }
        return values;
    }

    /** As the stock stored-field visitor: null without a value, values joined by the separator, at most MAX_LENGTH chars. */
    private static CharSequence value(String[] values) {
        if (values.length == 0) {
            return null;
        }
        String joined = values.length == 1 ? values[0] : String.join(String.valueOf(MULTIVAL_SEP_CHAR), values);
        return joined.length() > MAX_LENGTH ? io.hindsight.problem.WellFormedText.prefix(joined, MAX_LENGTH) : joined;
    }

    @Override
    protected FieldInfo getFieldInfo(String field) {
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            FieldInfo info = leaf.reader().getFieldInfos().fieldInfo(field);
            if (info != null) {
                return info; // a field has the same index options in every segment (Lucene refuses a change)
            }
        }
        return null;
    }

    /**
     * {@link PassageScorer}'s BM25-like passage score, computed the same way (distinct terms in order of first match,
     * summed in that order) without a hash per passage: a passage has a few matches, a linear scan finds the term.
     */
    static final class Scorer extends PassageScorer {
        @Override
        public float score(Passage passage, int contentLength) {
            int matches = passage.getNumMatches();
            BytesRef[] terms = passage.getMatchTerms();
            int[] freqsInDoc = passage.getMatchTermFreqsInDoc();
            BytesRef[] distinct = new BytesRef[matches];
            int[] inPassage = new int[matches];
            int[] inDoc = new int[matches];
            int size = 0;
            for (int i = 0; i < matches; i++) {
                int t = 0;
                while (t < size && !distinct[t].bytesEquals(terms[i])) {
                    t++;
                }
                if (t == size) {
                    distinct[size] = terms[i];
                    inDoc[size] = freqsInDoc[i];
                    size++;
                }
                inPassage[t]++;
            }
            double score = 0;
            for (int t = 0; t < size; t++) {
                score += tf(inPassage[t], passage.getLength()) * weight(contentLength, inDoc[t]);
            }
            score *= norm(passage.getStartOffset());
            return (float) score;
        }
    }
}
