package io.hindsight.search.index;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;

/**
 * Counts the values of keyword fields over the documents a query matches, from their sorted-set doc values
 * (ordinals counted per segment, resolved to strings once per segment).
 */
final class FacetCounts implements CollectorManager<FacetCounts.Counter, Map<String, Map<String, Long>>> {

    private final List<String> fields;

    FacetCounts(List<String> fields) {
        this.fields = fields;
    }

    @Override
    public Counter newCollector() {
        return new Counter(fields);
    }

    @Override
    public Map<String, Map<String, Long>> reduce(Collection<Counter> collectors) {
        Map<String, Map<String, Long>> merged = new LinkedHashMap<>();
        for (String field : fields) {
            Map<String, Long> counts = new HashMap<>();
            for (Counter c : collectors) {
                c.flush();
                c.counts.get(field).forEach((k, v) -> counts.merge(k, v, Long::sum));
            }
            List<Map.Entry<String, Long>> sorted = new ArrayList<>(counts.entrySet());
            sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
            Map<String, Long> top = new LinkedHashMap<>();
            for (Map.Entry<String, Long> e : sorted.subList(0, Math.min(50, sorted.size()))) {
                top.put(e.getKey(), e.getValue());
            }
            merged.put(field, top);
        }
        return merged;
    }

    static final class Counter implements Collector {
        private final List<String> fields;
        private final Map<String, Map<String, Long>> counts = new HashMap<>();
        private SortedSetDocValues[] values;
        private long[][] ords;

        Counter(List<String> fields) {
            this.fields = fields;
            fields.forEach(f -> counts.put(f, new HashMap<>()));
        }

        @Override
        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
            flush();
            values = new SortedSetDocValues[fields.size()];
            ords = new long[fields.size()][];
            for (int i = 0; i < fields.size(); i++) {
                values[i] = DocValues.getSortedSet(context.reader(), fields.get(i));
                ords[i] = new long[(int) Math.min(values[i].getValueCount(), Integer.MAX_VALUE)];
            }
            SortedSetDocValues[] leafValues = values;
            long[][] leafOrds = ords;
            return new LeafCollector() {
                @Override
                public void setScorer(Scorable scorer) {
                }

                @Override
                public void collect(int doc) throws IOException {
                    for (int i = 0; i < leafValues.length; i++) {
                        if (leafValues[i].advanceExact(doc)) {
                            for (int n = 0; n < leafValues[i].docValueCount(); n++) {
                                leafOrds[i][(int) leafValues[i].nextOrd()]++;
                            }
                        }
                    }
                }
            };
        }

        /** Resolves the ordinal counts of the last segment to strings. */
        void flush() {
            if (values == null) {
                return;
            }
            try {
                for (int i = 0; i < values.length; i++) {
                    for (int ord = 0; ord < ords[i].length; ord++) {
                        if (ords[i][ord] > 0) {
                            counts.get(fields.get(i)).merge(values[i].lookupOrd(ord).utf8ToString(), ords[i][ord], Long::sum);
                        }
                    }
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            values = null;
            ords = null;
        }

        @Override
        public ScoreMode scoreMode() {
            return ScoreMode.COMPLETE_NO_SCORES;
        }
    }
}
