package io.hindsight.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.KeycloakTokens;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, finding 10: two replicas of incident-service on one PostgreSQL (as k8s runs them), a war-room viewer on
 * each, status updates posted through either: both viewers see every one, each version once and in order. Measures
 * update → seen (from just before the POST is sent to the moment the viewer reads the snapshot that carries it).
 */
class LiveAcrossReplicasTest {

    static final int A_PORT = TestPorts.port(18371);
    static final int B_PORT = TestPorts.port(18372);
    static final int PG_PORT = TestPorts.port(18374);
    static final int WARM_UP = 15;
    static final int PACED = 60;
    static final int BURST = 30;

    static OwnPostgres pg;
    static SuiteProcesses suite;
    static String a = "http://127.0.0.1:" + A_PORT;
    static String b = "http://127.0.0.1:" + B_PORT;

    @BeforeAll
    static void startTwoReplicas() throws Exception {
        Path root = RunningSuite.root();
        pg = new OwnPostgres("live-replicas", PG_PORT);
        pg.start();
        pg.createDatabases("hindsight_incident");
        suite = new SuiteProcesses(root, "live-replicas-logs");
        Map<String, String> env = new HashMap<>(Map.of(
                "HINDSIGHT_KEYCLOAK_URL", KeycloakTokens.keycloakUrl(),
                "HINDSIGHT_DB_USER", OwnPostgres.USER,
                "HINDSIGHT_DB_PASSWORD", OwnPostgres.PASSWORD,
                "HINDSIGHT_INCIDENT_DB_URL", pg.jdbcUrl("hindsight_incident")));
        suite.startInstance("incident-a", "incident-service", A_PORT, env);
        suite.awaitReady(Duration.ofSeconds(300), 1, "incident-a"); // one migrates the schema, then the other starts on it
        suite.startInstance("incident-b", "incident-service", B_PORT, env);
        suite.awaitReady(Duration.ofSeconds(300), 1, "incident-b");
    }

    @AfterAll
    static void stop() throws Exception {
        if (suite != null) {
            suite.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    /** A war-room viewer: every snapshot it reads, with the moment it read it. */
    static final class Viewer implements AutoCloseable {
        record Seen(long nanos, long version, String json) {
        }

        final List<Seen> seen = new CopyOnWriteArrayList<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final InputStream body;
        final Thread reader;

        Viewer(String base, long incident, String token) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/incidents/" + incident + "/live"))
                    .header("Authorization", "Bearer " + token).header("Accept", "text/event-stream").GET().build();
            HttpResponse<InputStream> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(200, response.statusCode(), "live stream of " + base);
            body = response.body();
            reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (line.startsWith("data:")) {
                            long now = System.nanoTime();
                            String json = line.substring(5).strip();
                            seen.add(new Seen(now, Http.JSON.readTree(json).get("version").asLong(), json));
                        }
                    }
                } catch (Exception e) {
                    failure.compareAndSet(null, e);
                }
            }, "viewer " + base);
            reader.setDaemon(true);
            reader.start();
        }

        /** When the snapshot of {@code version} was read, or -1. */
        long seenAt(long version) {
            for (Seen s : seen) {
                if (s.version() == version) {
                    return s.nanos();
                }
            }
            return -1;
        }

        @Override
        public void close() throws Exception {
            body.close();
        }
    }

    /** The incident's version after the update (its ETag). */
    static long version(Http.Answer posted) {
        assertEquals(201, posted.status(), posted::toString);
        return Long.parseLong(posted.header("ETag").replaceAll("[^0-9]", ""));
    }

    static Http.Answer postUpdate(String base, long incident, String marker, String token) {
        return Http.postJson(base + "/api/incidents/" + incident + "/updates", token,
                Map.of("scope", "Checkout in " + marker, "nextSteps", List.of(Map.of("action", "Watch " + marker, "etaMinutes", 5))),
                Duration.ofSeconds(10));
    }

    static void assertEachVersionOnceInOrder(String name, Viewer v) {
        List<Long> versions = v.seen.stream().map(Viewer.Seen::version).toList();
        for (int i = 1; i < versions.size(); i++) {
            assertTrue(versions.get(i) > versions.get(i - 1), name + " saw versions out of order or twice: " + versions);
        }
    }

    static long percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }

    @Test
    void aViewerOnEachReplicaSeesEveryUpdatePostedThroughEither() throws Exception {
        Http.Answer declared = Http.postJson(a + "/api/incidents", KeycloakTokens.runbook(),
                Map.of("title", "Replicated war room", "symptom", "Checkout fails", "service", "checkout"), Duration.ofSeconds(10));
        assertEquals(201, declared.status(), declared::toString);
        long id = declared.json().get("id").asLong();
        String token = KeycloakTokens.user("responder");
        Map<String, List<Long>> latencies = new ConcurrentHashMap<>();
        try (Viewer onA = new Viewer(a, id, token); Viewer onB = new Viewer(b, id, token)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> !onA.seen.isEmpty() && !onB.seen.isEmpty());

            // paced: one update at a time, two of three through A, one through B; each must reach both viewers. The
            // first WARM_UP are not measured (both JVMs are cold)
            String writer = KeycloakTokens.runbook();
            for (int i = 0; i < WARM_UP + PACED; i++) {
                String marker = "mk" + i + "z";
                String through = i % 3 == 2 ? b : a;
                long sent = System.nanoTime();
                Http.Answer posted = postUpdate(through, id, marker, writer);
                long answered = System.nanoTime();
                long version = version(posted);
                Awaitility.await().pollInterval(Duration.ofMillis(2)).atMost(Duration.ofSeconds(10))
                        .until(() -> onA.seenAt(version) > 0 && onB.seenAt(version) > 0);
                if (i < WARM_UP) {
                    continue;
                }
                Viewer other = through.equals(a) ? onB : onA;
                Viewer same = through.equals(a) ? onA : onB;
                latencies.computeIfAbsent("other replica, from the 201", k -> new ArrayList<>())
                        .add(TimeUnit.NANOSECONDS.toMillis(other.seenAt(version) - answered));
                latencies.computeIfAbsent("other replica, from the send", k -> new ArrayList<>())
                        .add(TimeUnit.NANOSECONDS.toMillis(other.seenAt(version) - sent));
                latencies.computeIfAbsent("same replica, from the 201", k -> new ArrayList<>())
                        .add(TimeUnit.NANOSECONDS.toMillis(same.seenAt(version) - answered));
                latencies.computeIfAbsent("same replica, from the send", k -> new ArrayList<>())
                        .add(TimeUnit.NANOSECONDS.toMillis(same.seenAt(version) - sent));
            }

            // a burst: concurrent updates through both replicas; both viewers end on the same last version, in order
            ExecutorService writers = Executors.newFixedThreadPool(6);
            List<Future<Http.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                String marker = "bu" + i + "z";
                String through = i % 2 == 0 ? a : b;
                answers.add(writers.submit(() -> postUpdate(through, id, marker, writer)));
            }
            List<Long> written = new ArrayList<>();
            for (Future<Http.Answer> f : answers) {
                written.add(version(f.get(30, TimeUnit.SECONDS)));
            }
            writers.shutdown();
            long last = Http.get(a + "/api/incidents/" + id, KeycloakTokens.runbook(), Duration.ofSeconds(10)).json().get("version").asLong();
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() ->
                    onA.seen.get(onA.seen.size() - 1).version() == last && onB.seen.get(onB.seen.size() - 1).version() == last);
            for (long version : written) {
                assertTrue(onA.seenAt(version) > 0 && onB.seenAt(version) > 0, "version " + version + " reached both viewers");
            }
            assertEachVersionOnceInOrder("viewer on A", onA);
            assertEachVersionOnceInOrder("viewer on B", onB);
            assertEquals(null, onA.failure.get());
            assertEquals(null, onB.failure.get());
        }

        StringBuilder report = new StringBuilder("update -> seen, " + PACED + " paced updates:");
        long worstP99 = 0;
        for (Map.Entry<String, List<Long>> e : new java.util.TreeMap<>(latencies).entrySet()) {
            List<Long> sorted = new ArrayList<>(e.getValue());
            Collections.sort(sorted);
            long p99 = percentile(sorted, 0.99);
            if (e.getKey().endsWith("from the 201")) {
                worstP99 = Math.max(worstP99, p99);
            }
            report.append(String.format(" %s n=%d p50=%d ms p99=%d ms max=%d ms;", e.getKey(), sorted.size(),
                    percentile(sorted, 0.50), p99, sorted.get(sorted.size() - 1)));
        }
        System.out.println(report);
        assertTrue(worstP99 <= 1000, report.toString());

        // the streams are gone from both replicas once the viewers left
        for (String base : List.of(a, b)) {
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> openStreams(base) == 0);
        }
    }

    static double openStreams(String base) {
        String metrics = Http.send(HttpRequest.newBuilder(URI.create(base + "/q/metrics")).timeout(Duration.ofSeconds(5)).GET().build()).body();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^hindsight_live_streams(?:\\{[^}]*\\})? ([0-9.eE+-]+)").matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
