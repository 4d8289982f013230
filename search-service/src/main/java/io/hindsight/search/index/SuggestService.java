package io.hindsight.search.index;

import io.hindsight.search.rest.Suggestion;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Completions for the search box: services and exception/class names starting with the typed prefix (from the
 * terms of the {@code suggest} field), then titles whose words start with it. Only what the caller may see:
 * every candidate is checked against the access filter.
 */
@ApplicationScoped
public class SuggestService {

    private static final int SCAN = 200;
    private final IndexWriterLifecycle index;
    private final Analyzer english = SearchAnalyzers.english();

    public SuggestService(IndexWriterLifecycle index) {
        this.index = index;
    }

    public List<Suggestion> suggest(String q, int limit, Access access) {
        String prefix = q.strip().toLowerCase(Locale.ROOT);
        if (prefix.isEmpty()) {
            return List.of();
        }
        return index.withQuerySearcher(access, searcher -> {
            List<Suggestion> out = new ArrayList<>();
            terms(searcher, prefix, limit, access, out);
            titles(searcher, prefix, limit, access, out);
            return out;
        });
    }

    private static void terms(IndexSearcher searcher, String prefix, int limit, Access access, List<Suggestion> out) throws IOException {
        Set<String> keys = new LinkedHashSet<>();
        for (LeafReaderContext leaf : searcher.getIndexReader().leaves()) {
            Terms terms = leaf.reader().terms(IndexFields.SUGGEST);
            if (terms == null) {
                continue;
            }
            TermsEnum it = terms.iterator();
            if (it.seekCeil(new BytesRef(prefix)) == TermsEnum.SeekStatus.END) {
                continue;
            }
            // the scan budget counts only keys the caller may see: a draft's keys must not push a visible one out
            VisibleStatsSearcher visible = searcher instanceof VisibleStatsSearcher v ? v : null;
            int scanned = 0;
            do {
                String key = it.term().utf8ToString();
                if (!key.startsWith(prefix)) {
                    break;
                }
                if (visible == null || visible.anyVisible(leaf, it)) {
                    keys.add(key);
                    scanned++;
                }
            } while (scanned < SCAN && it.next() != null);
        }
        for (String key : keys.stream().sorted().toList()) {
            if (out.size() >= limit) {
                return;
            }
            BooleanQuery.Builder visible = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.SUGGEST, key)), BooleanClause.Occur.FILTER);
            access.addTo(visible);
            if (searcher.count(visible.build()) > 0) {
                String[] parts = key.split("\u001f", 3);
                out.add(new Suggestion(parts[2], parts[1], null, null));
            }
        }
    }

    private void titles(IndexSearcher searcher, String prefix, int limit, Access access, List<Suggestion> out) throws IOException {
        if (out.size() >= limit) {
            return;
        }
        String[] words = prefix.split("\\s+");
        String last = words[words.length - 1];
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        for (int i = 0; i < words.length - 1 && i < 10; i++) {
            for (String stem : stems(words[i])) {
                query.add(new TermQuery(new Term(IndexFields.TITLE, stem)), BooleanClause.Occur.MUST);
            }
        }
        BooleanQuery.Builder lastWord = new BooleanQuery.Builder()
                .add(new PrefixQuery(new Term(IndexFields.TITLE, last)), BooleanClause.Occur.SHOULD);
        for (String stem : stems(last)) {
            lastWord.add(new TermQuery(new Term(IndexFields.TITLE, stem)), BooleanClause.Occur.SHOULD);
        }
        query.add(lastWord.build(), BooleanClause.Occur.MUST);
        access.addTo(query);
        Set<String> seen = new LinkedHashSet<>();
        for (ScoreDoc sd : searcher.search(query.build(), limit * 2).scoreDocs) {
            Document doc = searcher.storedFields().document(sd.doc);
            String title = doc.get(IndexFields.TITLE);
            if (out.size() < limit && title != null && seen.add(title)) {
                out.add(new Suggestion(title, "title", doc.get(IndexFields.TYPE), doc.get(IndexFields.ID)));
            }
        }
    }

    private List<String> stems(String word) throws IOException {
        List<String> stems = new ArrayList<>();
        try (TokenStream ts = english.tokenStream(IndexFields.TITLE, word)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                stems.add(term.toString());
            }
            ts.end();
        }
        return stems;
    }
}
