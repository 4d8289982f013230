package io.hindsight.postmortem.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, finding 4, post-mortem side: a lone surrogate in a post-mortem or lesson was stored and stopped search's
 * indexing of the whole post-mortem feed. Every path that takes text refuses it, naming the field: JSON bodies with a
 * 400 problem, the JSON Lines import per line (as it reports every bad line), Markdown import that is not UTF-8 with
 * a 400 problem.
 */
@QuarkusTest
class IllFormedTextTest {

    private static void refused(String user, String path, String body, String field) {
        given().auth().oauth2(KeycloakTokens.user(user)).contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8))
                .when().post(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field))
                .body("violations.find { it.field == '" + field + "' }.message", containsString("ill-formed Unicode"));
    }

    @Test
    void postmortemAndLessonTextWithALoneSurrogateIsA400NamingTheField() {
        refused("author", "/api/postmortems", "{\"title\":\"Outage \\ud800\"}", "title");
        refused("author", "/api/postmortems", "{\"title\":\"Outage\",\"summary\":\"\\udc00\"}", "summary");
        refused("author", "/api/lessons", "{\"title\":\"Canary\",\"body\":\"x \\ud83d\",\"tags\":[\"deploy\"]}", "body");
        refused("author", "/api/lessons", "{\"title\":\"Canary\",\"body\":\"x\",\"tags\":[\"\\udfff\"]}", "tags[0]");
        refused("author", "/api/markdown/render", "{\"markdown\":\"# \\ud800\"}", "markdown");
    }

    @Test
    void jsonLinesImportReportsTheLineAndField() {
        String lines = "{\"id\":\"ill-1\",\"title\":\"Lone \\ud800\",\"text\":\"t\"}\n"
                + "{\"id\":\"ill-2\",\"title\":\"Fine\",\"text\":\"nul \\u0000 here\"}\n";
        given().auth().oauth2(KeycloakTokens.user("admin")).contentType("application/x-ndjson").body(lines.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/imports/jsonl")
                .then().statusCode(200).body("created", equalTo(0))
                .body("errors.field", org.hamcrest.Matchers.contains("title", "text"))
                .body("errors[0].message", containsString("ill-formed Unicode"));
        java.io.ByteArrayOutputStream withSurrogate = new java.io.ByteArrayOutputStream();
        withSurrogate.writeBytes("{\"id\":\"ill-3\",\"title\":\"x ".getBytes(StandardCharsets.UTF_8));
        withSurrogate.writeBytes(new byte[]{(byte) 0xED, (byte) 0xA0, (byte) 0x80}); // an encoded surrogate: not UTF-8
        withSurrogate.writeBytes("\",\"text\":\"t\"}\n".getBytes(StandardCharsets.UTF_8));
        given().auth().oauth2(KeycloakTokens.user("admin")).contentType("application/x-ndjson").body(withSurrogate.toByteArray())
                .when().post("/api/imports/jsonl")
                .then().statusCode(200).body("created", equalTo(0)).body("errors[0].line", equalTo(1))
                .body("errors[0].message", containsString("ill-formed Unicode"));
    }

    @Test
    void markdownImportThatIsNotUtf8IsA400() {
        byte[] doc = "---\ntitle: Bad bytes\nid: ill-md\n---\nText \u00ff here\n".getBytes(StandardCharsets.ISO_8859_1); // a lone FF byte
        given().auth().oauth2(KeycloakTokens.user("admin")).contentType("text/markdown").body(doc)
                .when().post("/api/imports/markdown")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations[0].field", equalTo("(body)")).body("violations[0].message", containsString("ill-formed Unicode"));
    }

    @Test
    void queryParametersAreCheckedToo() {
        given().auth().oauth2(KeycloakTokens.user("author")).urlEncodingEnabled(false).when().get("/api/lessons?tag=%ED%A0%80")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("tag"));
    }
}
