package io.hindsight.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.ChunkedPost;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** A body over {@code quarkus.http.limits.max-body-size} (1M) is a 413 problem, as in every service, chunked or not. */
@QuarkusTest
class BodyLimitTest {

    @TestHTTPResource("/api/search/similar")
    URI similar;

    @Test
    void bodyOverTheLimitIsProblem413() {
        String huge = "{\"symptom\":\"" + "x".repeat(1_100_000) + "\"}";
        given().auth().oauth2(KeycloakTokens.user("responder")).contentType("application/json").body(huge)
                .when().post("/api/search/similar")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body("title", equalTo("Content Too Large"))
                .body("instance", equalTo("/api/search/similar"));
    }

    @Test
    void chunkedBodyOverTheLimitIsTheSameProblem413() {
        ChunkedPost.Answer a = ChunkedPost.send(similar, KeycloakTokens.user("responder"), "application/json",
                "{\"symptom\":\"", 1_100_000, "\"}");
        assertEquals(413, a.status(), a.toString());
        assertEquals("application/problem+json", a.mediaType(), a.toString());
        assertTrue(a.body().contains("\"status\":413") && a.body().contains("\"title\":\"Content Too Large\"")
                && a.body().contains("\"instance\":\"/api/search/similar\""), a.toString());
    }

    @Test
    void chunkedBodyUnderTheLimitIsRead() {
        ChunkedPost.Answer a = ChunkedPost.send(similar, KeycloakTokens.user("responder"), "application/json",
                "{\"symptom\":\"", 1000, "\"}");
        assertEquals(200, a.status(), a.toString());
    }
}
