package io.hindsight.postmortem.rest;

import static io.hindsight.postmortem.Api.as;
import static io.hindsight.postmortem.Api.document;
import static io.hindsight.postmortem.Api.draft;
import static io.hindsight.postmortem.Api.save;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A published post-mortem changes only through review (issue 15, finding 3): its action items' progress (status,
 * owner, due date) moves on; new items, their titles, priorities and links, its lessons and the text of the lessons
 * it teaches change through a new revision (reopen, edit, submit, publish). Each refusal is a 409 saying so.
 */
@QuarkusTest
class PublishedChangesTest {

    record Published(long pm, long item, long lesson) {
    }

    static Published published(String title) {
        long pm = draft(title);
        save(pm, 0, document(title, true, null));
        long item = as("author").body(Map.of("title", "Add index check", "owner", "bob", "dueDate", "2030-01-01",
                        "priority", "P1", "link", "https://tracker/1"))
                .when().post("/api/postmortems/" + pm + "/action-items").then().statusCode(201).extract().jsonPath().getLong("id");
        long lesson = as("author").body(Map.of("lesson", Map.of("title", "Published lesson " + pm, "body", "As reviewed")))
                .when().post("/api/postmortems/" + pm + "/lessons").then().statusCode(200).extract().jsonPath().getLong("lessons[0].id");
        as("author").when().post("/api/postmortems/" + pm + "/submit").then().statusCode(200);
        as("leader").when().post("/api/postmortems/" + pm + "/approve").then().statusCode(200);
        return new Published(pm, item, lesson);
    }

    private static long itemVersion(long item) {
        return as("author").when().get("/api/action-items/" + item).then().statusCode(200).extract().jsonPath().getLong("version");
    }

    @Test
    void addingAnActionItemToAPublishedPostmortemIs409AndNobodySeesIt() {
        Published p = published("No new items");
        as("author").body(Map.of("title", "Sneaked in", "link", "https://evil.example/"))
                .when().post("/api/postmortems/" + p.pm() + "/action-items").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("reopen"));
        as("responder").when().get("/api/postmortems/" + p.pm()).then().statusCode(200)
                .body("actionItems", hasSize(1)).body("actionItems.title", not(hasItem("Sneaked in")));
        as("responder").queryParam("owner", "bob").when().get("/api/action-items").then().statusCode(200)
                .body("title", not(hasItem("Sneaked in")));
    }

    @Test
    void theProgressOfAPublishedItemMovesOnButWhatWasReviewedDoesNot() {
        Published p = published("Progress only");
        // status, owner and due date: yes
        as("author").header("If-Match", String.valueOf(itemVersion(p.item())))
                .body(Map.of("title", "Add index check", "owner", "carol", "dueDate", "2030-02-01", "priority", "P1",
                        "link", "https://tracker/1", "status", "DONE"))
                .when().put("/api/action-items/" + p.item()).then().statusCode(200)
                .body("status", equalTo("DONE")).body("owner", equalTo("carol"));
        // title, priority, link: only through a new revision
        for (Map<String, Object> edit : List.<Map<String, Object>>of(
                Map.of("title", "Something else", "priority", "P1", "link", "https://tracker/1"),
                Map.of("title", "Add index check", "priority", "P3", "link", "https://tracker/1"),
                Map.of("title", "Add index check", "priority", "P1", "link", "https://phish.example/"),
                Map.of("title", "Add index check", "priority", "P1"))) {
            JsonPath problem = as("author").header("If-Match", String.valueOf(itemVersion(p.item()))).body(edit)
                    .when().put("/api/action-items/" + p.item()).then().statusCode(409)
                    .contentType("application/problem+json").body("detail", containsString("reopen"))
                    .extract().jsonPath();
            org.junit.jupiter.api.Assertions.assertEquals(1, problem.getList("violations").size(), edit::toString);
        }
        as("responder").when().get("/api/action-items/" + p.item()).then().statusCode(200)
                .body("title", equalTo("Add index check")).body("link", equalTo("https://tracker/1")).body("priority", equalTo("P1"));
    }

    @Test
    void lessonsOfAPublishedPostmortemChangeThroughANewRevision() {
        Published p = published("Lessons stay");
        as("author").body(Map.of("lesson", Map.of("title", "Unreviewed lesson " + p.pm(), "body", "x")))
                .when().post("/api/postmortems/" + p.pm() + "/lessons").then().statusCode(409)
                .body("detail", containsString("reopen"));
        as("author").when().delete("/api/postmortems/" + p.pm() + "/lessons/" + p.lesson()).then().statusCode(409);
        // the text of a lesson a published post-mortem teaches is what was reviewed; its tags are not
        long version = as("author").when().get("/api/lessons/" + p.lesson()).then().statusCode(200).extract().jsonPath().getLong("version");
        as("author").header("If-Match", String.valueOf(version))
                .body(Map.of("title", "Published lesson " + p.pm(), "body", "Rewritten without review"))
                .when().put("/api/lessons/" + p.lesson()).then().statusCode(409)
                .body("extensions.publishedPostmortemIds", hasItem((int) p.pm()));
        as("author").header("If-Match", String.valueOf(version))
                .body(Map.of("title", "Published lesson " + p.pm(), "body", "As reviewed", "tags", List.of("db")))
                .when().put("/api/lessons/" + p.lesson()).then().statusCode(200).body("tags", hasItems("db"));
        as("responder").when().get("/api/lessons/" + p.lesson()).then().statusCode(200).body("body", equalTo("As reviewed"));
    }

    @Test
    void aNewRevisionChangesItThroughReview() {
        Published p = published("Through review");
        as("author").when().post("/api/postmortems/" + p.pm() + "/reopen").then().statusCode(200);
        as("author").body(Map.of("title", "Second item", "owner", "dan"))
                .when().post("/api/postmortems/" + p.pm() + "/action-items").then().statusCode(201);
        // while reopened it is a draft: readers see neither it nor its new item
        as("responder").when().get("/api/postmortems/" + p.pm()).then().statusCode(404);
        as("responder").queryParam("owner", "dan").when().get("/api/action-items").then().body("title", not(hasItem("Second item")));
        as("author").when().post("/api/postmortems/" + p.pm() + "/submit").then().statusCode(200);
        as("leader").when().post("/api/postmortems/" + p.pm() + "/approve").then().statusCode(200);
        as("responder").when().get("/api/postmortems/" + p.pm()).then().statusCode(200).body("actionItems.title", hasItem("Second item"));
    }
}
