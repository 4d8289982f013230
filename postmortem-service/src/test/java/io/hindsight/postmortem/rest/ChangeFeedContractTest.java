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
    void importedPostmortemsAreOnTheFeedInFileOrderWithTheirGetRepresentation() {
        String tag = java.util.UUID.randomUUID().toString();
        String body = String.join("\n",
                "{\"id\":\"feed-a-" + tag + "\",\"title\":\"Feed import A\",\"text\":\"## Root cause\\nA\"}",
                "{\"id\":\"feed-b-" + tag + "\",\"title\":\"Feed import B\",\"text\":\"B\"}",
                "{\"id\":\"feed-a-" + tag + "\",\"title\":\"Feed import A\",\"text\":\"## Root cause\\nA, again\"}");
        long before = head();
        given().auth().oauth2(KeycloakTokens.user("admin")).contentType("application/x-ndjson").body(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .when().post("/api/imports/jsonl").then().statusCode(200).body("created", org.hamcrest.Matchers.equalTo(2))
                .body("updated", org.hamcrest.Matchers.equalTo(1));
        JsonPath page = changesAfter(before);
        assertEquals(List.of("postmortem", "postmortem", "postmortem"), page.getList("changes.entityType"));
        assertEquals(List.of("Feed import A", "Feed import B", "Feed import A"), page.getList("changes.payload.title"));
        assertEquals(java.util.Arrays.asList("A", null, "A, again"), page.getList("changes.payload.rootCause"));
        assertEquals(List.of(0, 0, 1), page.getList("changes.payload.version"));
        assertEquals(page.getString("changes[0].entityId"), page.getString("changes[2].entityId"));
        for (int i = 1; i <= 2; i++) {
            Map<String, Object> payload = page.getMap("changes[" + i + "].payload");
            Map<String, Object> get = as("author").when().get("/api/postmortems/" + page.getString("changes[" + i + "].entityId"))
                    .then().statusCode(200).extract().jsonPath().getMap("$");
            assertEquals(get, payload);
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
