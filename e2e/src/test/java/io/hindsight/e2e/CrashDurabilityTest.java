package io.hindsight.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hindsight.testsupport.KeycloakTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * SIGKILL in the middle of a write stream, on both storages: the embedded build of {@code ./hindsight up} (H2 files,
 * {@code target/embedded-app}) and PostgreSQL (an instance of this test's own). Six clients declare incidents and post
 * status updates, three authors start post-mortem drafts, and a feed reader per service follows the change feed the
 * way search-service does; incident-service and postmortem-service are killed with SIGKILL once both have
 * acknowledged a good number of writes (the clients still writing), then started again on the same storage.
 * Asserts: every write answered 201 is there with its content; the update numbers of an incident are unique; every
 * feed entry a reader saw before the crash is still the same entry under the same {@code seq}; sequence numbers
 * (feed seq, ids) handed out after the restart are new. Ports 18360-18369 (plus the run's offset).
 */
class CrashDurabilityTest {

    static final int INCIDENT_PORT = TestPorts.port(18360);
    static final int POSTMORTEM_PORT = TestPorts.port(18361);
    static final int PG_PORT = TestPorts.port(18364);
    static final Duration TIMEOUT = Duration.ofSeconds(15);
    /** Writes acknowledged before the kill, at least (each service). */
    static final int INCIDENT_WRITES_BEFORE_KILL = 150;
    static final int POSTMORTEM_WRITES_BEFORE_KILL = 40;

    static final String incidents = "http://127.0.0.1:" + INCIDENT_PORT;
    static final String postmortems = "http://127.0.0.1:" + POSTMORTEM_PORT;

    /** A write answered 201: which entity, which text it carried, and the numbers it was given. */
    record Ack(String kind, long entityId, long updateId, int updateSeq, String marker) {
    }

    /** One change-feed entry as a reader saw it. */
    record Seen(String entityType, String entityId, String operation, JsonNode payload) {
    }

    @Test
    void embeddedH2KeepsEveryAcknowledgedWriteAndNeverReusesASequenceNumberAfterSigkill() throws Exception {
        Path data = Files.createTempDirectory("hindsight-crash-embedded-");
        try (SuiteProcesses suite = new SuiteProcesses(RunningSuite.root(), "crash-embedded-logs")) {
            Map<String, String> env = baseEnv();
            String[] props = {"-Dquarkus.profile=embedded", "-Dhindsight.data-dir=" + data};
            suite.start("incident-service", "embedded-app", INCIDENT_PORT, env, props);
            suite.start("postmortem-service", "embedded-app", POSTMORTEM_PORT, env, props);
            suite.awaitReady(Duration.ofSeconds(240), 1, "incident-service", "postmortem-service");
            assertTrue(Files.exists(data.resolve("incident-service.mv.db")), "incident-service runs on its H2 file in " + data);
            crashAndCheck(suite, "embedded (H2)");
        } finally {
            try (Stream<Path> walk = Files.walk(data)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void postgresKeepsEveryAcknowledgedWriteAndNeverReusesASequenceNumberAfterSigkill() throws Exception {
        try (OwnPostgres pg = new OwnPostgres("crash", PG_PORT)) {
            pg.start();
            pg.createDatabases("hindsight_incident", "hindsight_postmortem");
            try (SuiteProcesses suite = new SuiteProcesses(RunningSuite.root(), "crash-postgres-logs")) {
                Map<String, String> env = baseEnv();
                env.put("HINDSIGHT_DB_USER", OwnPostgres.USER);
                env.put("HINDSIGHT_DB_PASSWORD", OwnPostgres.PASSWORD);
                env.put("HINDSIGHT_INCIDENT_DB_URL", pg.jdbcUrl("hindsight_incident"));
                env.put("HINDSIGHT_POSTMORTEM_DB_URL", pg.jdbcUrl("hindsight_postmortem"));
                suite.start("incident-service", INCIDENT_PORT, env);
                suite.start("postmortem-service", POSTMORTEM_PORT, env);
                suite.awaitReady(Duration.ofSeconds(240), 1, "incident-service", "postmortem-service");
                crashAndCheck(suite, "PostgreSQL");
            }
        }
    }

    static Map<String, String> baseEnv() {
        return new HashMap<>(Map.of(
                "HINDSIGHT_KEYCLOAK_URL", KeycloakTokens.keycloakUrl(),
                "HINDSIGHT_INCIDENT_URL", incidents,
                "HINDSIGHT_POSTMORTEM_URL", postmortems,
                "HINDSIGHT_SEARCH_CLIENT_SECRET", "hindsight-search-local-secret"));
    }

    static String indexer() {
        return KeycloakTokens.serviceAccount("hindsight-search", "hindsight-search-local-secret");
    }

    // ------------------------------------------------------------------------------------------------------------

    static void crashAndCheck(SuiteProcesses suite, String storage) throws Exception {
        String runbook = KeycloakTokens.runbook();
        String author = KeycloakTokens.user("author");
        String indexer = indexer();
        ConcurrentLinkedQueue<Ack> incidentAcks = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Ack> postmortemAcks = new ConcurrentLinkedQueue<>();
        Map<Long, Seen> incidentFeed = new java.util.concurrent.ConcurrentHashMap<>();
        Map<Long, Seen> postmortemFeed = new java.util.concurrent.ConcurrentHashMap<>();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger incidentCount = new AtomicInteger();
        AtomicInteger postmortemCount = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(11);
        List<Future<?>> work = new ArrayList<>();
        long started = System.nanoTime();
        for (int c = 0; c < 6; c++) {
            int client = c;
            work.add(pool.submit(() -> incidentClient(client, runbook, stop, incidentAcks, incidentCount)));
        }
        for (int c = 0; c < 3; c++) {
            int client = c;
            work.add(pool.submit(() -> postmortemClient(client, author, stop, postmortemAcks, postmortemCount)));
        }
        work.add(pool.submit(() -> feedReader(incidents, indexer, stop, incidentFeed)));
        work.add(pool.submit(() -> feedReader(postmortems, indexer, stop, postmortemFeed)));
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(20)).until(() -> {
            for (Future<?> f : work) {
                if (f.isDone()) {
                    f.get(); // a client that failed: its exception
                }
            }
            return incidentCount.get() >= INCIDENT_WRITES_BEFORE_KILL && postmortemCount.get() >= POSTMORTEM_WRITES_BEFORE_KILL;
        });
        assertTrue(incidentCount.get() >= INCIDENT_WRITES_BEFORE_KILL && postmortemCount.get() >= POSTMORTEM_WRITES_BEFORE_KILL,
                "writes before the kill: " + incidentCount + " incident, " + postmortemCount + " post-mortem");
        double seconds = (System.nanoTime() - started) / 1e9;
        // SIGKILL while the clients are still writing
        suite.kill9("incident-service");
        suite.kill9("postmortem-service");
        stop.set(true);
        for (Future<?> f : work) {
            f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        System.out.printf("CrashDurabilityTest %s: %d incident writes and %d post-mortem drafts acknowledged in %.1f s"
                        + " (%.0f and %.0f per second, with the feed readers), feed entries seen: %d incident, %d post-mortem%n",
                storage, incidentAcks.size(), postmortemAcks.size(), seconds, incidentAcks.size() / seconds,
                postmortemAcks.size() / seconds, incidentFeed.size(), postmortemFeed.size());

        suite.restart("incident-service");
        suite.restart("postmortem-service");
        // one more start allowed, as for the first start: on a loaded machine opening the database can exceed the
        // pool's 5 s acquisition timeout at start-up (seen once for a new H2 file, with a load average of 40)
        suite.awaitReady(Duration.ofSeconds(240), 1, "incident-service", "postmortem-service");
        crashChecks(storage, KeycloakTokens.runbook(), KeycloakTokens.user("author"), indexer(), incidentAcks, postmortemAcks,
                incidentFeed, postmortemFeed);
    }

    /** After the restart (fresh tokens: the restart may take longer than a token lives). */
    static void crashChecks(String storage, String runbook, String author, String indexer, ConcurrentLinkedQueue<Ack> incidentAcks,
                            ConcurrentLinkedQueue<Ack> postmortemAcks, Map<Long, Seen> incidentFeed, Map<Long, Seen> postmortemFeed) {
        checkIncidents(runbook, incidentAcks);
        checkPostmortems(author, postmortemAcks);
        TreeMap<Long, Seen> incidentAfter = checkFeed(incidents, indexer, incidentFeed, storage + " incident feed");
        TreeMap<Long, Seen> postmortemAfter = checkFeed(postmortems, indexer, postmortemFeed, storage + " post-mortem feed");

        // numbers handed out after the restart are new: ids, update numbers, feed seqs
        Set<Long> incidentIds = new HashSet<>();
        Set<Long> updateIds = new HashSet<>();
        for (Ack a : incidentAcks) {
            incidentIds.add(a.entityId());
            if (a.kind().equals("update")) {
                updateIds.add(a.updateId());
            }
        }
        long incidentHead = Math.max(incidentAfter.isEmpty() ? 0 : incidentAfter.lastKey(), maxKey(incidentFeed));
        long postmortemHead = Math.max(postmortemAfter.isEmpty() ? 0 : postmortemAfter.lastKey(), maxKey(postmortemFeed));
        for (int i = 0; i < 8; i++) {
            Http.Answer declared = Http.postJson(incidents + "/api/incidents", runbook, Map.of(
                    "title", "After the crash #" + i, "symptom", "Checkout errors after restart", "service", "checkout"), TIMEOUT);
            assertEquals(201, declared.status(), declared::toString);
            long id = declared.json().get("id").asLong();
            assertFalse(incidentIds.contains(id), "incident id " + id + " handed out again after the crash");
            Http.Answer update = Http.postJson(incidents + "/api/incidents/" + id + "/updates", runbook,
                    Map.of("scope", "after the crash " + i), TIMEOUT);
            assertEquals(201, update.status(), update::toString);
            long updateId = update.json().get("id").asLong();
            assertFalse(updateIds.contains(updateId), "status update id " + updateId + " handed out again after the crash");
            Http.Answer draft = Http.postJson(postmortems + "/api/postmortems", author,
                    Map.of("title", "After the crash #" + i, "summary", "written after the restart"), TIMEOUT);
            assertEquals(201, draft.status(), draft::toString);
        }
        for (Map.Entry<Long, Seen> e : newEntries(incidents, indexer, incidentAfter).entrySet()) {
            assertTrue(e.getKey() > incidentHead, storage + ": incident feed seq " + e.getKey() + " handed out again (head was "
                    + incidentHead + ")");
        }
        assertTrue(newEntries(incidents, indexer, incidentAfter).size() >= 16, "the new incident changes are in the feed");
        for (Map.Entry<Long, Seen> e : newEntries(postmortems, indexer, postmortemAfter).entrySet()) {
            assertTrue(e.getKey() > postmortemHead, storage + ": post-mortem feed seq " + e.getKey() + " handed out again");
        }
        assertTrue(newEntries(postmortems, indexer, postmortemAfter).size() >= 8, "the new drafts are in the feed");
    }

    static long maxKey(Map<Long, ?> map) {
        return map.keySet().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** Declares incidents (now and then) and posts status updates to its own incidents until told to stop. */
    static void incidentClient(int client, String token, AtomicBoolean stop, ConcurrentLinkedQueue<Ack> acks, AtomicInteger count) {
        List<Long> mine = new ArrayList<>();
        int n = 0;
        while (!stop.get()) {
            n++;
            String marker = "crash-c" + client + "-n" + n;
            if (mine.isEmpty() || ThreadLocalRandom.current().nextInt(6) == 0) {
                Http.Answer a = Http.postJson(incidents + "/api/incidents", token, Map.of(
                        "title", "Checkout latency " + marker, "symptom", "p99 above 2 s " + marker, "service", "checkout"), TIMEOUT);
                if (a.status() == 201) {
                    long id = a.json().get("id").asLong();
                    mine.add(id);
                    acks.add(new Ack("declare", id, 0, 0, marker));
                    count.incrementAndGet();
                } else if (a.status() != -1) {
                    throw new AssertionError("declare: " + a);
                }
            } else {
                long id = mine.get(ThreadLocalRandom.current().nextInt(mine.size()));
                Http.Answer a = Http.postJson(incidents + "/api/incidents/" + id + "/updates", token, Map.of(
                        "scope", "scope " + marker, "nextSteps", List.of(Map.of("action", "Roll back " + marker, "etaMinutes", 5))),
                        TIMEOUT);
                if (a.status() == 201) {
                    JsonNode u = a.json();
                    acks.add(new Ack("update", id, u.get("id").asLong(), u.get("seq").asInt(), marker));
                    count.incrementAndGet();
                } else if (a.status() != -1) {
                    throw new AssertionError("status update: " + a);
                }
            }
        }
    }

    /** Starts post-mortem drafts until told to stop. */
    static void postmortemClient(int client, String token, AtomicBoolean stop, ConcurrentLinkedQueue<Ack> acks, AtomicInteger count) {
        int n = 0;
        while (!stop.get()) {
            n++;
            String marker = "crash-a" + client + "-n" + n;
            Http.Answer a = Http.postJson(postmortems + "/api/postmortems", token, Map.of(
                    "title", "Checkout outage " + marker, "summary", "What happened: " + marker), TIMEOUT);
            if (a.status() == 201) {
                acks.add(new Ack("draft", a.json().get("id").asLong(), 0, 0, marker));
                count.incrementAndGet();
            } else if (a.status() != -1) {
                throw new AssertionError("draft: " + a);
            }
        }
    }

    /** Follows the change feed like search-service (after its cursor), keeping every entry it was given. */
    static void feedReader(String service, String token, AtomicBoolean stop, Map<Long, Seen> seen) {
        long cursor = 0;
        while (!stop.get()) {
            Http.Answer a = Http.get(service + "/api/changes?after=" + cursor + "&limit=1000", token, TIMEOUT);
            if (a.status() == -1) {
                continue; // the service is being killed
            }
            if (a.status() != 200) {
                throw new AssertionError("feed: " + a);
            }
            for (JsonNode c : a.json().get("changes")) {
                long seq = c.get("seq").asLong();
                if (seq <= cursor) {
                    throw new AssertionError("feed seq " + seq + " after " + cursor);
                }
                seen.put(seq, seen(c));
                cursor = seq;
            }
        }
    }

    static Seen seen(JsonNode c) {
        return new Seen(c.get("entityType").asText(), c.get("entityId").asText(), c.get("operation").asText(), c.get("payload"));
    }

    /** The whole feed; seqs strictly increasing; every entry seen before the crash still there, unchanged. */
    static TreeMap<Long, Seen> checkFeed(String service, String token, Map<Long, Seen> before, String what) {
        TreeMap<Long, Seen> after = newEntries(service, token, new TreeMap<>());
        List<String> lost = new ArrayList<>();
        for (Map.Entry<Long, Seen> e : new TreeMap<>(before).entrySet()) {
            Seen now = after.get(e.getKey());
            if (!e.getValue().equals(now)) {
                lost.add("seq " + e.getKey() + " was " + e.getValue().entityType() + " " + e.getValue().entityId() + " "
                        + e.getValue().operation() + ", now " + (now == null ? "missing" : now.entityType() + " " + now.entityId()
                        + " " + now.operation() + (now.payload().equals(e.getValue().payload()) ? "" : " (other payload)")));
            }
        }
        assertTrue(lost.isEmpty(), what + ": " + lost.size() + " of " + before.size() + " entries seen before the crash are"
                + " gone or changed: " + lost.subList(0, Math.min(10, lost.size())));
        return after;
    }

    /** The feed entries after the newest key of {@code known}, checked strictly increasing. */
    static TreeMap<Long, Seen> newEntries(String service, String token, TreeMap<Long, Seen> known) {
        TreeMap<Long, Seen> entries = new TreeMap<>();
        long cursor = known.isEmpty() ? 0 : known.lastKey();
        while (true) {
            Http.Answer a = Http.get(service + "/api/changes?after=" + cursor + "&limit=1000", token, TIMEOUT);
            assertEquals(200, a.status(), a::toString);
            JsonNode page = a.json();
            for (JsonNode c : page.get("changes")) {
                long seq = c.get("seq").asLong();
                assertTrue(seq > cursor, "feed seq " + seq + " after " + cursor);
                entries.put(seq, seen(c));
                cursor = seq;
            }
            if (!page.get("hasMore").asBoolean()) {
                return entries;
            }
        }
    }

    static void checkIncidents(String token, ConcurrentLinkedQueue<Ack> acks) {
        Map<Long, List<Ack>> updatesByIncident = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (Ack a : acks) {
            if (a.kind().equals("declare")) {
                Http.Answer got = Http.get(incidents + "/api/incidents/" + a.entityId(), token, TIMEOUT);
                if (got.status() != 200 || !got.json().get("title").asText().equals("Checkout latency " + a.marker())) {
                    missing.add("incident " + a.entityId() + " (" + a.marker() + "): " + got.status());
                }
            } else {
                updatesByIncident.computeIfAbsent(a.entityId(), k -> new ArrayList<>()).add(a);
            }
        }
        int updates = 0;
        for (Map.Entry<Long, List<Ack>> e : updatesByIncident.entrySet()) {
            Http.Answer got = Http.get(incidents + "/api/incidents/" + e.getKey() + "/updates", token, TIMEOUT);
            assertEquals(200, got.status(), got::toString);
            Map<Long, JsonNode> byId = new HashMap<>();
            Set<Integer> seqs = new HashSet<>();
            for (JsonNode u : got.json()) {
                byId.put(u.get("id").asLong(), u);
                assertTrue(seqs.add(u.get("seq").asInt()), "update number " + u.get("seq") + " twice in incident " + e.getKey());
            }
            for (Ack a : e.getValue()) {
                updates++;
                JsonNode u = byId.get(a.updateId());
                if (u == null || !u.get("scope").asText().equals("scope " + a.marker()) || u.get("seq").asInt() != a.updateSeq()) {
                    missing.add("update " + a.updateId() + " #" + a.updateSeq() + " of incident " + e.getKey() + " (" + a.marker()
                            + "): " + (u == null ? "missing" : "now #" + u.get("seq") + " " + u.get("scope")));
                }
            }
        }
        assertNotNull(acks.peek());
        assertTrue(missing.isEmpty(), missing.size() + " of " + acks.size() + " acknowledged incident writes (" + updates
                + " status updates) are gone or changed after SIGKILL: " + missing.subList(0, Math.min(10, missing.size())));
    }

    static void checkPostmortems(String token, ConcurrentLinkedQueue<Ack> acks) {
        List<String> missing = new ArrayList<>();
        for (Ack a : acks) {
            Http.Answer got = Http.get(postmortems + "/api/postmortems/" + a.entityId(), token, TIMEOUT);
            if (got.status() != 200 || !got.json().get("title").asText().equals("Checkout outage " + a.marker())) {
                missing.add("post-mortem " + a.entityId() + " (" + a.marker() + "): " + got.status());
            }
        }
        assertTrue(missing.isEmpty(), missing.size() + " of " + acks.size() + " acknowledged post-mortem drafts are gone after"
                + " SIGKILL: " + missing.subList(0, Math.min(10, missing.size())));
    }
}
