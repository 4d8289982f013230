package io.hindsight.e2e;

import io.hindsight.testsupport.KeycloakTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An open-model load driver: requests arrive at a fixed rate whatever the answers take (no coordinated omission:
 * latency is measured from the moment a request was due), in a mix of the suite's main operations: declare an
 * incident, post a status update, search, similar incidents, a trend report. Used by {@link LoadTest} (1 minute in
 * the test command) and by {@code scripts/load-test [minutes]}.
 */
final class LoadDriver {

    /** Operation and its share of the arrivals, in percent. */
    static final Map<String, Integer> MIX = new LinkedHashMap<>();

    static {
        MIX.put("declare", 15);
        MIX.put("status-update", 30);
        MIX.put("search", 30);
        MIX.put("similar", 15);
        MIX.put("report", 10);
    }

    record Sample(String op, long latencyMicros, int status, String error) {
    }

    record OpStats(String op, int count, int errors, double p50Ms, double p99Ms, double maxMs) {
    }

    private final String incidents;
    private final String search;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final List<String> incidentIds = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final Map<String, String> firstErrors = new ConcurrentHashMap<>();
    private final AtomicInteger sequence = new AtomicInteger();

    LoadDriver(String incidents, String search) {
        this.incidents = incidents;
        this.search = search;
    }

    /** A few incidents to post status updates to (not measured). */
    void seed(int count) throws Exception {
        for (int i = 0; i < count; i++) {
            HttpResponse<String> r = client.send(declare().build(), HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 201) {
                throw new IllegalStateException("seeding: " + r.statusCode() + " " + r.body());
            }
            incidentIds.add(Http.JSON.readTree(r.body()).get("id").asText());
        }
    }

    /**
     * Runs {@code rate} arrivals per second for {@code duration}, then waits for the outstanding answers. Samples of
     * earlier runs are dropped first, so each run reports on itself.
     */
    List<OpStats> run(double rate, Duration duration) throws InterruptedException {
        samples.clear();
        long intervalNanos = (long) (1_000_000_000L / rate);
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        int arrivals = (int) (duration.toNanos() / intervalNanos);
        CountDownLatch answered = new CountDownLatch(arrivals);
        for (int i = 0; i < arrivals; i++) {
            long due = start + i * intervalNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            String op = pick();
            HttpRequest request = request(op);
            client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
                long micros = (System.nanoTime() - due) / 1000;
                if (e != null) {
                    record(new Sample(op, micros, -1, e.toString()));
                } else {
                    boolean ok = r.statusCode() / 100 == 2;
                    if (ok && op.equals("declare")) {
                        try {
                            incidentIds.add(Http.JSON.readTree(r.body()).get("id").asText());
                        } catch (Exception ignored) {
                            // counted below as it is
                        }
                    }
                    record(new Sample(op, micros, r.statusCode(), ok ? null : r.statusCode() + " " + r.body()));
                }
                answered.countDown();
            });
        }
        if (System.nanoTime() < end) {
            Thread.sleep(Math.max(0, (end - System.nanoTime()) / 1_000_000));
        }
        answered.await(Math.max(30, duration.toSeconds()), java.util.concurrent.TimeUnit.SECONDS);
        return stats();
    }

    Map<String, String> firstErrors() {
        return firstErrors;
    }

    private void record(Sample s) {
        samples.add(s);
        if (s.error() != null) {
            firstErrors.putIfAbsent(s.op(), s.error().length() > 300 ? s.error().substring(0, 300) : s.error());
        }
    }

    List<OpStats> stats() {
        List<OpStats> out = new ArrayList<>();
        for (String op : MIX.keySet()) {
            List<Long> lat = samples.stream().filter(s -> s.op().equals(op)).map(Sample::latencyMicros).sorted().toList();
            int errors = (int) samples.stream().filter(s -> s.op().equals(op) && s.error() != null).count();
            out.add(new OpStats(op, lat.size(), errors, pct(lat, 0.50), pct(lat, 0.99), lat.isEmpty() ? 0 : lat.get(lat.size() - 1) / 1000.0));
        }
        return out;
    }

    static String table(List<OpStats> stats, double seconds) {
        StringBuilder sb = new StringBuilder(String.format("%-14s %7s %7s %9s %9s %9s%n", "operation", "count", "errors", "p50 ms", "p99 ms", "max ms"));
        for (OpStats s : stats) {
            sb.append(String.format("%-14s %7d %7d %9.1f %9.1f %9.1f%n", s.op(), s.count(), s.errors(), s.p50Ms(), s.p99Ms(), s.maxMs()));
        }
        int total = stats.stream().mapToInt(OpStats::count).sum();
        sb.append(String.format("%d requests in %.0f s (%.1f/s)%n", total, seconds, total / seconds));
        return sb.toString();
    }

    private static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int rank = (int) Math.ceil(p * sorted.size()); // nearest rank
        return sorted.get(Math.max(0, rank - 1)) / 1000.0;
    }

    private String pick() {
        int r = ThreadLocalRandom.current().nextInt(100);
        for (Map.Entry<String, Integer> e : MIX.entrySet()) {
            r -= e.getValue();
            if (r < 0) {
                return e.getKey();
            }
        }
        return "search";
    }

    private static final String[] WORDS = {"timeout", "NullPointerException", "checkout", "database", "latency", "502",
            "memory", "deploy", "rollback", "connection reset", "queue lag", "certificate"};

    private HttpRequest request(String op) {
        String word = WORDS[ThreadLocalRandom.current().nextInt(WORDS.length)];
        return switch (op) {
            case "declare" -> declare().build();
            case "status-update" -> json(incidents + "/api/incidents/" + incidentIds.get(ThreadLocalRandom.current().nextInt(incidentIds.size()))
                    + "/updates", KeycloakTokens.runbook(), "{\"scope\":\"checkout for EU users\",\"nextSteps\":[{\"action\":\"Roll back\",\"etaMinutes\":10}]}");
            case "search" -> get(search + "/api/search?q=" + java.net.URLEncoder.encode(word, java.nio.charset.StandardCharsets.UTF_8)
                    + "&facet=type,service", KeycloakTokens.runbook());
            case "similar" -> json(search + "/api/search/similar", KeycloakTokens.runbook(),
                    "{\"symptom\":\"Checkout requests fail with " + word + " after the deploy\",\"services\":[\"checkout\"]}");
            default -> get(search + "/api/reports/response-times", KeycloakTokens.user("leader"));
        };
    }

    private HttpRequest.Builder declare() {
        int n = sequence.incrementAndGet();
        String word = WORDS[n % WORDS.length];
        return HttpRequest.newBuilder(URI.create(incidents + "/api/incidents")).timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + KeycloakTokens.runbook()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"Load test incident " + n + ": " + word
                        + "\",\"symptom\":\"Checkout fails with " + word + " for some users\",\"service\":\"checkout\",\"drill\":true}"));
    }

    private static HttpRequest json(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).GET().build();
    }
}
