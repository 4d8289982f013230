package io.hindsight.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesRegex;

import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dead letters as admins, readiness and metrics see them: listed, retried, discarded, counted; never DOWN for them. */
@QuarkusTest
class DeadLetterAdminTest {

    @Inject
    IndexWriterLifecycle index;

    @Inject
    ChangeFeedIndexer indexer;

    @BeforeEach
    void feedAPoisonPill() {
        clean();
        indexer.poll(new InMemoryFeed("incidents")
                .upsert("incident", 10, Payloads.incident(10, "Before the poison", "latency", "P1", "2026-09-01T10:00:00Z", "checkout"))
                .unreadable("incident", 11, FeedResilienceTest.UNREADABLE)
                .upsert("incident", 12, Payloads.incident(12, "Narwhal queue stuck", "after the poison", "P2", "2026-09-01T11:00:00Z", "queue")));
    }

    @AfterEach
    void clean() {
        index.clear();
        index.deadLetters().forEach(d -> index.removeDeadLetter(d.feed(), d.seq()));
        index.commitAndRefresh();
    }

    private static String admin() {
        return KeycloakTokens.user("admin");
    }

    @Test
    void adminsListRetryAndDiscardDeadLettersAndSearchWentOn() {
        given().auth().oauth2(admin()).queryParam("q", "narwhal").when().get("/api/search")
                .then().statusCode(200).body("hits.size()", equalTo(1)).body("hits[0].id", equalTo("12"));
        given().auth().oauth2(admin()).when().get("/api/admin/index/dead-letters")
                .then().statusCode(200).body("count", equalTo(1))
                .body("deadLetters[0].feed", equalTo("incidents")).body("deadLetters[0].seq", equalTo(2))
                .body("deadLetters[0].entityType", equalTo("incident")).body("deadLetters[0].entityId", equalTo("11"))
                .body("deadLetters[0].attempts", equalTo(1)).body("deadLetters[0].error", containsString("could not be read"))
                .body("deadLetters[0].firstSeen", matchesRegex("\\d{4}-.*Z"));
        given().auth().oauth2(admin()).when().post("/api/admin/index/dead-letters/incidents/2/retry")
                .then().statusCode(200).body("outcomes[0].outcome", equalTo("FAILED")).body("remaining", equalTo(1));
        given().auth().oauth2(admin()).when().post("/api/admin/index/dead-letters/retry")
                .then().statusCode(200).body("outcomes.size()", equalTo(1)).body("outcomes[0].outcome", equalTo("FAILED"));
        given().auth().oauth2(admin()).when().get("/api/admin/index/dead-letters")
                .then().statusCode(200).body("deadLetters[0].attempts", equalTo(3));

        given().auth().oauth2(admin()).when().post("/api/admin/index/dead-letters/incidents/99/retry")
                .then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(admin()).when().post("/api/admin/index/dead-letters/incidents/abc/retry")
                .then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(KeycloakTokens.user("leader")).when().get("/api/admin/index/dead-letters").then().statusCode(403);
        given().auth().oauth2(KeycloakTokens.user("leader")).when().post("/api/admin/index/dead-letters/retry").then().statusCode(403);

        given().auth().oauth2(admin()).when().delete("/api/admin/index/dead-letters/incidents/2").then().statusCode(204);
        given().auth().oauth2(admin()).when().get("/api/admin/index/dead-letters").then().statusCode(200).body("count", equalTo(0));
        given().auth().oauth2(admin()).when().delete("/api/admin/index/dead-letters/incidents/2")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void indexStatusReadinessAndMetricsCountDeadLettersAndLagWithoutGoingDown() {
        given().auth().oauth2(admin()).when().get("/api/admin/index")
                .then().statusCode(200).body("deadLetters", equalTo(1))
                .body("feeds.find { it.feed == 'incidents' }.deadLetters", equalTo(1))
                .body("feeds.find { it.feed == 'incidents' }.cursor", equalTo(3))
                .body("feeds.find { it.feed == 'incidents' }.lagEntries", equalTo(0))
                .body("feeds.find { it.feed == 'incidents' }.lagSeconds", equalTo(0.0f));
        given().when().get("/q/health/ready")
                .then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.find { it.name == 'Search index' }.data.deadLetters", equalTo(1))
                .body("checks.find { it.name == 'Search index' }.data.'feed.incidents.lagEntries'", equalTo(0));
        given().when().get("/q/metrics").then().statusCode(200)
                .body(matchesRegex("(?s).*\\nhindsight_search_dead_letters\\{feed=\"incidents\"[^}]*\\} 1\\.0\\n.*"))
                .body(matchesRegex("(?s).*\\nhindsight_search_dead_letters_total [1-9][0-9.]*\\n.*"))
                .body(matchesRegex("(?s).*\\nhindsight_search_feed_lag_entries\\{feed=\"incidents\"[^}]*\\} 0\\.0\\n.*"))
                .body(matchesRegex("(?s).*\\nhindsight_search_feed_lag_seconds\\{feed=\"incidents\"[^}]*\\} 0\\.0\\n.*"))
                .body(matchesRegex("(?s).*\\nhindsight_search_feed_last_success_seconds\\{feed=\"incidents\"[^}]*\\} [0-9.E]+\\n.*"))
                .body(containsString("hindsight_search_feed_cursor_heals_total{feed=\"incidents\""));
    }
}
