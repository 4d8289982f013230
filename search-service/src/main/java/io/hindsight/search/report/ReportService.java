package io.hindsight.search.report;

import io.hindsight.problem.ParameterValues;
import io.hindsight.problem.ProblemException;
import io.hindsight.search.index.Access;
import io.hindsight.search.index.IndexFields;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.search.index.KnowledgeDocuments;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Collector;
import org.apache.lucene.search.CollectorManager;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.LeafCollector;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Scorable;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.TermInSetQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/**
 * Trend reports for leaders, computed from doc values of the index (no stored fields are read). Drills are
 * always excluded. An incident's categories are its {@code labels.category} and those of its post-mortems.
 */
@ApplicationScoped
public class ReportService {

    static final long DAY = 86_400_000L;
    static final long REPEAT_WINDOW = 30 * DAY;
    static final int FREQUENT = 3;

    private final IndexWriterLifecycle index;

    public ReportService(IndexWriterLifecycle index) {
        this.index = index;
    }

    @RegisterForReflection
    public record Period(String period, long total, Map<String, Long> byPriority, Map<String, Long> byService,
                        Map<String, Long> byCategory) {
    }

    @RegisterForReflection
    public record CountsReport(String interval, String from, String to, List<Period> periods) {
    }

    @RegisterForReflection
    public record ResponseTimes(Stats mtta, Stats mttm, Stats mttr) {
    }

    @RegisterForReflection
    public record ResponseTimesReport(String from, String to, ResponseTimes all, Map<String, ResponseTimes> byPriority) {
    }

    @RegisterForReflection
    public record Repeat(String service, String category, String incidentId, String previousIncidentId, long daysSincePrevious) {
    }

    @RegisterForReflection
    public record ServiceFrequency(String service, long incidents, long repeats, String classification, Instant firstSeen, Instant lastSeen) {
    }

    @RegisterForReflection
    public record RepeatsReport(String from, String to, List<Repeat> repeats, List<ServiceFrequency> services) {
    }

    @RegisterForReflection
    public record ActionItemsReport(String asOf, long total, long open, long inProgress, long done, long wontDo,
                                    Double completionRate, long overdue, Map<String, Long> overdueByPriority) {
    }

    @RegisterForReflection
    public record Cadence(long incidents, long updates, long late, Double compliance) {
    }

    @RegisterForReflection
    public record CadenceReport(String from, String to, Cadence all, Map<String, Cadence> byPriority) {
    }

    // ---- reports ----

    public CountsReport counts(String interval, String from, String to, Access access) {
        return counts(interval, from, to, null, access);
    }

    /** Counts of the incidents of one service only when {@code service} is given. */
    public CountsReport counts(String interval, String from, String to, String service, Access access) {
        boolean month = switch (interval == null ? "week" : interval) {
            case "week" -> false;
            case "month" -> true;
            default -> throw ProblemException.badRequest("interval must be 'week' or 'month'");
        };
        Map<String, Period> periods = new TreeMap<>();
        for (IncidentRow row : incidents(from, to, service, access)) {
            LocalDate day = Instant.ofEpochMilli(row.date()).atZone(ZoneOffset.UTC).toLocalDate();
            String key = (month ? day.withDayOfMonth(1) : day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY))).toString();
            Period p = periods.computeIfAbsent(key, k -> new Period(k, 0, new TreeMap<>(), new TreeMap<>(), new TreeMap<>()));
            Period updated = new Period(key, p.total() + 1, p.byPriority(), p.byService(), p.byCategory());
            updated.byPriority().merge(row.priority() == null ? "NONE" : row.priority(), 1L, Long::sum);
            row.services().forEach(s -> updated.byService().merge(s, 1L, Long::sum));
            row.categories().forEach(c -> updated.byCategory().merge(c, 1L, Long::sum));
            periods.put(key, updated);
        }
        return new CountsReport(month ? "month" : "week", from, to, List.copyOf(periods.values()));
    }

    public ResponseTimesReport responseTimes(String from, String to, Access access) {
        return responseTimes(from, to, null, access);
    }

    public ResponseTimesReport responseTimes(String from, String to, String service, Access access) {
        List<IncidentRow> rows = incidents(from, to, service, access);
        Map<String, List<IncidentRow>> byPriority = new TreeMap<>();
        rows.forEach(r -> byPriority.computeIfAbsent(r.priority() == null ? "NONE" : r.priority(), k -> new ArrayList<>()).add(r));
        Map<String, ResponseTimes> per = new LinkedHashMap<>();
        byPriority.forEach((p, list) -> per.put(p, times(list)));
        return new ResponseTimesReport(from, to, times(rows), per);
    }

    /** MTTA: acknowledgedAt − detectedAt; MTTM: mitigatedAt − (impactStartedAt or detectedAt); MTTR: resolvedAt − (same start). */
    static ResponseTimes times(Collection<IncidentRow> rows) {
        double[] a = new double[rows.size()];
        double[] m = new double[rows.size()];
        double[] r = new double[rows.size()];
        int na = 0;
        int nm = 0;
        int nr = 0;
        for (IncidentRow row : rows) {
            long start = row.impactStarted() != 0 ? row.impactStarted() : row.detected();
            if (row.acknowledged() != 0 && row.detected() != 0 && row.acknowledged() >= row.detected()) {
                a[na++] = (row.acknowledged() - row.detected()) / 60_000.0;
            }
            if (row.mitigated() != 0 && start != 0 && row.mitigated() >= start) {
                m[nm++] = (row.mitigated() - start) / 60_000.0;
            }
            if (row.resolved() != 0 && start != 0 && row.resolved() >= start) {
                r[nr++] = (row.resolved() - start) / 60_000.0;
            }
        }
        return new ResponseTimes(Stats.of(a, na), Stats.of(m, nm), Stats.of(r, nr));
    }

    /**
     * Repeats: an incident is a repeat when an earlier one of the same service and category was detected at most 30
     * days before it. Classification per service, over the period: FIRST_SEEN when its first incident ever is in the
     * period, FREQUENT with 3 or more incidents in the period, otherwise RARE.
     */
    public RepeatsReport repeats(String from, String to, Access access) {
        return repeats(from, to, null, access);
    }

    /** With a {@code service}, only that service's repeats and frequency (its incidents may name other services too). */
    public RepeatsReport repeats(String from, String to, String serviceFilter, Access access) {
        long[] range = range(from, to);
        List<IncidentRow> all = incidents(null, null, serviceFilter, access); // history before the period matters for repeats and first-seen
        String only = blankToNull(serviceFilter);
        all.sort((x, y) -> Long.compare(x.date(), y.date()));
        Map<String, IncidentRow> lastBy = new HashMap<>();
        Map<String, Long> firstSeen = new HashMap<>();
        Map<String, long[]> perService = new TreeMap<>(); // incidents, repeats, first, last (in the period)
        List<Repeat> repeats = new ArrayList<>();
        for (IncidentRow row : all) {
            boolean inPeriod = row.date() >= range[0] && row.date() <= range[1];
            for (String service : row.services()) {
                if (only != null && !only.equals(service)) {
                    continue;
                }
                firstSeen.putIfAbsent(service, row.date());
                boolean repeat = false;
                for (String category : row.categories()) {
                    String key = service + "\u001f" + category;
                    IncidentRow previous = lastBy.put(key, row);
                    if (inPeriod && previous != null && row.date() - previous.date() <= REPEAT_WINDOW) {
                        repeats.add(new Repeat(service, category, row.id(), previous.id(), (row.date() - previous.date()) / DAY));
                        repeat = true;
                    }
                }
                if (inPeriod) {
                    long[] s = perService.computeIfAbsent(service, k -> new long[]{0, 0, Long.MAX_VALUE, 0});
                    s[0]++;
                    s[1] += repeat ? 1 : 0;
                    s[2] = Math.min(s[2], row.date());
                    s[3] = Math.max(s[3], row.date());
                }
            }
        }
        List<ServiceFrequency> services = new ArrayList<>();
        perService.forEach((service, s) -> {
            String kind = firstSeen.get(service) >= range[0] ? "FIRST_SEEN" : s[0] >= FREQUENT ? "FREQUENT" : "RARE";
            services.add(new ServiceFrequency(service, s[0], s[1], kind, Instant.ofEpochMilli(s[2]), Instant.ofEpochMilli(s[3])));
        });
        return new RepeatsReport(from, to, repeats, services);
    }

    /** Completion = done / (total − won't do); overdue = OPEN or IN_PROGRESS with a due date before today (UTC). */
    public ActionItemsReport actionItems(Access access) {
        return actionItems(null, access);
    }

    /** With a {@code service}: the action items of the post-mortems (the caller may see) that name that service. */
    public ActionItemsReport actionItems(String service, Access access) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        long startOfToday = today.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        BooleanQuery.Builder q = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.TYPE, KnowledgeDocuments.ACTION_ITEM)), BooleanClause.Occur.FILTER);
        access.addTo(q);
        String only = blankToNull(service);
        if (only != null) {
            BooleanQuery.Builder pms = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.TYPE, KnowledgeDocuments.POSTMORTEM)), BooleanClause.Occur.FILTER)
                    .add(new TermQuery(new Term(IndexFields.SERVICE, only)), BooleanClause.Occur.FILTER);
            access.addTo(pms);
            List<BytesRef> ids = new ArrayList<>();
            forEach(pms.build(), List.of(IndexFields.ID), List.of(), (k, n) -> k.get(0).forEach(id -> ids.add(new BytesRef(id))));
            q.add(new TermInSetQuery(IndexFields.POSTMORTEM_ID, ids), BooleanClause.Occur.FILTER);
        }
        long[] counts = new long[5]; // open, in progress, done, won't do, overdue
        Map<String, Long> overdueByPriority = new TreeMap<>();
        forEach(q.build(), List.of(IndexFields.STATUS, IndexFields.PRIORITY), List.of(IndexFields.DUE), (keywords, numbers) -> {
            String status = keywords.get(0).isEmpty() ? "OPEN" : keywords.get(0).get(0);
            switch (status) {
                case "IN_PROGRESS" -> counts[1]++;
                case "DONE" -> counts[2]++;
                case "WONT_DO" -> counts[3]++;
                default -> counts[0]++;
            }
            boolean pending = "OPEN".equals(status) || "IN_PROGRESS".equals(status);
            if (pending && numbers[0] != 0 && numbers[0] < startOfToday) {
                counts[4]++;
                overdueByPriority.merge(keywords.get(1).isEmpty() ? "NONE" : keywords.get(1).get(0), 1L, Long::sum);
            }
        });
        long total = counts[0] + counts[1] + counts[2] + counts[3];
        long relevant = total - counts[3];
        return new ActionItemsReport(today.toString(), total, counts[0], counts[1], counts[2], counts[3],
                relevant == 0 ? null : Math.round(1000.0 * counts[2] / relevant) / 1000.0, counts[4], overdueByPriority);
    }

    /**
     * Status-update cadence: an update is late when it was posted after the nextUpdateAt the previous update promised;
     * compliance = 1 − late / (updates − first updates).
     */
    public CadenceReport cadence(String from, String to, Access access) {
        return cadence(from, to, null, access);
    }

    public CadenceReport cadence(String from, String to, String service, Access access) {
        List<IncidentRow> rows = incidents(from, to, service, access);
        Map<String, List<IncidentRow>> byPriority = new TreeMap<>();
        rows.forEach(r -> byPriority.computeIfAbsent(r.priority() == null ? "NONE" : r.priority(), k -> new ArrayList<>()).add(r));
        Map<String, Cadence> per = new LinkedHashMap<>();
        byPriority.forEach((p, list) -> per.put(p, cadence(list)));
        return new CadenceReport(from, to, cadence(rows), per);
    }

    private static Cadence cadence(List<IncidentRow> rows) {
        long updates = 0;
        long late = 0;
        long judged = 0;
        for (IncidentRow r : rows) {
            updates += r.updatesTotal();
            late += r.updatesLate();
            judged += Math.max(0, r.updatesTotal() - 1);
        }
        return new Cadence(rows.size(), updates, late, judged == 0 ? null : Math.round(1000.0 * (judged - late) / judged) / 1000.0);
    }

    // ---- reading the index ----

    /** Non-drill incidents detected in [from, to] the caller may see, with the categories of their post-mortems. */
    public List<IncidentRow> incidents(String from, String to, Access access) {
        return incidents(from, to, null, access);
    }

    /** As {@link #incidents(String, String, Access)}, of one service only when {@code service} is not blank. */
    public List<IncidentRow> incidents(String from, String to, String service, Access access) {
        long[] range = range(from, to);
        Map<String, List<String>> pmCategories = new HashMap<>();
        BooleanQuery.Builder pms = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.TYPE, KnowledgeDocuments.POSTMORTEM)), BooleanClause.Occur.FILTER);
        access.addTo(pms);
        forEach(pms.build(), List.of(IndexFields.INCIDENT_ID, IndexFields.CATEGORY), List.of(), (k, n) -> {
            if (!k.get(0).isEmpty()) {
                pmCategories.computeIfAbsent(k.get(0).get(0), x -> new ArrayList<>()).addAll(k.get(1));
            }
        });
        BooleanQuery.Builder q = new BooleanQuery.Builder()
                .add(new TermQuery(new Term(IndexFields.TYPE, KnowledgeDocuments.INCIDENT)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.DRILL, "true")), BooleanClause.Occur.MUST_NOT)
                .add(LongPoint.newRangeQuery(IndexFields.DATE, range[0], range[1]), BooleanClause.Occur.FILTER);
        if (blankToNull(service) != null) {
            q.add(new TermQuery(new Term(IndexFields.SERVICE, service.strip())), BooleanClause.Occur.FILTER);
        }
        access.addTo(q);
        List<IncidentRow> rows = new ArrayList<>();
        forEach(q.build(), List.of(IndexFields.ID, IndexFields.PRIORITY, IndexFields.SERVICE, IndexFields.CATEGORY),
                List.of(IndexFields.DATE, IndexFields.IMPACT_STARTED, IndexFields.DETECTED, IndexFields.ACKNOWLEDGED,
                        IndexFields.MITIGATED, IndexFields.RESOLVED, IndexFields.UPDATES_TOTAL, IndexFields.UPDATES_LATE),
                (k, n) -> {
                    String id = k.get(0).isEmpty() ? "" : k.get(0).get(0);
                    List<String> categories = new ArrayList<>(k.get(3));
                    for (String c : pmCategories.getOrDefault(id, List.of())) {
                        if (!categories.contains(c)) {
                            categories.add(c);
                        }
                    }
                    rows.add(new IncidentRow(id, n[0], n[1], n[2], n[3], n[4], n[5],
                            k.get(1).isEmpty() ? null : k.get(1).get(0), k.get(2), categories, n[6], n[7]));
                });
        return rows;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    static long[] range(String from, String to) {
        long f = from == null || from.isBlank() ? Long.MIN_VALUE : time(from, "from", false);
        long t = to == null || to.isBlank() ? Long.MAX_VALUE : time(to, "to", true);
        if (f > t) {
            throw ProblemException.badRequest("from must not be after to");
        }
        return new long[]{f, t};
    }

    private static long time(String value, String name, boolean endOfDay) {
        return ParameterValues.dateOrInstantMillis(name, value, endOfDay);
    }

    /**
     * The decoded values of a keyword field of one segment, by ordinal, filled as reports read them. A segment never
     * changes, so its decoded values are kept while the segment lives (weakly keyed by its core) instead of being
     * decoded again by every report.
     */
    private final Map<IndexReader.CacheKey, Map<String, String[]>> decodedBySegment =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private String[] decodedValues(LeafReaderContext context, String field, long valueCount) {
        int size = (int) Math.min(valueCount, 1_000_000);
        IndexReader.CacheHelper core = context.reader().getCoreCacheHelper();
        if (core == null) {
            return new String[size];
        }
        Map<String, String[]> fields = decodedBySegment.computeIfAbsent(core.getKey(), k -> new java.util.concurrent.ConcurrentHashMap<>());
        return fields.computeIfAbsent(field, f -> new String[size]);
    }

    interface RowConsumer {
        void accept(List<List<String>> keywords, long[] numbers);
    }

    /** Calls back with the doc values of each matching document: keyword values per field, numbers (0 if absent). */
    private void forEach(Query query, List<String> keywordFields, List<String> numberFields, RowConsumer consumer) {
        index.withQuerySearcher(searcher -> {
            searcher.search(query, new CollectorManager<Collector, Void>() {
                @Override
                public Collector newCollector() {
                    return new Collector() {
                        @Override
                        public LeafCollector getLeafCollector(LeafReaderContext context) throws IOException {
                            SortedSetDocValues[] kw = new SortedSetDocValues[keywordFields.size()];
                            String[][] decoded = new String[keywordFields.size()][]; // ordinal -> value, filled lazily
                            NumericDocValues[] num = new NumericDocValues[numberFields.size()];
                            for (int i = 0; i < kw.length; i++) {
                                kw[i] = DocValues.getSortedSet(context.reader(), keywordFields.get(i));
                                decoded[i] = decodedValues(context, keywordFields.get(i), kw[i].getValueCount());
                            }
                            for (int i = 0; i < num.length; i++) {
                                num[i] = DocValues.getNumeric(context.reader(), numberFields.get(i));
                            }
                            return new LeafCollector() {
                                @Override
                                public void setScorer(Scorable scorer) {
                                }

                                @Override
                                public void collect(int doc) throws IOException {
                                    List<List<String>> keywords = new ArrayList<>(kw.length);
                                    for (int f = 0; f < kw.length; f++) {
                                        SortedSetDocValues values = kw[f];
                                        List<String> v = new ArrayList<>(1);
                                        if (values.advanceExact(doc)) {
                                            for (int n = 0; n < values.docValueCount(); n++) {
                                                long ord = values.nextOrd();
                                                String value = ord < decoded[f].length ? decoded[f][(int) ord] : null;
                                                if (value == null) {
                                                    value = values.lookupOrd(ord).utf8ToString();
                                                    if (ord < decoded[f].length) {
                                                        decoded[f][(int) ord] = value;
                                                    }
                                                }
                                                v.add(value);
                                            }
                                        }
                                        keywords.add(v);
                                    }
                                    long[] numbers = new long[num.length];
                                    for (int i = 0; i < num.length; i++) {
                                        numbers[i] = num[i].advanceExact(doc) ? num[i].longValue() : 0L;
                                    }
                                    consumer.accept(keywords, numbers);
                                }
                            };
                        }

                        @Override
                        public ScoreMode scoreMode() {
                            return ScoreMode.COMPLETE_NO_SCORES;
                        }
                    };
                }

                @Override
                public Void reduce(Collection<Collector> collectors) {
                    return null;
                }
            });
            return null;
        });
    }
}
