package io.hindsight.e2e;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the soak saw: every request (operation, the service it went to, when it was due and when it was answered, its
 * status) and every kill -9 with its restart window. A failure (5xx, or no answer: refused, reset, timed out) is
 * excused only if the request overlapped the restart window of the service it went to, or of a service that one calls
 * on the request's path ({@link #DEPENDS_ON}); everything else is counted against the run.
 */
final class SoakLedger {

    /** Services whose outage a request to the key may pass on (the ui reads all three; post-mortem prefill reads incidents). */
    static final Map<String, Set<String>> DEPENDS_ON = Map.of(
            "ui", Set.of("incident-service", "postmortem-service", "search-service"),
            "postmortem-service", Set.of("incident-service"),
            "incident-service", Set.of(),
            "search-service", Set.of());
    /** After a restarted service is ready, its clients' pools and circuit breakers get this long to notice. */
    static final long GRACE_NANOS = 3_000_000_000L;

    record Sample(String op, String service, long dueNanos, long endNanos, int status, String detail) {
        long latencyMicros() {
            return (endNanos - dueNanos) / 1000;
        }

        boolean failed() {
            return status < 0 || status >= 500;
        }

        boolean refused() {
            return status >= 400 && status < 500;
        }
    }

    /** One kill -9: when it was sent, when the restarted process answered ready (0 while it has not). */
    static final class Kill {
        final String service;
        final long killedNanos;
        volatile long readyNanos;
        volatile String failure;

        Kill(String service, long killedNanos) {
            this.service = service;
            this.killedNanos = killedNanos;
        }

        boolean covers(long from, long to) {
            long end = readyNanos == 0 ? Long.MAX_VALUE : readyNanos + GRACE_NANOS;
            return from <= end && to >= killedNanos;
        }
    }

    record OpStats(String op, int count, int failures, int excused, int refused, double p50Ms, double p99Ms, double maxMs) {
    }

    final long startNanos = System.nanoTime();
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final List<Kill> kills = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, List<String>> firstUnexcused = new ConcurrentHashMap<>();

    void record(String op, String service, long dueNanos, int status, String detail) {
        samples.add(new Sample(op, service, dueNanos, System.nanoTime(), status, brief(detail)));
    }

    /** A detail short enough to read in a list: an HTML page by its title, anything else cut at 240 characters. */
    static String brief(String detail) {
        return brief(detail, 240);
    }

    static String brief(String detail, int max) {
        if (detail == null) {
            return null;
        }
        String d = detail.strip();
        int title = d.indexOf("<title>");
        if (d.startsWith("<") && title >= 0) {
            int end = d.indexOf("</title>", title);
            return "HTML page \"" + d.substring(title + 7, end < 0 ? Math.min(d.length(), title + 100) : end).strip() + "\"";
        }
        d = d.replace("java.util.concurrent.CompletionException: ", "");
        return d.length() > max ? d.substring(0, max) + "..." : d;
    }

    Kill killed(String service) {
        Kill k = new Kill(service, System.nanoTime());
        kills.add(k);
        return k;
    }

    List<Kill> kills() {
        return kills;
    }

    /** True if a request to {@code service} over [from, to] overlaps a restart window it may pass on. */
    boolean excused(String service, long from, long to) {
        for (Kill k : kills) {
            if ((k.service.equals(service) || DEPENDS_ON.getOrDefault(service, Set.of()).contains(k.service)) && k.covers(from, to)) {
                return true;
            }
        }
        return false;
    }

    /** Failures (5xx, no answer) outside every restart window they may pass on, at most 5 per operation with time and detail. */
    Map<String, List<String>> unexcusedFailures() {
        return select(Sample::failed);
    }

    /** 4xx answers to requests the soak sends only in valid form (a refusal of a valid request is a bug too). */
    Map<String, List<String>> unexpectedRefusals() {
        return select(Sample::refused);
    }

    /** Per operation: how many of how many, from when to when, and the first 3 (time since the start, status, detail). */
    private Map<String, List<String>> select(java.util.function.Predicate<Sample> p) {
        Map<String, List<Sample>> hits = new TreeMap<>();
        Map<String, Integer> totals = new TreeMap<>();
        for (Sample s : samples.stream().sorted(Comparator.comparingLong(Sample::dueNanos)).toList()) {
            String key = s.op() + " (" + s.service() + ")";
            totals.merge(key, 1, Integer::sum);
            if (p.test(s) && !(s.failed() && excused(s.service(), s.dueNanos(), s.endNanos()))) {
                hits.computeIfAbsent(key, k -> new ArrayList<>()).add(s);
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        hits.forEach((key, list) -> {
            List<String> l = new ArrayList<>();
            l.add(String.format("%d of %d requests, t=%.1fs to t=%.1fs", list.size(), totals.get(key), t(list.get(0).dueNanos()),
                    t(list.get(list.size() - 1).dueNanos())));
            for (Sample s : list.subList(0, Math.min(3, list.size()))) {
                l.add(String.format("t=%.1fs %s", t(s.dueNanos()), s.status() < 0 ? "no answer: " + s.detail() : s.status() + " " + s.detail()));
            }
            out.put(key, l);
        });
        return out;
    }

    double t(long nanos) {
        return (nanos - startNanos) / 1e9;
    }

    long count(java.util.function.Predicate<Sample> p) {
        return samples.stream().filter(p).count();
    }

    List<OpStats> stats() {
        Map<String, List<Sample>> byOp = new TreeMap<>();
        for (Sample s : samples) {
            byOp.computeIfAbsent(s.op(), k -> new ArrayList<>()).add(s);
        }
        List<OpStats> out = new ArrayList<>();
        byOp.forEach((op, list) -> {
            List<Long> lat = list.stream().filter(s -> !s.failed()).map(Sample::latencyMicros).sorted().toList();
            int failures = (int) list.stream().filter(Sample::failed).count();
            int excused = (int) list.stream().filter(s -> s.failed() && excused(s.service(), s.dueNanos(), s.endNanos())).count();
            int refused = (int) list.stream().filter(Sample::refused).count();
            out.add(new OpStats(op, list.size(), failures, excused, refused, pct(lat, 0.50), pct(lat, 0.99),
                    lat.isEmpty() ? 0 : lat.get(lat.size() - 1) / 1000.0));
        });
        return out;
    }

    String table(double seconds) {
        StringBuilder sb = new StringBuilder(String.format("%-22s %7s %9s %8s %6s %9s %9s %9s%n", "operation", "count", "5xx/none",
                "excused", "4xx", "p50 ms", "p99 ms", "max ms"));
        int total = 0;
        for (OpStats s : stats()) {
            total += s.count();
            sb.append(String.format("%-22s %7d %9d %8d %6d %9.1f %9.1f %9.1f%n", s.op(), s.count(), s.failures(), s.excused(), s.refused(),
                    s.p50Ms(), s.p99Ms(), s.maxMs()));
        }
        sb.append(String.format("%d requests in %.0f s (%.1f/s); latency of answered requests, from when each was due; "
                + "excused = 5xx or no answer inside a restart window the request may pass on%n", total, seconds, total / seconds));
        return sb.toString();
    }

    String killTable() {
        StringBuilder sb = new StringBuilder(String.format("%-19s %9s %9s %12s%n", "kill -9", "at s", "ready s", "restart ms"));
        for (Kill k : kills.stream().sorted(Comparator.comparingLong(k -> k.killedNanos)).toList()) {
            sb.append(String.format("%-19s %9.1f %9s %12s%s%n", k.service, (k.killedNanos - startNanos) / 1e9,
                    k.readyNanos == 0 ? "never" : String.format("%.1f", (k.readyNanos - startNanos) / 1e9),
                    k.readyNanos == 0 ? "-" : Long.toString((k.readyNanos - k.killedNanos) / 1_000_000),
                    k.failure == null ? "" : "  " + k.failure));
        }
        return sb.toString();
    }

    static double pct(List<Long> sortedMicros, double p) {
        if (sortedMicros.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sortedMicros.size()); // nearest rank
        return sortedMicros.get(Math.max(0, rank - 1)) / 1000.0;
    }
}
