package io.hindsight.postmortem.rest;

import static io.hindsight.postmortem.Api.as;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** incident-service is not running in this test (its URL points at a closed port): the fallback path, for real. */
@QuarkusTest
class IncidentPrefillFallbackTest {

    @Test
    void creationFromAnIncidentSucceedsWithANoteWhenIncidentServiceIsDown() {
        long id = as("author").body("{\"title\":\"From incident 42\",\"incidentId\":42}")
                .when().post("/api/postmortems").then().statusCode(201)
                .body("incidentId", equalTo(42))
                .body("status", equalTo("DRAFT"))
                .body("incidentNote", containsString("could not be read from incident-service"))
                .body("incidentNote", containsString("incident-refresh"))
                .body("incidentContext", nullValue())
                .extract().jsonPath().getLong("id");
        // refreshing later while it is still down says so, and changes nothing
        as("author").when().post("/api/postmortems/" + id + "/incident-refresh").then().statusCode(503)
                .contentType("application/problem+json");
        as("author").when().get("/api/postmortems/" + id).then().body("version", equalTo(0));
    }

    @Test
    void refreshingAPostmortemWithoutIncidentIs409() {
        long id = io.hindsight.postmortem.Api.draft("No incident");
        as("author").when().post("/api/postmortems/" + id + "/incident-refresh").then().statusCode(409);
    }
}
