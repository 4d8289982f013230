package io.hindsight.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hindsight.testsupport.KeycloakTokens;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Faults of the services, against a suite of this test's own (own ports, own PostgreSQL instance, own index folder),
 * never the shared {@link RunningSuite}: search-service down while incidents are declared and worked (and the UI
 * pages that search), search-service killed with SIGKILL in the middle of a 10,000-change ingest and restarted on
 * the same index folder, incident-service down while a post-mortem is started from an incident.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceOutageTest {

    static final int UI_PORT = TestPorts.port(18300);
    static final int INCIDENT_PORT = TestPorts.port(18301);
    static final int POSTMORTEM_PORT = TestPorts.port(18302);
    static final int SEARCH_PORT = TestPorts.port(18303);
    static final int PG_PORT = TestPorts.port(18304);
    /** Bound for a write that must not wait on search: well below the UI's 5 s search read timeout plus a retry. */
    static final Duration FAST = Duration.ofSeconds(5);

    static OwnPostgres pg;
    static SuiteProcesses suite;
    static String incidents = "http://127.0.0.1:" + INCIDENT_PORT;
    static String postmortems = "http://127.0.0.1:" + POSTMORTEM_PORT;
    static String search = "http://127.0.0.1:" + SEARCH_PORT;
    static String ui = "http://127.0.0.1:" + UI_PORT;

    @BeforeAll
    static void startOwnSuite() throws Exception {
        Path root = RunningSuite.root();
        pg = new OwnPostgres("outage", PG_PORT);
        pg.start();
        pg.createDatabases("hindsight_incident", "hindsight_postmortem");
        suite = new SuiteProcesses(root, "outage-logs");
        Map<String, String> common = new HashMap<>(Map.of(
                "HINDSIGHT_KEYCLOAK_URL", KeycloakTokens.keycloakUrl(),
                "HINDSIGHT_DB_USER", OwnPostgres.USER,
                "HINDSIGHT_DB_PASSWORD", OwnPostgres.PASSWORD,
                "HINDSIGHT_INCIDENT_URL", incidents,
                "HINDSIGHT_POSTMORTEM_URL", postmortems,
                "HINDSIGHT_SEARCH_URL", search,
                "HINDSIGHT_SEARCH_CLIENT_SECRET", "hindsight-search-local-secret",
                "HINDSIGHT_UI_CLIENT_SECRET", "hindsight-ui-local-demo-secret-not-for-production"));
        common.put("HINDSIGHT_INCIDENT_DB_URL", pg.jdbcUrl("hindsight_incident"));
        common.put("HINDSIGHT_POSTMORTEM_DB_URL", pg.jdbcUrl("hindsight_postmortem"));
        suite.start("incident-service", INCIDENT_PORT, common);
        suite.start("postmortem-service", POSTMORTEM_PORT, common);
        suite.start("search-service", SEARCH_PORT, common,
                "-Dhindsight.search.index-path=" + root.resolve("e2e/target/outage-search-index-" + UUID.randomUUID()),
                "-Dhindsight.search.poll-interval=0.2s");
        suite.start("ui", UI_PORT, common);
        KeycloakAdmin.allowUiAt(ui);
        suite.awaitReady(Duration.ofSeconds(300), 1, "incident-service", "postmortem-service", "search-service", "ui");
    }

    @AfterAll
    static void stopOwnSuite() throws Exception {
        if (suite != null) {
            suite.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    static String runbook() {
        return KeycloakTokens.runbook();
    }

    // ------------------------------------------------------------------------------------------------------------

    @Test
    @Order(1)
    void searchDownDeclaringAndUpdatingStillWorkTheUiSaysSearchIsUnavailableAndSearchCatchesUp() throws Exception {
        String word = "sd" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        UiSession responder = UiSession.signIn(ui, "responder", "/incidents");
        suite.stop("search-service");
        assertFalse(suite.get("search-service").process().isAlive());

        List<String> ids = new ArrayList<>();
        long worst = 0;
        for (int i = 0; i < 5; i++) {
            Http.Answer declared = Http.postJson(incidents + "/api/incidents", runbook(), Map.of(
                    "title", "Cart service timeouts " + word + " #" + i,
                    "symptom", "Checkout requests time out after 30 s " + word, "service", "cart"), Duration.ofSeconds(10));
            assertEquals(201, declared.status(), declared::toString);
            worst = Math.max(worst, declared.millis());
            String id = declared.json().get("id").asText();
            ids.add(id);
            Http.Answer update = Http.postJson(incidents + "/api/incidents/" + id + "/updates", runbook(), Map.of(
                    "scope", "All carts " + word, "nextSteps", List.of(Map.of("action", "Roll back cart to 4.1", "etaMinutes", 5))),
                    Duration.ofSeconds(10));
            assertTrue(update.status() / 100 == 2, update::toString);
            worst = Math.max(worst, update.millis());
        }
        assertTrue(worst < FAST.toMillis(), "declare and status update answer fast while search is down; slowest " + worst + " ms");

        // the search page says search is unavailable, and is still a whole page of the signed-in UI
        Http.Answer page = responder.get("/search?q=" + word, Duration.ofSeconds(10));
        assertEquals(503, page.status(), page::toString);
        assertTrue(page.millis() < 5000, "the search page answers fast: " + page.millis() + " ms");
        Document html = Jsoup.parse(page.body());
        assertTrue(html.text().contains("Search is unavailable right now"), html.text());
        assertTrue(html.select(".who").text().contains("responder"), "the rest of the page (who is signed in) is there");
        // the war room works, only its similar-incidents panel says search is unavailable
        Http.Answer warRoom = responder.get("/incidents/" + ids.get(0), Duration.ofSeconds(10));
        assertEquals(200, warRoom.status(), warRoom::toString);
        assertTrue(warRoom.body().contains(word), "the war room shows the incident");
        Http.Answer similar = responder.get("/incidents/" + ids.get(0) + "/similar", Duration.ofSeconds(10));
        assertEquals(200, similar.status(), similar::toString);
        assertTrue(similar.body().contains("Similar past incidents are unavailable right now"), similar.body());
        assertTrue(similar.millis() < 5000, "the similar panel answers fast: " + similar.millis() + " ms");
        Http.Answer list = responder.get("/incidents", Duration.ofSeconds(10));
        assertEquals(200, list.status(), list::toString);
        assertTrue(list.body().contains(word), "the incident list (incident-service) still works");

        long restartedAt = System.nanoTime();
        suite.restart("search-service");
        suite.awaitReady(Duration.ofSeconds(180), 1, "search-service");
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            Http.Answer found = Http.get(search + "/api/search?q=" + word + "&limit=20", runbook(), Duration.ofSeconds(5));
            assertEquals(200, found.status(), found::toString);
            TreeSet<String> hits = new TreeSet<>();
            found.json().get("hits").forEach(h -> hits.add(h.get("id").asText()));
            assertEquals(new TreeSet<>(ids), hits, "every incident declared while search was down is found");
        });
        long caughtUpMs = (System.nanoTime() - restartedAt) / 1_000_000;
        Http.Answer back = responder.get("/search?q=" + word, Duration.ofSeconds(10));
        assertEquals(200, back.status(), back::toString);
        assertEquals(5, Jsoup.parse(back.body()).select(".hit").size(), "the UI search page lists them again");
        System.out.printf("FIGURES search-down: declare+update slowest %d ms while down; UI search page %d ms (503), similar panel %d ms;"
                + " restart to all 5 searchable %d ms%n", worst, page.millis(), similar.millis(), caughtUpMs);
    }

    @Test
    @Order(2)
    void incidentServiceDownAPostmortemFromAnIncidentIsStillCreatedWithTheNoteAndRefreshedLater() throws Exception {
        Http.Answer declared = Http.postJson(incidents + "/api/incidents", runbook(), Map.of(
                "title", "Payments API 502s", "symptom", "Upstream 502 from the payment gateway", "service", "payments"),
                Duration.ofSeconds(10));
        assertEquals(201, declared.status(), declared::toString);
        long incidentId = declared.json().get("id").asLong();
        String author = KeycloakTokens.user("author");

        suite.stop("incident-service");
        Http.Answer created = Http.postJson(postmortems + "/api/postmortems", author,
                Map.of("title", "Payments API 502s", "incidentId", incidentId), Duration.ofSeconds(20));
        assertEquals(201, created.status(), created::toString);
        JsonNode pm = created.json();
        assertNotNull(pm.get("incidentNote"), created::toString);
        assertTrue(pm.get("incidentNote").asText().contains("could not be read from incident-service"), created::toString);
        assertEquals(incidentId, pm.get("incidentId").asLong());
        assertTrue(created.millis() < 12_000, "bounded by the prefill's timeout: " + created.millis() + " ms");

        suite.restart("incident-service");
        suite.awaitReady(Duration.ofSeconds(180), 1, "incident-service");
        String id = pm.get("id").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Http.Answer refreshed = Http.postJson(postmortems + "/api/postmortems/" + id + "/incident-refresh", author, "{}",
                    Duration.ofSeconds(20));
            assertEquals(200, refreshed.status(), refreshed::toString);
            assertTrue(refreshed.json().path("services").toString().contains("payments"), refreshed::toString);
        });
        System.out.printf("FIGURES incident-down: post-mortem from incident created in %d ms with the fallback note%n", created.millis());
    }

    @Test
    @Order(3)
    void searchKilledWithSigkillDuringATenThousandChangeIngestCatchesUpWithNoLossAndNoDuplicates() throws Exception {
        String admin = KeycloakTokens.user("admin");
        int before = indexTotal(admin, "postmortem");
        int batches = 10;
        int perBatch = 1000;
        String run = UUID.randomUUID().toString().substring(0, 8);
        long importStart = System.nanoTime();
        CompletableFuture<Integer> importing = CompletableFuture.supplyAsync(() -> {
            int created = 0;
            for (int b = 0; b < batches; b++) {
                StringBuilder lines = new StringBuilder();
                for (int i = 0; i < perBatch; i++) {
                    int n = b * perBatch + i;
                    lines.append(jsonLine(run, n)).append('\n');
                }
                Http.Answer r = Http.post(postmortems + "/api/imports/jsonl", KeycloakTokens.user("admin"), "application/x-ndjson",
                        lines.toString(), Duration.ofSeconds(180));
                if (r.status() != 200) {
                    throw new IllegalStateException("import batch " + b + ": " + r);
                }
                created += r.json().get("created").asInt();
            }
            return created;
        });

        // the ingest is in progress: part of it is indexed, not all
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(100))
                .until(() -> indexTotal(admin, "postmortem") - before >= 1500);
        int atKill = indexTotal(admin, "postmortem") - before;
        long killedAt = System.nanoTime();
        suite.kill9("search-service");
        boolean importStillRunning = !importing.isDone();
        assertTrue(atKill < batches * perBatch, "killed while ingesting: " + atKill + " of " + batches * perBatch + " indexed");

        suite.restart("search-service");
        int created = importing.get(300, TimeUnit.SECONDS);
        long importMs = (System.nanoTime() - importStart) / 1_000_000;
        suite.awaitReady(Duration.ofSeconds(300), 1, "search-service"); // ready: it has caught up with every feed once
        assertEquals(batches * perBatch, created, "every imported post-mortem was created");

        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            for (String type : List.of("postmortem", "incident")) {
                String feed = type.equals("postmortem") ? postmortems : incidents;
                List<String> source = IndexParity.sourceIds(feed, admin, type);
                IndexParity.IndexPage index = IndexParity.indexIds(search, admin, type);
                assertEquals(index.total(), index.distinct(), type + ": no document is in the index twice");
                assertEquals(source, index.ids(), type + ": the index holds exactly the ids of the source");
            }
        });
        long caughtUpMs = (System.nanoTime() - killedAt) / 1_000_000;
        Http.Answer progress = Http.get(search + "/api/admin/index/rebuild", admin, Duration.ofSeconds(10));
        assertFalse(progress.json().get("rebuiltAtStart").asBoolean(),
                "restarted on its index folder, it went on from the committed cursors: " + progress);
        System.out.printf("FIGURES sigkill-ingest: %d post-mortems imported in %d ms (%.0f/s); SIGKILL after %d indexed (import still running: %s);"
                        + " kill to index == sources %d ms; index %s%n", created, importMs, created * 1000.0 / importMs, atKill,
                importStillRunning, caughtUpMs, progress.body());
    }

    // ------------------------------------------------------------------------------------------------------------

    private static String jsonLine(String run, int n) {
        try {
            return Http.JSON.writeValueAsString(Map.of(
                    "id", "rel-" + run + "-" + n,
                    "title", "Queue consumer lag " + n + " on orders-" + (n % 17),
                    "company", "Hindsight reliability test",
                    "date", "2026-01-" + String.format("%02d", 1 + n % 28),
                    "categories", List.of(n % 2 == 0 ? "CAPACITY" : "DEPLOY"),
                    "text", "## Summary\n\nConsumers of orders-" + (n % 17) + " fell behind by " + n
                            + " messages after a deploy.\n\n## Root cause\n\nA partition rebalance loop (record " + n + ")."));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static int indexTotal(String admin, String type) {
        Http.Answer a = Http.get(search + "/api/admin/index/ids?type=" + type + "&limit=1", admin, Duration.ofSeconds(5));
        return a.status() == 200 ? a.json().get("total").asInt() : -1;
    }

    @SuppressWarnings("unused")
    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
