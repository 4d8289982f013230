package io.hindsight.search;

import static io.hindsight.search.Payloads.lesson;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A lesson is indexed as public as postmortem-service says it is (its {@code status}): what a draft taught is found by
 * authors only, through search, suggest, similar and facet counts alike (issue 15, finding 1). Before, every lesson
 * was indexed PUBLIC.
 */
@QuarkusTest
class LessonVisibilityTest {

    @Inject
    IndexWriterLifecycle index;

    @Inject
    ChangeFeedIndexer indexer;

    @BeforeEach
    void load() {
        index.clear();
        var draft = lesson(21, "Zebrafish quarantine drill", "ZebrafishQuarantine taught only by a draft");
        draft.put("status", "DRAFT");
        var review = lesson(22, "Okapi rotation rule", "OkapiRotation taught by a post-mortem in review");
        review.put("status", "IN_REVIEW");
        var unsaid = lesson(23, "Narwhal fallback habit", "NarwhalFallback from a feed entry without a status");
        unsaid.remove("status");
        indexer.poll(new InMemoryFeed("postmortems")
                .upsert("lesson", 20, lesson(20, "Platypus canary habit", "PlatypusCanary taught by a published post-mortem", 7))
                .upsert("lesson", 21, draft)
                .upsert("lesson", 22, review)
                .upsert("lesson", 23, unsaid));
    }

    private static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakTokens.user(user));
    }

    @Test
    void searchShowsADraftLessonToWritersOnlyAndOneInReviewToReviewersToo() {
        for (String user : new String[]{"responder", "leader", "author", "admin"}) {
            boolean writer = user.equals("author") || user.equals("admin");
            boolean reviewer = writer || user.equals("leader");
            as(user).queryParam("q", "zebrafish OR okapi OR narwhal OR platypus").queryParam("type", "lesson")
                    .queryParam("facet", "type").when().get("/api/search").then().statusCode(200)
                    .body("hits.id", hasItem("20"))
                    .body("hits.id", writer ? hasItem("21") : not(hasItem("21")))
                    .body("hits.id", reviewer ? hasItem("22") : not(hasItem("22")))
                    .body("hits.id", writer ? hasItem("23") : not(hasItem("23")))
                    .body("facets.type.lesson", equalTo(writer ? 4 : reviewer ? 2 : 1));
        }
        given().auth().oauth2(KeycloakTokens.runbook()).queryParam("q", "zebrafish").when().get("/api/search")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void suggestAndSimilarKeepADraftLessonFromReaders() {
        as("responder").queryParam("q", "ZebrafishQ").when().get("/api/search/suggest").then().statusCode(200)
                .body("text", not(hasItem("ZebrafishQuarantine")));
        as("author").queryParam("q", "ZebrafishQ").when().get("/api/search/suggest").then().statusCode(200)
                .body("text", hasItem("ZebrafishQuarantine"));
        as("responder").contentType("application/json").body(Map.of("symptom", "zebrafish quarantine drill", "limit", 20))
                .when().post("/api/search/similar").then().statusCode(200)
                .body("matches.id", everyItem(not(equalTo("21"))));
        as("author").contentType("application/json").body(Map.of("symptom", "zebrafish quarantine drill", "limit", 20))
                .when().post("/api/search/similar").then().statusCode(200)
                .body("matches.id", hasItem("21"));
    }
}
