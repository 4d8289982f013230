package io.hindsight.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SuggestTest {

    @Inject
    IndexWriterLifecycle index;

    @Inject
    ChangeFeedIndexer indexer;

    @BeforeEach
    void load() {
        KnowledgeFixture.load(index, indexer);
    }

    @Test
    void suggestsExceptionNamesCaseInsensitively() {
        given().auth().oauth2(KeycloakTokens.user("responder")).queryParam("q", "nullp").when().get("/api/search/suggest")
                .then().statusCode(200).body("[0].text", equalTo("NullPointerException")).body("[0].kind", equalTo("name"));
    }

    @Test
    void suggestsServicesAndTitles() {
        given().auth().oauth2(KeycloakTokens.user("responder")).queryParam("q", "ord").when().get("/api/search/suggest")
                .then().statusCode(200).body("text", hasItem("orders-api")).body("text", hasItem("Orders API slow"));
        given().auth().oauth2(KeycloakTokens.user("responder")).queryParam("q", "memory le").when().get("/api/search/suggest")
                .then().statusCode(200).body("[0].text", equalTo("Memory leak in search indexer")).body("[0].kind", equalTo("title"));
    }

    @Test
    void draftTitlesAreNotSuggestedToResponders() {
        given().auth().oauth2(KeycloakTokens.user("responder")).queryParam("q", "orders database").when().get("/api/search/suggest")
                .then().statusCode(200).body("text", not(hasItem("Orders database meltdown (draft)")));
        given().auth().oauth2(KeycloakTokens.user("author")).queryParam("q", "orders database").when().get("/api/search/suggest")
                .then().statusCode(200).body("text", hasItem("Orders database meltdown (draft)"));
    }

    @Test
    void emptyOrHugePrefixIs400() {
        given().auth().oauth2(KeycloakTokens.user("responder")).when().get("/api/search/suggest").then().statusCode(400);
        given().auth().oauth2(KeycloakTokens.user("responder")).queryParam("q", "x".repeat(101)).when().get("/api/search/suggest")
                .then().statusCode(400);
    }
}
