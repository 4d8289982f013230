package io.hindsight.postmortem.rest;

import static io.hindsight.postmortem.Api.as;
import static io.hindsight.postmortem.Api.document;
import static io.hindsight.postmortem.Api.draft;
import static io.hindsight.postmortem.Api.save;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import io.hindsight.postmortem.domain.MarkdownRendererTest;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class MarkdownExportTest {

    @Test
    void exportsMarkdownWithEverySection() {
        long id = draft("Export md");
        save(id, 0, document("Export md", true, null));
        as("author").body("{\"title\":\"Index check | CI\",\"owner\":\"bob\",\"link\":\"https://tracker.example/ISSUE-1\"}")
                .when().post("/api/postmortems/" + id + "/action-items").then().statusCode(201);
        as("author").accept("text/markdown").queryParam("format", "markdown")
                .when().get("/api/postmortems/" + id + "/export").then().statusCode(200)
                .contentType(containsString("text/markdown"))
                .body(allOf(containsString("# Export md"), containsString("## Impact"), containsString("- Duration: 35 minutes"),
                        containsString("## Timeline"), containsString("## Root cause"), containsString("- Missing index / slow query"),
                        containsString("## What went badly"), containsString("## Prevention"),
                        containsString("[Index check \\| CI](https://tracker.example/ISSUE-1)"),
                        containsString("- [x] Metrics confirm resolution")));
    }

    @Test
    void exportsAPrintableSanitisedHtmlPage() {
        long id = draft("Export html");
        String tricky = document("Export html", false, null)
                .replace("Rollback was ready.", "<script>alert(1)</script> [x](javascript:alert(2)) <img src=x onerror=alert(3)>");
        save(id, 0, tricky);
        String page = as("author").accept("text/html").queryParam("format", "html")
                .when().get("/api/postmortems/" + id + "/export").then().statusCode(200)
                .contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .body(allOf(containsString("<!DOCTYPE html>"), containsString("@media print"), containsString("<h2>Root cause</h2>"),
                        not(containsString("<script")), not(containsString("<img"))))
                .extract().asString();
        MarkdownRendererTest.assertSafe(page.substring(page.indexOf("<article>"), page.indexOf("</article>") + 10));
    }

    @Test
    void unknownExportFormatIsNamed() {
        long id = draft("Export pdf");
        as("author").queryParam("format", "pdf").when().get("/api/postmortems/" + id + "/export").then().statusCode(400)
                .body(containsString("format"));
    }

    @Test
    void renderEndpointSanitisesAPayloadFullOfTricks() {
        String html = as("responder").body(java.util.Map.of("markdown", MarkdownRendererTest.TRICKS))
                .when().post("/api/markdown/render").then().statusCode(200)
                .extract().jsonPath().getString("html");
        MarkdownRendererTest.assertSafe(html);
    }
}
