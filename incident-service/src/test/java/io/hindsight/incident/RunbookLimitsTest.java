package io.hindsight.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.junit.jupiter.api.Test;

/**
 * What an automation (role runbook) may do to an incident a responder works: report on it (status updates, timeline
 * notes), never drive it (README, "What a runbook may do"). The endpoint × role matrix in e2e covers every operation;
 * this covers the one operation whose body decides: a status update that would move the lifecycle.
 */
@QuarkusTest
class RunbookLimitsTest {

    private static RequestSpecification runbook() {
        return given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON);
    }

    @Test
    void aRunbookCannotWalkAResponderIncidentToResolved() {
        long id = IncidentWorkflowTest.declare("runbook-limits");
        IncidentWorkflowTest.post(id, "/triage", IncidentWorkflowTest.P1_TRIAGE).then().statusCode(200);
        // what the finding did: FIX_IN_PROGRESS -> DEPLOYED -> RESOLVED with force, as a runbook
        for (String status : new String[] {"FIX_IN_PROGRESS", "DEPLOYED", "RESOLVED"}) {
            runbook().body("{\"status\":\"" + status + "\",\"force\":true,\"note\":\"bot\"}")
                    .when().post("/api/incidents/" + id + "/transitions")
                    .then().statusCode(403).contentType("application/problem+json");
        }
        runbook().when().post("/api/incidents/" + id + "/acknowledge").then().statusCode(403);
        runbook().body("{\"note\":\"bot\"}").when().post("/api/incidents/" + id + "/mitigate").then().statusCode(403);
        runbook().body(IncidentWorkflowTest.P0_TRIAGE).when().post("/api/incidents/" + id + "/triage").then().statusCode(403);
        // a status update may not move it either (the side door of the same rule), and writes nothing
        runbook().body("{\"status\":\"RESOLVED\",\"scope\":\"all good\"}").when().post("/api/incidents/" + id + "/updates")
                .then().statusCode(403).contentType("application/problem+json").body("detail", containsString("may not move it"));
        org.junit.jupiter.api.Assertions.assertEquals("INVESTIGATING", IncidentWorkflowTest.get(id).getString("status"));
        given().auth().oauth2(KeycloakTokens.user("responder")).when().get("/api/incidents/" + id + "/updates")
                .then().statusCode(200).body("size()", equalTo(0));
        // reporting is what it may do: an update that keeps the status (absent or the current one), a timeline note
        runbook().body("{\"scope\":\"EU users\"}").when().post("/api/incidents/" + id + "/updates").then().statusCode(201);
        runbook().body("{\"status\":\"INVESTIGATING\",\"scope\":\"EU users\"}").when().post("/api/incidents/" + id + "/updates")
                .then().statusCode(201);
        runbook().body("{\"summary\":\"queue drained by the bot\"}").when().post("/api/incidents/" + id + "/timeline").then().statusCode(201);
        given().auth().oauth2(KeycloakTokens.user("responder")).when().get("/api/incidents/" + id)
                .then().statusCode(200).body("status", equalTo("INVESTIGATING"));
        given().auth().oauth2(KeycloakTokens.user("responder")).when().get("/api/incidents/" + id + "/timeline")
                .then().statusCode(200).body("events.summary", hasItem("queue drained by the bot"));
        // a responder's update still moves it
        given().auth().oauth2(KeycloakTokens.user("responder")).contentType(ContentType.JSON).body("{\"status\":\"ROOT_CAUSE_FOUND\"}")
                .when().post("/api/incidents/" + id + "/updates").then().statusCode(201).body("status", equalTo("ROOT_CAUSE_FOUND"));
    }
}
