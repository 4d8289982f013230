package io.hindsight.ui.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.ui.client.IndexAdminClient;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The admin's search index page: per feed lag, heals and dead letters, and a retry and discard form per dead letter. */
@QuarkusTest
class IndexAdminTemplateTest {

    @Test
    @TestSecurity(user = "ada", roles = "admin")
    void showsTheFeedsAndEveryDeadLetterWithItsActions() {
        String html = given().when().get("/test-only/index-admin").then().statusCode(200).extract().asString();
        assertTrue(html.contains("<tr data-feed=\"incidents\"><td>incidents</td><td>480</td><td>483</td><td>3</td>"), html);
        assertTrue(html.contains("2026-12-04T18:00:00Z (re-reading)"), "when the cursor was healed: " + html);
        assertTrue(html.contains("action=\"/admin/index/dead-letters/postmortems/17/retry\""), html);
        assertTrue(html.contains("action=\"/admin/index/dead-letters/postmortems/17/discard\""), html);
        assertTrue(html.contains("action=\"/admin/index/dead-letters/retry\""), html);
        assertTrue(html.contains("<td>7–9</td><td>unreadable</td>"), "a run of unreadable entries: " + html);
        assertTrue(html.contains("immense term &lt;b&gt;"), "errors are escaped: " + html);
        assertTrue(html.contains("hx-get=\"/admin/index/status\""), "the status refreshes itself: " + html);
        assertEquals(5, html.split("name=\"csrf-token\" value=\"[^\"]+\"", -1).length - 1, "every form carries the CSRF token: " + html);
        assertTrue(html.contains("<a href=\"/admin/index\">Search index</a>"), "linked in the admin's navigation");
        given().when().get("/test-only/index-admin/empty").then().statusCode(200).body(containsString("No dead letters."));
    }

    @Test
    @TestSecurity(user = "ada", roles = "admin")
    void whenSearchServiceDoesNotAnswerThePageSaysSo() {
        given().when().get("/admin/index").then().statusCode(503)
                .body(containsString("The search index status is unavailable right now"));
        given().when().get("/admin/index/status").then().statusCode(503)
                .body(containsString("unavailable")).body(not(containsString("<html")));
    }

    @Test
    @TestSecurity(user = "rita", roles = "responder")
    void onlyAdminsSeeIt() {
        given().when().get("/admin/index").then().statusCode(403);
        given().when().get("/test-only/form-echo-nothing").then().statusCode(404);
    }

    @Test
    void summarisesARetry() {
        assertEquals("Retried 3: 2 applied, 1 failed again. 1 dead letter left.", IndexAdminPage.summary(new IndexAdminClient.RetryResults(List.of(
                new IndexAdminClient.RetryOutcome("incidents", 1, "APPLIED", null),
                new IndexAdminClient.RetryOutcome("incidents", 2, "FAILED", "x"),
                new IndexAdminClient.RetryOutcome("incidents", 3, "APPLIED", null)), 1)));
    }
}
