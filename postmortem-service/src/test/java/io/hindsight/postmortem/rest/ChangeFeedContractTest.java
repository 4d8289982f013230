package io.hindsight.postmortem.rest;

import static io.hindsight.postmortem.Api.as;
import static io.hindsight.postmortem.Api.document;
import static io.hindsight.postmortem.Api.draft;
import static io.hindsight.postmortem.Api.save;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** search-service reads these payloads: they must be what the GET endpoints answer (BRIEF contract). */
@QuarkusTest
class ChangeFeedContractTest {

    private static JsonPath changesAfter(long after) {
        return given().auth().oauth2(KeycloakTokens.serviceAccount("hindsight-search", "hindsight-search-local-secret"))
                .when().get("/api/changes?after=" + after + "&limit=1000").then().statusCode(200).extract().jsonPath();
    }

    private static long head() {
        return changesAfter(0).getLong("headSeq");
    }

    @Test
    void postmortemPayloadIsTheGetRepresentation() {
        long id = draft("Feed contract");
        long before = head();
        save(id, 0, document("Feed contract", false, null));
        JsonPath page = changesAfter(before);
        List<Map<String, Object>> changes = page.getList("changes");
        assertEquals(1, changes.size(), () -> String.valueOf(changes));
        assertEquals("postmortem", changes.get(0).get("entityType"));
        assertEquals(String.valueOf(id), changes.get(0).get("entityId"));
        Map<String, Object> payload = page.getMap("changes[0].payload");
        Map<String, Object> get = as("author").when().get("/api/postmortems/" + id).then().extract().jsonPath().getMap("$");
        assertEquals(get, payload);
        for (String field : List.of("id", "incidentId", "title", "status", "summary", "impact", "rootCause", "contributingFactors",
                "detection", "wentWell", "wentBadly", "prevention", "lessons", "actionItems", "services", "priority", "categories",
                "impactStartedAt", "resolvedAt", "publishedAt", "source", "createdBy", "createdAt", "updatedAt", "version")) {
            assertTrue(payload.containsKey(field), "contract field " + field);
        }
    }

    @Test
    void actionItemChangeWritesTheItemAndItsPostmortem() {
        long id = draft("Feed item");
        long before = head();
        long item = as("author").body("{\"title\":\"Add alert\",\"owner\":\"erin\"}")
                .when().post("/api/postmortems/" + id + "/action-items").then().statusCode(201).extract().jsonPath().getLong("id");
        JsonPath page = changesAfter(before);
        assertEquals(List.of("action-item", "postmortem"), page.getList("changes.entityType"));
        assertEquals((int) id, page.getInt("changes[0].payload.postmortemId"));
        assertEquals((int) item, page.getInt("changes[0].payload.id"));
        assertEquals("erin", page.getString("changes[1].payload.actionItems[0].owner"));
    }

    @Test
    void lessonPayloadCarriesItsPostmortemsAndRecurrence() {
        long id = draft("Feed lesson");
        long before = head();
        as("author").body("{\"lesson\":{\"title\":\"Feed lesson " + id + "\",\"body\":\"b\",\"tags\":[\"x\"]}}")
                .when().post("/api/postmortems/" + id + "/lessons").then().statusCode(200);
        JsonPath page = changesAfter(before);
        assertEquals(List.of("postmortem", "lesson"), page.getList("changes.entityType"));
        assertEquals(List.of((int) id), page.getList("changes[1].payload.postmortemIds"));
        assertEquals(1, page.getInt("changes[1].payload.recurrence"));
    }
}
