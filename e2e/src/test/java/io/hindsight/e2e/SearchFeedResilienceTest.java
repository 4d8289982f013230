package io.hindsight.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hindsight.testsupport.KeycloakTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * search-service against the real feeds of a suite of this test's own (own ports, own PostgreSQL, own index): a lesson
 * the index cannot take does not stop post-mortem indexing, and an incident feed whose head went back behind search's
 * cursor (what a crash of incident-service that reused sequence numbers left behind) is detected, healed and re-read,
 * so the incidents declared afterwards all become searchable.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SearchFeedResilienceTest {

    static final int INCIDENT_PORT = TestPorts.port(18321);
    static final int POSTMORTEM_PORT = TestPorts.port(18322);
    static final int SEARCH_PORT = TestPorts.port(18323);
    static final int PG_PORT = TestPorts.port(18324);
    static final Duration WAIT = Duration.ofSeconds(60);

    static OwnPostgres pg;
    static SuiteProcesses suite;
    static String incidents = "http://127.0.0.1:" + INCIDENT_PORT;
    static String postmortems = "http://127.0.0.1:" + POSTMORTEM_PORT;
    static String search = "http://127.0.0.1:" + SEARCH_PORT;

    @BeforeAll
    static void startOwnSuite() throws Exception {
        Path root = RunningSuite.root();
        pg = new OwnPostgres("feed-resilience", PG_PORT);
        pg.start();
        pg.createDatabases("hindsight_incident", "hindsight_postmortem");
        suite = new SuiteProcesses(root, "feed-resilience-logs");
        Map<String, String> common = new HashMap<>(Map.of(
                "HINDSIGHT_KEYCLOAK_URL", KeycloakTokens.keycloakUrl(),
                "HINDSIGHT_DB_USER", OwnPostgres.USER,
                "HINDSIGHT_DB_PASSWORD", OwnPostgres.PASSWORD,
                "HINDSIGHT_INCIDENT_URL", incidents,
                "HINDSIGHT_POSTMORTEM_URL", postmortems,
                "HINDSIGHT_SEARCH_URL", search,
                "HINDSIGHT_SEARCH_CLIENT_SECRET", "hindsight-search-local-secret"));
        common.put("HINDSIGHT_INCIDENT_DB_URL", pg.jdbcUrl("hindsight_incident"));
        common.put("HINDSIGHT_POSTMORTEM_DB_URL", pg.jdbcUrl("hindsight_postmortem"));
        suite.start("incident-service", INCIDENT_PORT, common);
        suite.start("postmortem-service", POSTMORTEM_PORT, common);
        suite.start("search-service", SEARCH_PORT, common,
                "-Dhindsight.search.index-path=" + root.resolve("e2e/target/feed-resilience-index-" + UUID.randomUUID()),
                "-Dhindsight.search.poll-interval=0.2s");
        suite.awaitReady(Duration.ofSeconds(300), 1, "incident-service", "postmortem-service", "search-service");
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

    static String word() {
        return "w" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    static List<String> found(String q) {
        Http.Answer answer = Http.get(search + "/api/search?limit=50&q=" + java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8), KeycloakTokens.user("admin"), Duration.ofSeconds(5));
        assertEquals(200, answer.status(), answer::toString);
        List<String> ids = new ArrayList<>();
        answer.json().get("hits").forEach(h -> ids.add(h.get("type").asText() + ":" + h.get("id").asText()));
        return ids;
    }

    @Test
    @Order(1)
    void aLessonTheIndexCannotTakeDoesNotStopPostmortemIndexing() {
        String author = KeycloakTokens.user("author");
        Http.Answer poison = Http.postJson(postmortems + "/api/lessons", author, Map.of("title", "A lesson with one long word",
                "body", "Ab" + "C".repeat(19_000)), Duration.ofSeconds(10));
        String w = word();
        Http.Answer after = Http.postJson(postmortems + "/api/lessons", author, Map.of("title", "Canary " + w, "body",
                "Declared after the long word"), Duration.ofSeconds(10));
        assertEquals(201, after.status(), after::toString);
        String afterId = "lesson:" + after.json().get("id").asText();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertEquals(List.of(afterId), found(w)));
        if (poison.status() == 201) {
            // accepted at the edge: either indexed (term lengths bounded) or a dead letter the admin sees; never a wedge
            String poisonId = poison.json().get("id").asText();
            await().atMost(WAIT).untilAsserted(() -> {
                Http.Answer letters = Http.get(search + "/api/admin/index/dead-letters", KeycloakTokens.user("admin"), Duration.ofSeconds(5));
                assertEquals(200, letters.status(), letters::toString);
                boolean dead = false;
                for (JsonNode d : letters.json().get("deadLetters")) {
                    dead |= "lesson".equals(d.path("entityType").asText()) && poisonId.equals(d.path("entityId").asText());
                }
                assertTrue(dead || found("\"lesson with one long word\"").contains("lesson:" + poisonId), letters::toString);
            });
        } else {
            assertEquals(400, poison.status(), "refused at the edge with a problem: " + poison);
        }
        Http.Answer ready = Http.get(search + "/q/health/ready", KeycloakTokens.user("admin"), Duration.ofSeconds(5));
        assertEquals(200, ready.status(), "dead letters never make search unready: " + ready);
    }

    @Test
    @Order(2)
    void aFeedHeadBehindTheCursorIsHealedAndEveryIncidentDeclaredAfterwardsBecomesSearchable() throws Exception {
        String before = word();
        for (int i = 0; i < 3; i++) {
            assertEquals(201, declare("Before the crash " + before + " " + i).status());
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> assertEquals(3, found(before).size()));
        long head = Long.parseLong(pg.sql("hindsight_incident", "select last_seq from change_feed_sequence where id = 1").strip());

        // what the crash left: the last entries gone and the sequence back, so their numbers are handed out again
        pg.sql("hindsight_incident", "delete from change_feed where seq > " + (head - 2)
                + "; update change_feed_sequence set last_seq = " + (head - 2) + " where id = 1");
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            JsonNode feed = incidentFeedStatus();
            assertTrue(feed.path("heals").asLong() >= 1, feed::toString);
            assertFalse(feed.path("healedAt").isNull(), feed::toString);
        });
        Http.Answer ready = Http.get(search + "/q/health/ready", KeycloakTokens.user("admin"), Duration.ofSeconds(5));
        assertTrue(ready.body().contains("feed.incidents.healedAt"), ready::toString);
        Http.Answer metrics = Http.get(search + "/q/metrics", KeycloakTokens.user("admin"), Duration.ofSeconds(5));
        assertTrue(metrics.body().matches("(?s).*hindsight_search_feed_cursor_heals_total\\{feed=\"incidents\"[^}]*\\} [1-9].*"),
                "the heal is counted");

        String afterCrash = word();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Http.Answer declared = declare("After the crash " + afterCrash + " " + i);
            assertEquals(201, declared.status(), declared::toString);
            ids.add("incident:" + declared.json().get("id").asText());
        }
        await().atMost(WAIT).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertEquals(ids.stream().sorted().toList(), found(afterCrash).stream().sorted().toList(), "all four, none skipped"));
        JsonNode feed = incidentFeedStatus();
        assertEquals(feed.path("headSeq").asLong(), feed.path("cursor").asLong(), feed::toString);
    }

    static Http.Answer declare(String title) {
        return Http.postJson(incidents + "/api/incidents", KeycloakTokens.runbook(), Map.of("title", title,
                "symptom", "Checkout requests time out " + title, "service", "cart"), Duration.ofSeconds(10));
    }

    static JsonNode incidentFeedStatus() {
        Http.Answer status = Http.get(search + "/api/admin/index", KeycloakTokens.user("admin"), Duration.ofSeconds(5));
        assertEquals(200, status.status(), status::toString);
        for (JsonNode f : status.json().get("feeds")) {
            if ("incidents".equals(f.path("feed").asText())) {
                return f;
            }
        }
        throw new AssertionError("no incidents feed in " + status.body());
    }
}
