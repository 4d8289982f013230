package io.hindsight.postmortem.rest;

import static io.hindsight.postmortem.Api.as;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Start from an incident against a stand-in speaking incident-service's documented contract. */
@QuarkusTest
@QuarkusTestResource(value = IncidentServiceStub.class, restrictToAnnotatedClass = true)
class IncidentPrefillTest {

    @Test
    void creationFromAResolvedIncidentPrefillsImpactPriorityServicesTimelineAndWhatWasTried() {
        IncidentServiceStub.AUTHORIZATIONS.clear();
        long id = as("author").body("{\"title\":\"Checkout latency\",\"incidentId\":42}")
                .when().post("/api/postmortems").then().statusCode(201)
                .body("incidentNote", nullValue())
                .body("impactStartedAt", equalTo("2026-03-01T09:45:00Z"))
                .body("resolvedAt", equalTo("2026-03-01T10:30:00Z"))
                .body("impact.durationMinutes", equalTo(45))
                .body("priority", equalTo("P1"))
                .body("services", contains("checkout", "postgres"))
                .body("summary", equalTo("p99 latency above 5 s on checkout"))
                .body("timeline.type", contains("DECLARED", "CHANGE", "STATUS"))
                .body("incidentContext.hypotheses.outcome", contains("CONFIRMED", "RULED_OUT"))
                .body("incidentContext.changes[0].outcome", equalTo("IMPROVED"))
                .body("incidentContext.statusUpdates", hasSize(1))
                .extract().jsonPath().getLong("id");
        // the caller's own token went to incident-service
        assertTrue(IncidentServiceStub.AUTHORIZATIONS.stream().allMatch(a -> a.startsWith("Bearer ey")));
        // refreshing merges: no duplicated timeline events
        as("author").when().post("/api/postmortems/" + id + "/incident-refresh").then().statusCode(200)
                .body("timeline", hasSize(3));
    }

    @Test
    void anIncidentThatDoesNotExistIs422NamingIncidentId() {
        as("author").body("{\"title\":\"Ghost\",\"incidentId\":404}")
                .when().post("/api/postmortems").then().statusCode(422)
                .body("violations.field", hasItem("incidentId"));
    }

    @Test
    void aFailingIncidentServiceStillCreatesThePostmortemWithANote() {
        as("author").body("{\"title\":\"Server error\",\"incidentId\":500}")
                .when().post("/api/postmortems").then().statusCode(201)
                .body("incidentNote", containsString("could not be read"));
    }
}
