package io.hindsight.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** A body over {@code quarkus.http.limits.max-body-size} (1M) is a 413 problem, as in every service. */
@QuarkusTest
class BodyLimitTest {

    @Test
    void bodyOverTheLimitIsProblem413() {
        String huge = "{\"symptom\":\"" + "x".repeat(1_100_000) + "\"}";
        given().auth().oauth2(KeycloakTokens.user("responder")).contentType("application/json").body(huge)
                .when().post("/api/search/similar")
                .then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body("title", equalTo("Content Too Large"))
                .body("instance", equalTo("/api/search/similar"));
    }
}
