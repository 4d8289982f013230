package io.hindsight.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IncidentResourceTest {

    private static final String CHECKOUT = """
            {"title":"Checkout failing with 500","symptom":"NullPointerException in PromoValidator for promo codes","service":"checkout"}
            """;

    @Test
    void runbookDeclaresIncidentAndGetsLocation() {
        String location = given().auth().oauth2(KeycloakTokens.runbook())
                .contentType(ContentType.JSON).body(CHECKOUT)
                .when().post("/api/incidents")
                .then().statusCode(201)
                .header("Location", containsString("/api/incidents/"))
                .body("status", equalTo("INVESTIGATING"))
                .body("services", hasItem("checkout"))
                .body("declaredBy", equalTo("service-account-hindsight-runbook"))
                .extract().header("Location");

        given().auth().oauth2(KeycloakTokens.user("leader"))
                .when().get(location)
                .then().statusCode(200)
                .body("title", equalTo("Checkout failing with 500"))
                .header("ETag", notNullValue());
    }

    @Test
    void noTokenIsRejectedWith401() {
        given().contentType(ContentType.JSON).body(CHECKOUT)
                .when().post("/api/incidents")
                .then().statusCode(401);
        given().when().get("/api/incidents").then().statusCode(401);
    }

    @Test
    void leaderMayNotDeclare() {
        given().auth().oauth2(KeycloakTokens.user("leader"))
                .contentType(ContentType.JSON).body(CHECKOUT)
                .when().post("/api/incidents")
                .then().statusCode(403);
    }

    @Test
    void forgedTokenIsRejectedWith401() {
        String token = KeycloakTokens.user("responder");
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        given().auth().oauth2(forged).when().get("/api/incidents").then().statusCode(401);
    }

    @Test
    void missingFieldsAreNamedInProblem() {
        given().auth().oauth2(KeycloakTokens.user("responder"))
                .contentType(ContentType.JSON).body("{\"title\":\"\"}")
                .when().post("/api/incidents")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", hasItem("title"))
                .body("violations.field", hasItem("symptom"));
    }

    @Test
    void missingServiceIsNamedInProblem() {
        given().auth().oauth2(KeycloakTokens.user("responder"))
                .contentType(ContentType.JSON).body("{\"title\":\"t\",\"symptom\":\"s\"}")
                .when().post("/api/incidents")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("service"));
    }

    @Test
    void malformedJsonIsProblem400() {
        given().auth().oauth2(KeycloakTokens.user("responder"))
                .contentType(ContentType.JSON).body("{\"title\": \"x\", ")
                .when().post("/api/incidents")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", startsWith("The request body is not valid JSON"));
    }

    @Test
    void wrongTypeIsNamedInProblem() {
        given().auth().oauth2(KeycloakTokens.user("responder"))
                .contentType(ContentType.JSON).body("{\"title\":\"t\",\"symptom\":\"s\",\"service\":\"a\",\"drill\":{\"x\":1}}")
                .when().post("/api/incidents")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("drill"));
    }

    @Test
    void wrongContentTypeIsProblem415() {
        given().auth().oauth2(KeycloakTokens.user("responder"))
                .contentType(ContentType.TEXT).body("title=x")
                .when().post("/api/incidents")
                .then().statusCode(415)
                .contentType("application/problem+json");
    }

    @Test
    void unknownIncidentIsProblem404() {
        given().auth().oauth2(KeycloakTokens.user("responder"))
                .when().get("/api/incidents/999999999")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void unknownRouteIsProblem404() {
        given().auth().oauth2(KeycloakTokens.user("responder"))
                .when().get("/api/no-such-thing")
                .then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void badQueryParameterIsNamedInProblem() {
        given().auth().oauth2(KeycloakTokens.user("responder"))
                .when().get("/api/incidents?limit=0")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("limit"));
    }
}
