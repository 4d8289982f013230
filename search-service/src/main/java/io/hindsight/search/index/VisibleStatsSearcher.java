package io.hindsight.search.index;

import java.io.IOException;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.CollectionStatistics;
import org.apache.lucene.search.DocIdSetIterator;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermStatistics;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.FixedBitSet;
import org.apache.lucene.util.SmallFloat;

/**
 * A searcher whose term and collection statistics count only the documents the caller may see. BM25's idf and
 * average length, similar's choice of distinctive terms, the highlighter's passage scores: with the index-wide
 * statistics each of them moves when a draft is added, so scores and echoed terms told a responder which words the
 * drafts hold. Here a document the caller may not see contributes nothing: document frequencies are counted over
 * the visible postings, field lengths summed over the visible documents (from the norms, the lengths BM25 scores
 * with). Collection statistics are cached per segment and access level (segments are immutable; the cache key
 * changes with deletions).
 */
final class VisibleStatsSearcher extends IndexSearcher {

    private record FieldStats(long docCount, long sumTotalTermFreq) {
    }

    private static final Map<IndexReader.CacheKey, Map<String, FieldStats>> CACHE = Collections.synchronizedMap(new WeakHashMap<>());

    private final Access access;
    private final Map<Object, FixedBitSet> hidden = new HashMap<>();

    VisibleStatsSearcher(IndexReader reader, Access access) {
        super(reader);
        this.access = access;
    }

    /** The hidden documents of a segment (drafts, and reviews unless the caller may see them): few, from their postings. */
    private FixedBitSet hidden(LeafReaderContext leaf) throws IOException {
        Object key = leaf.reader().getCoreCacheHelper() == null ? leaf : leaf.reader().getCoreCacheHelper().getKey();
        FixedBitSet bits = hidden.get(key);
        if (bits == null) {
            bits = new FixedBitSet(Math.max(1, leaf.reader().maxDoc()));
            mark(leaf.reader(), IndexFields.DRAFT, bits);
            if (!access.inReview()) {
                mark(leaf.reader(), IndexFields.REVIEW, bits);
            }
            hidden.put(key, bits);
        }
        return bits;
    }

    private static void mark(LeafReader reader, String visibility, FixedBitSet bits) throws IOException {
        PostingsEnum p = reader.postings(new Term(IndexFields.VISIBILITY, visibility), PostingsEnum.NONE);
        if (p != null) {
            for (int d = p.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = p.nextDoc()) {
                bits.set(d);
            }
        }
    }

    private boolean visible(LeafReaderContext leaf, int doc) throws IOException {
        Bits live = leaf.reader().getLiveDocs();
        return (live == null || live.get(doc)) && !hidden(leaf).get(doc);
    }

    /** Document frequency and total term frequency of the term over the visible documents. */
    private long[] visibleTermStats(Term term) throws IOException {
        long df = 0;
        long ttf = 0;
        for (LeafReaderContext leaf : getIndexReader().leaves()) {
            Terms terms = leaf.reader().terms(term.field());
            if (terms == null) {
                continue;
            }
            TermsEnum it = terms.iterator();
            if (!it.seekExact(term.bytes())) {
                continue;
            }
            boolean freqs = terms.hasFreqs();
            PostingsEnum p = it.postings(null, freqs ? PostingsEnum.FREQS : PostingsEnum.NONE);
            for (int d = p.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = p.nextDoc()) {
                if (visible(leaf, d)) {
                    df++;
                    ttf += freqs ? p.freq() : 1;
                }
            }
        }
        return new long[] {df, ttf};
    }

    @Override
    public TermStatistics termStatistics(Term term, int docFreq, long totalTermFreq) throws IOException {
        long[] s = visibleTermStats(term);
        // no visible document has the term: no visible document is scored by it either; any valid value does
        return s[0] == 0 ? new TermStatistics(term.bytes(), 1, 1) : new TermStatistics(term.bytes(), s[0], s[1]);
    }

    /** How many visible documents hold the term (0 when none): all similar's term selection may know. */
    long visibleDocFreq(Term term) throws IOException {
        return getIndexReader().docFreq(term) == 0 ? 0 : visibleTermStats(term)[0];
    }

    /** Whether a visible document of this segment holds the term the enum is positioned on. */
    boolean anyVisible(LeafReaderContext leaf, TermsEnum term) throws IOException {
        PostingsEnum p = term.postings(null, PostingsEnum.NONE);
        for (int d = p.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = p.nextDoc()) {
            if (visible(leaf, d)) {
                return true;
            }
        }
        return false;
    }

    /** How many documents the caller may see. */
    long visibleDocs() throws IOException {
        long n = 0;
        for (LeafReaderContext leaf : getIndexReader().leaves()) {
            FixedBitSet h = hidden(leaf);
            Bits live = leaf.reader().getLiveDocs();
            for (int d = 0; d < leaf.reader().maxDoc(); d++) {
                if ((live == null || live.get(d)) && !h.get(d)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Override
    public CollectionStatistics collectionStatistics(String field) throws IOException {
        long docCount = 0;
        long sumTtf = 0;
        for (LeafReaderContext leaf : getIndexReader().leaves()) {
            IndexReader.CacheHelper helper = leaf.reader().getReaderCacheHelper();
            FieldStats s = helper == null ? fieldStats(leaf, field)
                    : CACHE.computeIfAbsent(helper.getKey(), k -> Collections.synchronizedMap(new HashMap<>()))
                    .computeIfAbsent((access.inReview() ? "R:" : "P:") + field, f -> {
                        try {
                            return fieldStats(leaf, field);
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    });
            docCount += s.docCount();
            sumTtf += s.sumTotalTermFreq();
        }
        if (docCount == 0) {
            return null;
        }
        return new CollectionStatistics(field, docCount, docCount, Math.max(sumTtf, docCount), docCount);
    }

    private FieldStats fieldStats(LeafReaderContext leaf, String field) throws IOException {
        LeafReader reader = leaf.reader();
        FieldInfo info = reader.getFieldInfos().fieldInfo(field);
        if (info == null || info.getIndexOptions() == IndexOptions.NONE) {
            return new FieldStats(0, 0);
        }
        long docCount = 0;
        long sumTtf = 0;
        if (info.hasNorms()) {
            NumericDocValues norms = reader.getNormValues(field);
            if (norms != null) {
                for (int d = norms.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = norms.nextDoc()) {
                    if (visible(leaf, d)) {
                        docCount++;
                        sumTtf += SmallFloat.byte4ToInt((byte) norms.longValue());
                    }
                }
            }
            return new FieldStats(docCount, sumTtf);
        }
        // no norms (keyword fields): every document holding a term of the field, once per term
        Terms terms = reader.terms(field);
        if (terms == null) {
            return new FieldStats(0, 0);
        }
        FixedBitSet has = new FixedBitSet(Math.max(1, reader.maxDoc()));
        TermsEnum it = terms.iterator();
        PostingsEnum p = null;
        for (BytesRef t = it.next(); t != null; t = it.next()) {
            p = it.postings(p, PostingsEnum.FREQS);
            for (int d = p.nextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = p.nextDoc()) {
                if (visible(leaf, d)) {
                    has.set(d);
                    sumTtf += terms.hasFreqs() ? p.freq() : 1;
                }
            }
        }
        return new FieldStats(has.cardinality(), sumTtf);
    }
}
