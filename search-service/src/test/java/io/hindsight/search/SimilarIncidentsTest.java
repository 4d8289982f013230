package io.hindsight.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SimilarIncidentsTest {

    private static final String PROMO_SYMPTOM =
            "Checkout answers HTTP 503; logs show NullPointerException in PromoValidator whenever a promo code is used";

    @Inject
    IndexWriterLifecycle index;

    @Inject
    ChangeFeedIndexer indexer;

    @BeforeEach
    void load() {
        KnowledgeFixture.load(index, indexer);
    }

    @Test
    void aSymptomLikeAPastIncidentRanksItFirstWithItsRootCauseFixAndLessons() {
        given().auth().oauth2(KeycloakTokens.runbook()).contentType("application/json")
                .body(Map.of("symptom", PROMO_SYMPTOM, "services", List.of("checkout")))
                .when().post("/api/search/similar")
                .then().statusCode(200)
                .body("matches[0].type", equalTo("incident"))
                .body("matches[0].id", equalTo("10"))
                .body("matches[0].matchedTerms", hasItems("NullPointerException", "PromoValidator", "503"))
                .body("matches[0].rootCause", containsString("v2.3.1"))
                .body("matches[0].fixes[0].description", equalTo("Rolled back checkout to v2.3.0"))
                .body("matches[0].postmortemId", equalTo("7"))
                .body("matches[0].lessons", hasItem("Canary every deploy"))
                .body("matches.id", hasItem("7"))
                .body("matches.find { it.type == 'postmortem' }.fixes[0].description", equalTo("Rolled back checkout to v2.3.0"));
    }

    @Test
    void drillsAreExcludedUnlessAskedFor() {
        given().auth().oauth2(KeycloakTokens.user("responder")).contentType("application/json")
                .body(Map.of("symptom", "game day rehearsal NullPointerException"))
                .when().post("/api/search/similar")
                .then().statusCode(200).body("matches.id", not(hasItem("13")));
        given().auth().oauth2(KeycloakTokens.user("responder")).contentType("application/json")
                .body(Map.of("symptom", "game day rehearsal NullPointerException", "includeDrills", true))
                .when().post("/api/search/similar")
                .then().statusCode(200).body("matches[0].id", equalTo("13"));
    }

    @Test
    void draftsAreNotSuggestedToResponders() {
        given().auth().oauth2(KeycloakTokens.user("responder")).contentType("application/json")
                .body(Map.of("symptom", "secret draft connection pool", "limit", 20))
                .when().post("/api/search/similar")
                .then().statusCode(200).body("matches.type", not(hasItem("postmortem")));
        given().auth().oauth2(KeycloakTokens.user("author")).contentType("application/json")
                .body(Map.of("symptom", "secret draft connection pool", "limit", 20))
                .when().post("/api/search/similar")
                .then().statusCode(200).body("matches.id", hasItem("8"));
    }

    @Test
    void theNewIncidentItselfCanBeExcluded() {
        given().auth().oauth2(KeycloakTokens.runbook()).contentType("application/json")
                .body(Map.of("symptom", PROMO_SYMPTOM, "excludeIncidentId", "10"))
                .when().post("/api/search/similar")
                .then().statusCode(200).body("matches.id", not(hasItem("10"))).body("matches[0].id", equalTo("7"));
    }

    @Test
    void missingOrHugeSymptomIs400() {
        given().auth().oauth2(KeycloakTokens.runbook()).contentType("application/json").body(Map.of("title", "x"))
                .when().post("/api/search/similar").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(KeycloakTokens.runbook()).contentType("application/json").body(Map.of("symptom", "x".repeat(5001)))
                .when().post("/api/search/similar").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(KeycloakTokens.runbook()).contentType("application/json").body("{not json")
                .when().post("/api/search/similar").then().statusCode(400);
    }

    @Test
    void unknownWordsFindNothingRatherThanFail() {
        given().auth().oauth2(KeycloakTokens.runbook()).contentType("application/json").body(Map.of("symptom", "zzqx qqzz"))
                .when().post("/api/search/similar").then().statusCode(200).body("matches.size()", equalTo(0));
    }
}
