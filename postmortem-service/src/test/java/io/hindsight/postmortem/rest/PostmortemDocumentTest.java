package io.hindsight.postmortem.rest;

import static io.hindsight.postmortem.Api.as;
import static io.hindsight.postmortem.Api.document;
import static io.hindsight.postmortem.Api.draft;
import static io.hindsight.postmortem.Api.save;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PostmortemDocumentTest {

    @Test
    void savedDocumentHasEverySectionAndASortedTimeline() {
        long id = draft("Checkout meltdown");
        long v = save(id, 0, document("Checkout meltdown", false, null));
        as("author").when().get("/api/postmortems/" + id).then().statusCode(200)
                .header("ETag", containsString(String.valueOf(v)))
                .body("impact.durationMinutes", equalTo(35))
                .body("impact.users", equalTo("All EU shoppers"))
                .body("timeline.type", contains("ALERT", "ACTION"))
                .body("timeline[0].at", equalTo("2026-03-01T09:47:00Z"))
                .body("rootCause", containsString("N+1"))
                .body("contributingFactors", contains("MISSING_INDEX_SLOW_QUERY", "DEPLOY", "SHOTGUN_DEBUGGING"))
                .body("wentWell", equalTo("Rollback was ready."))
                .body("services", contains("checkout", "postgres"))
                .body("priority", equalTo("P1"))
                .body("source.kind", equalTo("NATIVE"))
                .body("checklist.rootCauseExplained", equalTo(false))
                .body("updatedBy", equalTo("author"));
    }

    @Test
    void unknownContributingFactorIsNamed() {
        long id = draft("Bad factor");
        as("author").header("If-Match", "\"0\"")
                .body(document("Bad factor", false, null).replace("\"DEPLOY\"", "\"GREMLINS\""))
                .when().put("/api/postmortems/" + id).then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", hasItem("contributingFactors[1]"));
    }

    @Test
    void invalidNestedFieldsAreNamed() {
        long id = draft("Bad fields");
        as("author").header("If-Match", "0")
                .body("{\"title\":\"\",\"impact\":{\"durationMinutes\":-5},\"timeline\":[{\"summary\":\"\"}]}")
                .when().put("/api/postmortems/" + id).then().statusCode(400)
                .body("violations.field", hasItems("title", "impact.durationMinutes", "timeline.at[0]", "timeline.summary[0]"));
    }

    @Test
    void resolvedBeforeImpactIsRejected() {
        long id = draft("Time travel");
        as("author").header("If-Match", "0")
                .body(document("Time travel", false, null).replace("2026-03-01T10:20:00Z", "2026-03-01T08:00:00Z"))
                .when().put("/api/postmortems/" + id).then().statusCode(400)
                .body("violations.field", hasItem("resolvedAt"));
    }

    @Test
    void saveWithoutIfMatchIs428() {
        long id = draft("No precondition");
        as("author").body(document("No precondition", false, null))
                .when().put("/api/postmortems/" + id).then().statusCode(428)
                .contentType("application/problem+json");
    }

    @Test
    void staleSaveIsRejectedWith409AndTheCurrentVersion() {
        long id = draft("Two authors");
        // both sessions read version 0; the first save wins
        long v1 = save(id, 0, document("Two authors — first", false, null));
        as("author").header("If-Match", "\"0\"").body(document("Two authors — second", false, null))
                .when().put("/api/postmortems/" + id).then().statusCode(409)
                .contentType("application/problem+json")
                .header("ETag", containsString(String.valueOf(v1)))
                .body("extensions.currentVersion", equalTo((int) v1))
                .body("extensions.current.title", equalTo("Two authors — first"));
        as("author").when().get("/api/postmortems/" + id).then().body("title", equalTo("Two authors — first"));
    }

    @Test
    void everySaveKeepsARevisionWithAuthorAndTime() {
        long id = draft("Revisions");
        long v1 = save(id, 0, document("Revisions", false, null));
        long v2 = save(id, v1, document("Revisions v2", false, null));
        as("author").when().get("/api/postmortems/" + id + "/revisions").then().statusCode(200)
                .body("revision", contains((int) v2, (int) v1, 0))
                .body("author", hasItem("author"))
                .body("at[0]", not(nullValue()));
        as("author").when().get("/api/postmortems/" + id + "/revisions/0").then().statusCode(200)
                .body("snapshot.title", equalTo("Revisions"))
                .body("snapshot.rootCause", nullValue());
    }

    @Test
    void diffBetweenRevisionsNamesChangedFieldsWithLineDiff() {
        long id = draft("Diff me");
        long v1 = save(id, 0, document("Diff me", false, null));
        long v2 = save(id, v1, document("Diff me", false, null)
                .replace("Rollback was ready.", "Rollback was ready.\\nComms every 15 minutes."));
        as("author").queryParam("from", v1).queryParam("to", v2)
                .when().get("/api/postmortems/" + id + "/diff").then().statusCode(200)
                .body("changes.field", contains("wentWell"))
                .body("changes[0].lines", contains("  Rollback was ready.", "+ Comms every 15 minutes."));
        as("author").queryParam("from", 0).queryParam("to", 99)
                .when().get("/api/postmortems/" + id + "/diff").then().statusCode(404);
    }

    @Test
    void authorsOnlyMayEdit() {
        long id = draft("Leader cannot edit");
        as("leader").header("If-Match", "0").body(document("x", false, null))
                .when().put("/api/postmortems/" + id).then().statusCode(403);
    }

    @Test
    void unknownPostmortemIs404() {
        as("author").header("If-Match", "0").body(document("x", false, null))
                .when().put("/api/postmortems/999999").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void taxonomyIsCompleteEnoughToTagTheSeedsMistakes() {
        long id = draft("All factors");
        String all = "[\"SHOTGUN_DEBUGGING\",\"WRONG_ENVIRONMENT\",\"IGNORING_THE_LOGS\",\"PREMATURE_OPTIMISATION\",\"GOING_SILENT\","
                + "\"CONFIG_CHANGE\",\"DEPLOY\",\"CAPACITY\",\"DEPENDENCY_FAILURE\",\"MISSING_INDEX_SLOW_QUERY\",\"MEMORY_LEAK_UNBOUNDED_CACHE\","
                + "\"RACE_CONDITION\",\"CASCADING_FAILURE_NO_TIMEOUTS\",\"HARDWARE\",\"TIME\",\"SECURITY\",\"DATA\"]";
        save(id, 0, document("All factors", false, null)
                .replace("[\"MISSING_INDEX_SLOW_QUERY\", \"DEPLOY\", \"SHOTGUN_DEBUGGING\"]", all));
        as("author").when().get("/api/postmortems/" + id).then().body("contributingFactors", hasSize(17));
    }
}
