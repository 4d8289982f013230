package io.hindsight.postmortem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PostmortemResourceTest {

    private static final String BODY = "{\"title\":\"Checkout outage\",\"summary\":\"Promo codes broke checkout\"}";

    @Test
    void authorStartsDraftVisibleToAuthorsOnly() {
        String location = given().auth().oauth2(KeycloakTokens.user("author"))
                .contentType(ContentType.JSON).body(BODY)
                .when().post("/api/postmortems")
                .then().statusCode(201)
                .header("Location", containsString("/api/postmortems/"))
                .body("status", equalTo("DRAFT"))
                .body("createdBy", equalTo("author"))
                .extract().header("Location");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        given().auth().oauth2(KeycloakTokens.user("admin")).when().get(location).then().statusCode(200);
        given().auth().oauth2(KeycloakTokens.user("responder")).when().get(location).then().statusCode(404);
        given().auth().oauth2(KeycloakTokens.user("responder")).when().get("/api/postmortems")
                .then().statusCode(200).body("id", not(hasItem((int) id)));
    }

    @Test
    void responderMayNotWritePostmortems() {
        given().auth().oauth2(KeycloakTokens.user("responder"))
                .contentType(ContentType.JSON).body(BODY)
                .when().post("/api/postmortems")
                .then().statusCode(403);
    }

    @Test
    void noTokenIs401() {
        given().when().get("/api/postmortems").then().statusCode(401);
    }

    @Test
    void missingTitleIsNamed() {
        given().auth().oauth2(KeycloakTokens.user("author"))
                .contentType(ContentType.JSON).body("{\"incidentId\": -3}")
                .when().post("/api/postmortems")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("title"))
                .body("violations.field", hasItem("incidentId"));
    }

    @Test
    void draftsReachTheChangeFeed() {
        given().auth().oauth2(KeycloakTokens.user("author"))
                .contentType(ContentType.JSON).body(BODY)
                .when().post("/api/postmortems").then().statusCode(201);
        given().auth().oauth2(KeycloakTokens.serviceAccount("hindsight-search", "hindsight-search-local-secret"))
                .when().get("/api/changes?after=0&limit=1000")
                .then().statusCode(200)
                .body("changes.entityType", hasItem("postmortem"));
    }

    @Test
    void readinessChecksTheDatabase() {
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
