package io.hindsight.incident;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.incident.rest.IncidentView;
import io.hindsight.incident.service.IncidentService;
import io.hindsight.incident.service.IncidentSnapshots;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reads and writes reuse the held snapshot of an incident and rebuild only what a write changed. After every kind of
 * write, what the API serves and what the change feed carries must equal a snapshot built from the database alone.
 */
@QuarkusTest
class SnapshotConsistencyTest {

    @Inject
    IncidentService service;

    @Inject
    IncidentSnapshots snapshots;

    @Inject
    ObjectMapper json;

    private static RequestSpecification responder() {
        return given().auth().oauth2(KeycloakTokens.user("responder")).contentType(ContentType.JSON);
    }

    private static String indexer() {
        return KeycloakTokens.serviceAccount("hindsight-search", "hindsight-search-local-secret");
    }

    private void assertConsistent(long id, String afterWhat) throws Exception {
        IncidentView fresh = service.findUncached(id).orElseThrow();
        JsonNode served = json.readTree(responder().when().get("/api/incidents/" + id).then().statusCode(200).extract().asString());
        assertEquals(json.readTree(json.writeValueAsString(fresh)), served, "GET after " + afterWhat);
        assertTrue(snapshots.get(id, fresh.version()).isPresent(), "the snapshot of version " + fresh.version() + " is held after " + afterWhat);
        JsonPath feed = given().auth().oauth2(indexer()).when().get("/api/changes?after=0&limit=1000").then().statusCode(200).extract().jsonPath();
        long head = feed.getLong("headSeq");
        JsonPath tail = given().auth().oauth2(indexer()).when().get("/api/changes?after=" + Math.max(0, head - 50) + "&limit=1000")
                .then().statusCode(200).extract().jsonPath();
        List<String> ids = tail.getList("changes.entityId");
        int last = ids.lastIndexOf(String.valueOf(id));
        assertTrue(last >= 0, "the change feed has incident " + id + " after " + afterWhat);
        JsonNode published = json.readTree(json.writeValueAsString(tail.getMap("changes[" + last + "].payload")));
        assertEquals(json.readTree(json.writeValueAsString(fresh)), published, "feed after " + afterWhat);
    }

    @Test
    void everyKindOfWriteKeepsTheHeldSnapshotEqualToTheDatabase() throws Exception {
        long id = given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body("{\"title\":\"Cache check\",\"symptom\":\"HTTP 502 from cart-api\",\"service\":\"cart-api\",\"labels\":{\"team\":\"cart\"}}")
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        assertConsistent(id, "declare");
        long triaged = given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body("{\"title\":\"Cache check, triaged\",\"symptom\":\"timeouts\",\"services\":[\"a\",\"b\"],\"labels\":{\"z\":\"1\",\"a\":\"2\"},"
                        + "\"detectedAt\":\"" + Instant.now().minusSeconds(30) + "\",\"triage\":" + IncidentWorkflowTest.P0_TRIAGE.strip() + "}")
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        assertConsistent(triaged, "declare with triage");

        responder().body(IncidentWorkflowTest.P1_TRIAGE).when().post("/api/incidents/" + id + "/triage").then().statusCode(200);
        assertConsistent(id, "triage");
        responder().body("{\"priority\":\"P0\",\"reason\":\"the CEO is watching\"}").when().post("/api/incidents/" + id + "/triage/override")
                .then().statusCode(200);
        assertConsistent(id, "override");
        responder().when().post("/api/incidents/" + id + "/acknowledge").then().statusCode(200);
        assertConsistent(id, "acknowledge");
        responder().body("{\"commander\":\"alice\",\"commsLead\":\"bob\",\"responders\":[\"carol\",\"dave\"]}")
                .when().put("/api/incidents/" + id + "/roles").then().statusCode(200);
        assertConsistent(id, "roles");
        responder().body("{\"title\":\"Cache check (edited)\",\"services\":[\"cart-api\",\"payments\"],\"labels\":{\"team\":\"cart\",\"region\":\"eu\"}}")
                .when().patch("/api/incidents/" + id).then().statusCode(200);
        assertConsistent(id, "edit");
        responder().body("{\"scope\":\"EU shoppers\",\"tried\":[{\"what\":\"restart\",\"result\":\"RULED_OUT\"}]}")
                .when().post("/api/incidents/" + id + "/updates").then().statusCode(201);
        assertConsistent(id, "status update");
        long h = responder().body("{\"statement\":\"pool exhausted\",\"prediction\":\"if so, active = max\",\"howToTest\":\"read the pool metric\",\"timeBoxMinutes\":15}")
                .when().post("/api/incidents/" + id + "/hypotheses").then().statusCode(201).extract().jsonPath().getLong("id");
        assertConsistent(id, "hypothesis");
        long c = responder().body("{\"description\":\"raise pool to 40\",\"hypothesisId\":" + h + ",\"revertPlan\":\"set it back to 20\"}")
                .when().post("/api/incidents/" + id + "/changes").then().statusCode(201).extract().jsonPath().getLong("id");
        assertConsistent(id, "change");
        responder().body("{\"outcome\":\"IMPROVED\"}").when().post("/api/incidents/" + id + "/changes/" + c + "/outcome").then().statusCode(200);
        assertConsistent(id, "change outcome");
        responder().body("{\"outcome\":\"CONFIRMED\"}").when().post("/api/incidents/" + id + "/hypotheses/" + h + "/outcome").then().statusCode(200);
        assertConsistent(id, "hypothesis outcome");
        responder().body("{\"kind\":\"ROLLBACK\",\"description\":\"rolled back cart-api 2.3\",\"mitigated\":false}")
                .when().post("/api/incidents/" + id + "/containment").then().statusCode(201);
        assertConsistent(id, "containment");
        responder().body("{\"phase\":\"FIX\"}").when().post("/api/incidents/" + id + "/phase").then().statusCode(200);
        assertConsistent(id, "phase");
        responder().body("{\"note\":\"errors back to baseline\"}").when().post("/api/incidents/" + id + "/mitigate").then().statusCode(200);
        assertConsistent(id, "mitigate");
        responder().body("{\"field\":\"impactStartedAt\",\"value\":\"" + Instant.now().minus(2, ChronoUnit.HOURS) + "\",\"reason\":\"from the graphs\"}")
                .when().post("/api/incidents/" + id + "/timestamp-corrections").then().statusCode(200);
        assertConsistent(id, "timestamp correction");
        responder().body("{\"summary\":\"paged the DBA\"}").when().post("/api/incidents/" + id + "/timeline").then().statusCode(201);
        assertConsistent(id, "note");
        responder().body("{\"blastRadius\":\"LOW\",\"rollbackReady\":true,\"canaryDeployed\":true,\"monitoringInPlace\":true,"
                + "\"symptomVerifiedGone\":true,\"noNewErrors\":true}").when().put("/api/incidents/" + id + "/fix-checklist").then().statusCode(200);
        assertConsistent(id, "fix checklist");
        responder().body("{\"status\":\"ROOT_CAUSE_FOUND\"}").when().post("/api/incidents/" + id + "/transitions").then().statusCode(200);
        assertConsistent(id, "transition");
        for (String status : List.of("FIX_IN_PROGRESS", "DEPLOYED", "RESOLVED")) {
            responder().body("{\"status\":\"" + status + "\"}").when().post("/api/incidents/" + id + "/transitions").then().statusCode(200);
            assertConsistent(id, "transition to " + status);
        }
    }

    @Test
    void aSnapshotKeepsTheLatestUpdatesOnlyWhenUpdatesAreAppendedToIt() throws Exception {
        long id = given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body("{\"title\":\"Many updates\",\"symptom\":\"s\",\"service\":\"chatty\"}")
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        for (int k = 1; k <= IncidentService.SNAPSHOT_UPDATES + 5; k++) {
            responder().body("{\"scope\":\"update " + k + "\"}").when().post("/api/incidents/" + id + "/updates").then().statusCode(201);
        }
        assertConsistent(id, IncidentService.SNAPSHOT_UPDATES + 5 + " updates");
        JsonPath view = responder().when().get("/api/incidents/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(IncidentService.SNAPSHOT_UPDATES, view.getList("statusUpdates").size());
        assertEquals(6, view.getInt("statusUpdates[0].seq"));
    }
}
