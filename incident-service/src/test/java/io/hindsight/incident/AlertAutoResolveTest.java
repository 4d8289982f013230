package io.hindsight.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** With hindsight.alerts.resolve-closes-incident=true, the incident closes when its alert resolves (off by default). */
@QuarkusTest
@TestProfile(AlertAutoResolveTest.ResolveClosesIncident.class)
class AlertAutoResolveTest {

    public static class ResolveClosesIncident implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hindsight.alerts.resolve-closes-incident", "true");
        }
    }

    @Test
    void aResolvedAlertClosesItsIncidentWhenConfigured() {
        String key = "pd-" + UUID.randomUUID();
        long id = given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body("{\"event_action\":\"trigger\",\"dedup_key\":\"" + key + "\",\"payload\":{\"summary\":\"disk full\","
                        + "\"source\":\"db-1\",\"severity\":\"warning\",\"component\":\"orders-db\"}}")
                .when().post("/api/alerts/pagerduty").then().statusCode(202).body("action", equalTo("OPENED"))
                .extract().jsonPath().getLong("incidentId");
        given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body("{\"event_action\":\"resolve\",\"dedup_key\":\"" + key + "\"}")
                .when().post("/api/alerts/pagerduty").then().statusCode(202).body("action", equalTo("INCIDENT_RESOLVED"));
        given().auth().oauth2(KeycloakTokens.runbook()).when().get("/api/incidents/" + id).then().statusCode(200)
                .body("status", equalTo("RESOLVED")).body("resolvedAt", notNullValue()).body("nextUpdateDue", equalTo(null));
        given().auth().oauth2(KeycloakTokens.runbook()).when().get("/api/incidents/" + id + "/timeline").then().statusCode(200)
                .body("events.summary", hasItem(org.hamcrest.Matchers.containsString("closed automatically")));
    }
}
