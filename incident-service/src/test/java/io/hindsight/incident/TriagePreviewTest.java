package io.hindsight.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class TriagePreviewTest {

    @Test
    void serviceDownForAllUsersPreviewsP0WithReasons() {
        given().auth().oauth2(KeycloakTokens.user("responder")).contentType(ContentType.JSON)
                .body("{\"scope\":\"ALL_USERS\",\"effect\":\"SERVICE_DOWN\",\"visibility\":\"EXTERNAL_CUSTOMERS\",\"escalation\":\"STABLE\",\"revenue\":\"NONE\"}")
                .when().post("/api/triage/preview")
                .then().statusCode(200)
                .body("priority", equalTo("P0"))
                .body("reasons", not(empty()));
    }

    @Test
    void incompleteTriageNamesTheMissingAnswers() {
        given().auth().oauth2(KeycloakTokens.user("responder")).contentType(ContentType.JSON)
                .body("{\"scope\":\"ALL_USERS\"}")
                .when().post("/api/triage/preview")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("effect"));
    }

    @Test
    void leaderMayNotTriage() {
        given().auth().oauth2(KeycloakTokens.user("leader")).contentType(ContentType.JSON)
                .body("{\"scope\":\"ALL_USERS\",\"effect\":\"SERVICE_DOWN\",\"visibility\":\"EXTERNAL_CUSTOMERS\",\"escalation\":\"STABLE\",\"revenue\":\"NONE\"}")
                .when().post("/api/triage/preview")
                .then().statusCode(403);
    }
}
