package io.hindsight.postmortem.rest;

import static io.hindsight.postmortem.Api.as;
import static io.hindsight.postmortem.Api.document;
import static io.hindsight.postmortem.Api.draft;
import static io.hindsight.postmortem.Api.save;
import static io.hindsight.postmortem.Api.version;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ReviewWorkflowResourceTest {

    @Test
    void submittingWithTheChecklistIncompleteIs422NamingEachGap() {
        long id = draft("Incomplete");
        save(id, 0, document("Incomplete", false, null));
        as("author").when().post("/api/postmortems/" + id + "/submit").then().statusCode(422)
                .contentType("application/problem+json")
                .body("violations.field", hasItems("checklist.rootCauseExplained", "checklist.metricsConfirmResolution",
                        "checklist.preventionIdentified", "actionItems"));
        as("author").when().get("/api/postmortems/" + id).then().body("status", equalTo("DRAFT"));
    }

    @Test
    void completeChecklistWithoutActionItemsOrReasonIsStillRefused() {
        long id = draft("No items");
        save(id, 0, document("No items", true, null));
        as("author").when().post("/api/postmortems/" + id + "/submit").then().statusCode(422)
                .body("violations.field", equalTo(java.util.List.of("actionItems")));
    }

    @Test
    void leaderApprovesAndThePostmortemIsPublishedAndReadOnly() {
        long id = draft("Publish me");
        save(id, 0, document("Publish me", true, null));
        as("author").body("{\"title\":\"Add index check to CI\",\"owner\":\"bob\",\"dueDate\":\"2030-01-01\",\"priority\":\"P1\"}")
                .when().post("/api/postmortems/" + id + "/action-items").then().statusCode(201);
        as("author").when().post("/api/postmortems/" + id + "/submit").then().statusCode(200)
                .body("status", equalTo("IN_REVIEW"));
        // responders do not see it yet, leaders do
        as("responder").when().get("/api/postmortems/" + id).then().statusCode(404);
        as("leader").when().get("/api/postmortems/" + id).then().statusCode(200);
        // an author cannot approve
        as("author").when().post("/api/postmortems/" + id + "/approve").then().statusCode(403);
        as("leader").body("{\"comment\":\"Clear root cause\"}").when().post("/api/postmortems/" + id + "/approve")
                .then().statusCode(200)
                .body("status", equalTo("PUBLISHED"))
                .body("publishedAt", not(nullValue()))
                .body("review.approvedBy", equalTo("leader"));
        as("responder").when().get("/api/postmortems/" + id).then().statusCode(200);
        as("author").header("If-Match", String.valueOf(version(id))).body(document("Edited after", true, null))
                .when().put("/api/postmortems/" + id).then().statusCode(409)
                .body("detail", containsString("reopen"));
    }

    @Test
    void aStatedReasonReplacesActionItems() {
        long id = draft("Reason instead");
        save(id, 0, document("Reason instead", true, "Upstream provider outage; nothing of ours to change"));
        as("author").when().post("/api/postmortems/" + id + "/submit").then().statusCode(200);
        as("leader").when().post("/api/postmortems/" + id + "/approve").then().statusCode(200)
                .body("status", equalTo("PUBLISHED"));
    }

    @Test
    void leaderCanSendBackWithAComment() {
        long id = draft("Send back");
        save(id, 0, document("Send back", true, "Nothing to do"));
        as("author").when().post("/api/postmortems/" + id + "/submit").then().statusCode(200);
        as("leader").body("{\"comment\":\"Timeline is missing the first alert\"}")
                .when().post("/api/postmortems/" + id + "/request-changes").then().statusCode(200)
                .body("status", equalTo("DRAFT"))
                .body("review.comment", equalTo("Timeline is missing the first alert"));
    }

    @Test
    void approvingADraftIs409() {
        long id = draft("Not in review");
        as("leader").when().post("/api/postmortems/" + id + "/approve").then().statusCode(404);
        as("admin").when().post("/api/postmortems/" + id + "/approve").then().statusCode(409)
                .contentType("application/problem+json");
    }

    @Test
    void staleIfMatchOnATransitionIs409() {
        long id = draft("Stale transition");
        save(id, 0, document("Stale transition", true, "n/a"));
        as("author").header("If-Match", "\"0\"").when().post("/api/postmortems/" + id + "/submit").then().statusCode(409)
                .body("extensions.currentVersion", not(nullValue()));
    }

    @Test
    void publishedPostmortemsCanBeReopened() {
        long id = draft("Reopen");
        save(id, 0, document("Reopen", true, "n/a"));
        as("author").when().post("/api/postmortems/" + id + "/submit").then().statusCode(200);
        as("leader").when().post("/api/postmortems/" + id + "/approve").then().statusCode(200);
        as("author").when().post("/api/postmortems/" + id + "/reopen").then().statusCode(200)
                .body("status", equalTo("DRAFT"));
        as("author").when().get("/api/postmortems/" + id + "/revisions").then()
                .body("author", hasItem("leader"));
    }
}
