package io.hindsight.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SearchResourceTest {

    @Inject
    IndexWriterLifecycle index;

    @Inject
    ChangeFeedIndexer indexer;

    @BeforeEach
    void indexSomeIncidents() {
        index.clear();
        indexer.poll(new InMemoryFeed("incidents")
                .incident(1, "Checkout failing with 500", "NullPointerException in PromoValidator for users with promo codes", "checkout")
                .incident(2, "Database meltdown", "API latency 15000ms, database CPU 98%, slow query on orders", "orders-api")
                .incident(3, "Memory leak", "application crashes every 2 hours under load", "checkout"));
    }

    @Test
    void findsIncidentByAWordOfItsSymptomWithHighlight() {
        given().auth().oauth2(KeycloakTokens.runbook())
                .when().get("/api/search?q=latency")
                .then().statusCode(200)
                .body("total", equalTo(1))
                .body("hits[0].id", equalTo("2"))
                .body("hits[0].type", equalTo("incident"))
                .body("hits[0].snippet", containsString("<mark>latency</mark>"));
    }

    @Test
    void stemmingMatchesOtherFormsOfAWord() {
        given().auth().oauth2(KeycloakTokens.user("leader"))
                .when().get("/api/search?q=crashing")
                .then().statusCode(200)
                .body("hits.id", hasItem("3"));
    }

    @Test
    void fieldQueryOnService() {
        given().auth().oauth2(KeycloakTokens.user("author"))
                .when().get("/api/search?q=service:checkout")
                .then().statusCode(200)
                .body("total", equalTo(2));
    }

    @Test
    void emptyQueryListsEverythingNewestFirst() {
        given().auth().oauth2(KeycloakTokens.user("responder"))
                .when().get("/api/search")
                .then().statusCode(200)
                .body("total", greaterThanOrEqualTo(3));
    }

    @Test
    void brokenSyntaxIsProblem400() {
        given().auth().oauth2(KeycloakTokens.user("responder"))
                .when().get("/api/search?q=title:(unclosed")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("cannot be parsed"));
    }

    @Test
    void noTokenIs401() {
        given().when().get("/api/search?q=latency").then().statusCode(401);
    }

    @Test
    void feedReaderAccountMayNotSearch() {
        given().auth().oauth2(KeycloakTokens.serviceAccount("hindsight-search", "hindsight-search-local-secret"))
                .when().get("/api/search?q=latency").then().statusCode(403);
    }

    @Test
    void readinessReportsTheIndex() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.name", hasItem("Search index"));
    }
}
