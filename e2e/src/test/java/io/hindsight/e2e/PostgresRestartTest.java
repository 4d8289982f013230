package io.hindsight.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.KeycloakTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * PostgreSQL restarted under load: this test's own PostgreSQL instance (never the machine's shared cluster) is
 * stopped with {@code pg_ctl stop -m immediate} while a load loop declares incidents, posts status updates and reads
 * incidents and post-mortems. During the outage every request is answered fast with 503, {@code Retry-After} and
 * problem+json (no 500, nothing hangs); once the database is back the same service processes serve again.
 */
class PostgresRestartTest {

    static final int INCIDENT_PORT = TestPorts.port(18311);
    static final int POSTMORTEM_PORT = TestPorts.port(18312);
    static final int PG_PORT = TestPorts.port(18314);
    /** No request may take longer than this, outage or not. */
    static final long BOUND_MS = 6_000;

    static OwnPostgres pg;
    static SuiteProcesses suite;
    static String incidents = "http://127.0.0.1:" + INCIDENT_PORT;
    static String postmortems = "http://127.0.0.1:" + POSTMORTEM_PORT;

    record Outcome(String op, long startNanos, long endNanos, int status, String retryAfter, String contentType, String body) {
        long millis() {
            return (endNanos - startNanos) / 1_000_000;
        }
    }

    @BeforeAll
    static void start() throws Exception {
        Path root = RunningSuite.root();
        pg = new OwnPostgres("restart", PG_PORT);
        pg.start();
        pg.createDatabases("hindsight_incident", "hindsight_postmortem");
        suite = new SuiteProcesses(root, "pg-restart-logs");
        Map<String, String> env = new HashMap<>(Map.of(
                "HINDSIGHT_KEYCLOAK_URL", KeycloakTokens.keycloakUrl(),
                "HINDSIGHT_DB_USER", OwnPostgres.USER,
                "HINDSIGHT_DB_PASSWORD", OwnPostgres.PASSWORD,
                "HINDSIGHT_INCIDENT_URL", incidents,
                "HINDSIGHT_INCIDENT_DB_URL", pg.jdbcUrl("hindsight_incident"),
                "HINDSIGHT_POSTMORTEM_DB_URL", pg.jdbcUrl("hindsight_postmortem")));
        suite.start("incident-service", INCIDENT_PORT, env);
        suite.start("postmortem-service", POSTMORTEM_PORT, env);
        suite.awaitReady(Duration.ofSeconds(240), 1, "incident-service", "postmortem-service");
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

    @Test
    void requestsDuringTheOutageFailFastWith503AndRetryAfterAndTheServicesRecoverWithoutARestart() throws Exception {
        String runbook = KeycloakTokens.runbook();
        String author = KeycloakTokens.user("author");
        Http.Answer declared = Http.postJson(incidents + "/api/incidents", runbook,
                Map.of("title", "Seed incident", "symptom", "seed", "service", "seed"), Duration.ofSeconds(10));
        assertEquals(201, declared.status(), declared::toString);
        String incidentId = declared.json().get("id").asText();
        Http.Answer pmCreated = Http.postJson(postmortems + "/api/postmortems", author, Map.of("title", "Seed post-mortem"), Duration.ofSeconds(10));
        assertEquals(201, pmCreated.status(), pmCreated::toString);
        String pmId = pmCreated.json().get("id").asText();
        long incidentPid = suite.get("incident-service").pid();
        long postmortemPid = suite.get("postmortem-service").pid();

        Map<String, Supplier<Http.Answer>> ops = Map.of(
                "declare", () -> Http.postJson(incidents + "/api/incidents", KeycloakTokens.runbook(),
                        Map.of("title", "Load incident", "symptom", "load", "service", "load"), Duration.ofSeconds(10)),
                "update", () -> Http.postJson(incidents + "/api/incidents/" + incidentId + "/updates", KeycloakTokens.runbook(),
                        Map.of("scope", "load"), Duration.ofSeconds(10)),
                "get-incident", () -> Http.get(incidents + "/api/incidents/" + incidentId, KeycloakTokens.runbook(), Duration.ofSeconds(10)),
                "get-postmortem", () -> Http.get(postmortems + "/api/postmortems/" + pmId, KeycloakTokens.user("author"), Duration.ofSeconds(10)));
        ConcurrentLinkedQueue<Outcome> outcomes = new ConcurrentLinkedQueue<>();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService load = Executors.newFixedThreadPool(ops.size());
        for (Map.Entry<String, Supplier<Http.Answer>> op : ops.entrySet()) {
            load.submit(() -> {
                while (running.get()) {
                    long s = System.nanoTime();
                    Http.Answer a = op.getValue().get();
                    outcomes.add(new Outcome(op.getKey(), s, System.nanoTime(), a.status(),
                            a.response() == null ? null : a.header("Retry-After"),
                            a.response() == null ? null : a.header("Content-Type"), a.body()));
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> outcomes.stream().filter(o -> o.status() / 100 == 2).count() >= 20);

            long stopping = System.nanoTime();
            pg.stopImmediately();
            long down = System.nanoTime();
            // the outage lasts until enough requests have been answered during it (at least 6 s)
            await().pollDelay(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(40)).until(() ->
                    outcomes.stream().filter(o -> o.startNanos() > down).count() >= 20);
            long starting = System.nanoTime();
            pg.start();
            long up = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> ops.keySet().stream().allMatch(op ->
                    outcomes.stream().anyMatch(o -> o.op().equals(op) && o.startNanos() > up && o.status() / 100 == 2)));
            long recovered = System.nanoTime();
            // it stays recovered: a few more seconds of load, all successful
            Thread.sleep(3000);
            running.set(false);
            load.shutdown();
            assertTrue(load.awaitTermination(30, TimeUnit.SECONDS));

            List<Outcome> all = new ArrayList<>(outcomes);
            List<Outcome> slow = all.stream().filter(o -> o.millis() > BOUND_MS || o.status() == -1).toList();
            assertTrue(slow.isEmpty(), "every request answered within " + BOUND_MS + " ms: " + slow);
            List<Outcome> errors = all.stream().filter(o -> o.status() / 100 == 5 && o.status() != 503).toList();
            assertTrue(errors.isEmpty(), "no 500s, ever: " + errors);
            List<Outcome> duringOutage = all.stream().filter(o -> o.startNanos() > down && o.endNanos() < starting).toList();
            assertTrue(duringOutage.size() >= 20, "requests during the outage: " + duringOutage.size());
            for (Outcome o : duringOutage) {
                assertEquals(503, o.status(), () -> o.op() + " during the outage: " + o);
                assertTrue(o.retryAfter() != null && o.retryAfter().matches("\\d+"), () -> "Retry-After on " + o);
                assertTrue(o.contentType() != null && o.contentType().startsWith("application/problem+json"), () -> "problem+json: " + o);
                assertTrue(o.body().contains("\"status\":503"), o::body);
            }
            List<Outcome> afterRecovery = all.stream().filter(o -> o.startNanos() > recovered + 500_000_000L).toList();
            assertTrue(afterRecovery.size() >= 8, "requests after recovery: " + afterRecovery.size());
            List<Outcome> failedAfter = afterRecovery.stream().filter(o -> o.status() / 100 != 2).toList();
            assertTrue(failedAfter.isEmpty(), "all succeed once recovered: " + failedAfter);
            assertEquals(incidentPid, suite.get("incident-service").pid(), "incident-service was not restarted");
            assertTrue(suite.get("incident-service").process().isAlive() && suite.get("postmortem-service").process().isAlive());
            assertEquals(postmortemPid, suite.get("postmortem-service").pid(), "postmortem-service was not restarted");

            long maxOutageMs = duringOutage.stream().mapToLong(Outcome::millis).max().orElse(0);
            List<Long> sorted = duringOutage.stream().map(Outcome::millis).sorted().toList();
            System.out.printf("FIGURES pg-restart: %d requests, %d during the outage (all 503 + Retry-After %s), outage p50 %d ms, max %d ms;"
                            + " stop -m immediate took %d ms, PostgreSQL down %d ms; all operations succeed %d ms after it accepts"
                            + " connections again; %d requests after recovery, all 2xx; max latency overall %d ms%n",
                    all.size(), duringOutage.size(), duringOutage.get(0).retryAfter(), sorted.get(sorted.size() / 2), maxOutageMs,
                    (down - stopping) / 1_000_000, (up - down) / 1_000_000, (recovered - up) / 1_000_000, afterRecovery.size(),
                    all.stream().mapToLong(Outcome::millis).max().orElse(0));
        } finally {
            running.set(false);
            load.shutdownNow();
        }
    }
}
