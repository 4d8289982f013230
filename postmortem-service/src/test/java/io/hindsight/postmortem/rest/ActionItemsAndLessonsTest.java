package io.hindsight.postmortem.rest;

import static io.hindsight.postmortem.Api.as;
import static io.hindsight.postmortem.Api.draft;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ActionItemsAndLessonsTest {

    private static long item(long pm, String owner, String due, String status) {
        String body = "{\"title\":\"Do it\",\"owner\":\"" + owner + "\",\"dueDate\":" + (due == null ? "null" : "\"" + due + "\"")
                + ",\"priority\":\"P2\"" + (status == null ? "" : ",\"status\":\"" + status + "\"") + "}";
        return as("author").body(body).when().post("/api/postmortems/" + pm + "/action-items").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    @Test
    void actionItemsFilterByOwnerStatusAndOverdue() {
        String owner = "owner-" + UUID.randomUUID();
        long pm = draft("Items");
        long late = item(pm, owner, "2020-01-01", null);
        long future = item(pm, owner, "2099-01-01", "IN_PROGRESS");
        long doneLate = item(pm, owner, "2020-01-01", "DONE");
        as("author").queryParam("owner", owner).when().get("/api/action-items").then().statusCode(200)
                .body("id", contains((int) late, (int) doneLate, (int) future));
        as("author").queryParam("owner", owner).queryParam("overdue", true).when().get("/api/action-items").then()
                .body("id", contains((int) late))
                .body("overdue", everyItem(equalTo(true)));
        as("author").queryParam("owner", owner).queryParam("status", "IN_PROGRESS").when().get("/api/action-items").then()
                .body("id", contains((int) future));
        as("author").queryParam("owner", owner).when().get("/api/action-items/stats").then().statusCode(200)
                .body("total", equalTo(3)).body("open", equalTo(2)).body("overdue", equalTo(1)).body("done", equalTo(1))
                .body("byStatus.IN_PROGRESS", equalTo(1)).body("completionRate", equalTo(0.333f));
    }

    @Test
    void badStatusFilterIs400() {
        as("author").queryParam("status", "FINISHED").when().get("/api/action-items").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("status"));
    }

    @Test
    void markingAnItemDoneNeedsIfMatchAndRecordsCompletion() {
        long pm = draft("Item done");
        long id = item(pm, "carol", "2099-01-01", null);
        // items change on their own: the post-mortem's version (and an author's If-Match) is untouched
        org.junit.jupiter.api.Assertions.assertEquals(0, io.hindsight.postmortem.Api.version(pm));
        String done = "{\"title\":\"Do it\",\"owner\":\"carol\",\"status\":\"DONE\"}";
        as("author").body(done).when().put("/api/action-items/" + id).then().statusCode(428);
        as("author").header("If-Match", "\"0\"").body(done).when().put("/api/action-items/" + id).then().statusCode(200)
                .body("status", equalTo("DONE")).body("completedAt", not(nullValue()));
        as("author").header("If-Match", "\"0\"").body(done).when().put("/api/action-items/" + id).then().statusCode(409);
    }

    @Test
    void actionItemFieldsAreValidated() {
        long pm = draft("Bad item");
        as("author").body("{\"title\":\"\",\"priority\":\"P9\"}").when().post("/api/postmortems/" + pm + "/action-items")
                .then().statusCode(400).body("violations.field", hasItem("priority"));
        as("author").body("{\"title\":\"\",\"link\":\"javascript:alert(1)\"}").when().post("/api/postmortems/" + pm + "/action-items")
                .then().statusCode(400).body("violations.field", hasItems("title", "link"));
    }

    @Test
    void seedLessonsAreTheStarterSet() {
        as("responder").queryParam("limit", 500).when().get("/api/lessons").then().statusCode(200)
                .body("title", hasItems("Observe before acting", "One change at a time", "Timeouts everywhere",
                        "Circuit breakers fail fast", "Never go silent"));
    }

    @Test
    void aLessonIsReusedAndItsRecurrenceCounted() {
        String title = "Check the index before deploying " + UUID.randomUUID();
        long a = draft("Lesson A");
        long b = draft("Lesson B");
        String lesson = "{\"lesson\":{\"title\":\"" + title + "\",\"body\":\"EXPLAIN every new query\",\"tags\":[\"Database\"]}}";
        long lessonId = as("author").body(lesson).when().post("/api/postmortems/" + a + "/lessons").then().statusCode(200)
                .body("lessons.title", hasItem(title)).extract().jsonPath().getLong("lessons[0].id");
        // same title (other case) on another post-mortem: the same lesson is linked, not copied
        as("author").body(lesson.replace(title, title.toUpperCase())).when().post("/api/postmortems/" + b + "/lessons")
                .then().statusCode(200).body("lessons.id", contains((int) lessonId));
        as("author").when().get("/api/lessons/" + lessonId).then().statusCode(200)
                .body("recurrence", equalTo(2)).body("postmortemIds", contains((int) a, (int) b))
                .body("tags", contains("database"));
        as("author").queryParam("tag", "database").when().get("/api/lessons").then()
                .body("id", hasItem((int) lessonId));
        // reusing by id
        long c = draft("Lesson C");
        as("author").body("{\"lessonId\":" + lessonId + "}").when().post("/api/postmortems/" + c + "/lessons").then().statusCode(200);
        as("author").when().get("/api/lessons").then().body("recurrence[0]", greaterThanOrEqualTo(3));
        as("author").when().delete("/api/postmortems/" + c + "/lessons/" + lessonId).then().statusCode(200);
        as("author").when().get("/api/lessons/" + lessonId).then().body("recurrence", equalTo(2));
    }

    @Test
    void creatingADuplicateLessonPointsAtTheExistingOne() {
        as("author").body("{\"title\":\"one change at a time\",\"body\":\"again\"}").when().post("/api/lessons")
                .then().statusCode(409).body("extensions.lessonId", not(nullValue()));
    }

    @Test
    void linkNeedsExactlyOneOfIdOrLesson() {
        long pm = draft("Link nothing");
        as("author").body("{}").when().post("/api/postmortems/" + pm + "/lessons").then().statusCode(400)
                .body("violations.field", hasItem("lessonId"));
        as("author").body("{\"lessonId\":999999}").when().post("/api/postmortems/" + pm + "/lessons").then().statusCode(422)
                .body("violations.field", hasItem("lessonId"));
    }

    @Test
    void lessonsAndItemsReachTheChangeFeed() {
        long pm = draft("Feed");
        item(pm, "dave", null, null);
        as("author").body("{\"lessonId\":1}").when().post("/api/postmortems/" + pm + "/lessons").then().statusCode(200);
        io.restassured.RestAssured.given()
                .auth().oauth2(io.hindsight.testsupport.KeycloakTokens.serviceAccount("hindsight-search", "hindsight-search-local-secret"))
                .when().get("/api/changes?after=0&limit=1000")
                .then().statusCode(200)
                .body("changes.entityType", hasItems("postmortem", "action-item", "lesson"));
    }
}
