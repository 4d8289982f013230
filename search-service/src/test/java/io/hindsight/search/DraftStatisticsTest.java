package io.hindsight.search;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A draft may not change a single byte of what a reader who may not see it gets: not the words similar echoes or the
 * terms it picks (by document frequency), not a score, a snippet, a facet count, a total or a suggestion. Each
 * response of a responder (published only) and a leader (published and in review) is taken without the draft and
 * again with it: a draft whose summary holds a word nothing else has and the common words of the fixture.
 */
@QuarkusTest
class DraftStatisticsTest {

    private static final String UNIQUE = "zorblaxian";

    @Inject
    IndexWriterLifecycle index;

    @Inject
    ChangeFeedIndexer indexer;

    @BeforeEach
    void load() {
        KnowledgeFixture.load(index, indexer);
    }

    private static Map<String, String> responses(String user) {
        String token = KeycloakTokens.user(user);
        Map<String, String> out = new LinkedHashMap<>();
        out.put("similar", given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("symptom", "Checkout promo codes fail with a timeout " + UNIQUE + " in the database", "services", List.of("checkout")))
                .when().post("/api/search/similar").then().statusCode(200).extract().asString());
        for (String q : List.of("promo", "checkout timeout", UNIQUE, "data*", "\"promo code\"")) {
            out.put("search " + q, given().auth().oauth2(token).queryParam("q", q).queryParam("facet", "type,service,category,status,priority")
                    .when().get("/api/search").then().statusCode(200).extract().asString());
        }
        for (String q : List.of("pro", "zorb", "check", "Data")) {
            out.put("suggest " + q, given().auth().oauth2(token).queryParam("q", q)
                    .when().get("/api/search/suggest").then().statusCode(200).extract().asString());
        }
        return out;
    }

    @Test
    void aDraftChangesNothingAResponderOrALeaderGets() {
        Map<String, String> responderBefore = responses("responder");
        Map<String, String> leaderBefore = responses("leader");
        Map<String, String> authorBefore = responses("author");
        String words = "Checkout promo codes timeout database " + UNIQUE + " promo promo data data checkout";
        // and one whose services are 250 suggestion keys sorting before every visible "pro…", "check…" and "data…" key
        String[] many = new String[750];
        for (int i = 0; i < 250; i++) {
            many[i] = String.format("pro-%03d", i);
            many[250 + i] = String.format("check-%03d", i);
            many[500 + i] = String.format("data-%03d", i);
        }
        // through the fixture's own feed, after its cursor (a feed of another name would stay behind in the rebuild status)
        long cursor = given().auth().oauth2(KeycloakTokens.user("admin")).when().get("/api/admin/index/rebuild")
                .then().statusCode(200).extract().jsonPath().getLong("feeds.find { it.feed == 'postmortems' }.cursor");
        InMemoryFeed postmortems = new InMemoryFeed("postmortems");
        for (long i = 0; i < cursor; i++) {
            postmortems.delete("postmortem", "read-already-" + i); // before the cursor: never handed out again
        }
        indexer.poll(postmortems.upsert("postmortem", 990, Payloads.postmortem(990, null, "DRAFT",
                "Promo checkout draft " + UNIQUE, words, "database timeout " + UNIQUE, new String[] {"checkout"}, new String[] {"deploy"}))
                .upsert("postmortem", 991, Payloads.postmortem(991, null, "DRAFT", "Services draft", "many services", "none",
                        many, new String[] {"deploy"})));
        Map<String, String> responderAfter = responses("responder");
        Map<String, String> leaderAfter = responses("leader");
        responderBefore.forEach((k, v) -> assertEquals(v, responderAfter.get(k), "responder, " + k));
        leaderBefore.forEach((k, v) -> assertEquals(v, leaderAfter.get(k), "leader, " + k));
        assertTrue(!responderAfter.get("similar").contains(UNIQUE), responderAfter.get("similar"));
        // control: the author, who may read drafts, does see it (so the draft was indexed and the probes can tell)
        Map<String, String> authorAfter = responses("author");
        assertNotEquals(authorBefore.get("similar"), authorAfter.get("similar"));
        assertTrue(authorAfter.get("similar").contains(UNIQUE), authorAfter.get("similar"));
    }
}
