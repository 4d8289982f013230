package io.hindsight.postmortem.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import javax.sql.DataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ImportTest {

    /** The public DFDS collection (39 real post-mortems, MIT licence beside it). */
    static final String DFDS = "/import/dfds-postmortems.jsonl";

    @Inject
    DataSource db;

    private static RequestSpecification admin() {
        return given().auth().oauth2(KeycloakTokens.user("admin"));
    }

    private long count(String where) throws Exception {
        try (var c = db.getConnection(); var s = c.createStatement(); var rs = s.executeQuery("select count(*) from postmortem where " + where)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void importingTheDfdsCollectionTwiceCreatesNoDuplicates() throws Exception {
        String body;
        try (var in = ImportTest.class.getResourceAsStream(DFDS)) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        long lines = body.lines().filter(l -> !l.isBlank()).count();
        var first = admin().contentType("application/x-ndjson").body((body).getBytes(StandardCharsets.UTF_8)).when().post("/api/imports/jsonl")
                .then().statusCode(200).body("errors", empty()).extract().jsonPath();
        assertEquals(lines, first.getInt("records"));
        assertEquals(lines, first.getInt("created") + first.getInt("updated") + first.getInt("unchanged"));
        long afterFirst = count("source_kind = 'IMPORT' and source_company = 'DFDS'");
        admin().contentType("application/x-ndjson").body((body).getBytes(StandardCharsets.UTF_8)).when().post("/api/imports/jsonl")
                .then().statusCode(200)
                .body("created", equalTo(0)).body("updated", equalTo(0)).body("unchanged", equalTo((int) lines));
        assertEquals(afterFirst, count("source_kind = 'IMPORT' and source_company = 'DFDS'"));
        assertEquals(lines, afterFirst);
    }

    @Test
    void importedPostmortemsArePublishedWithTheirSourceAndVisibleToResponders() {
        String id = "imp-" + UUID.randomUUID();
        String line = "{\"id\":\"" + id + "\",\"title\":\"DNS outage\",\"company\":\"Acme\",\"date\":\"2021-06-01\","
                + "\"categories\":[\"DNS\",\"Config\"],\"text\":\"## Summary\\nDNS broke.\\n\\n## Root cause\\nA bad zone push.\\n\\n## Actions\\nNone\","
                + "\"url\":\"https://example.org/pm/" + id + "\"}";
        admin().contentType("application/x-ndjson").body((line).getBytes(StandardCharsets.UTF_8)).when().post("/api/imports/jsonl").then().statusCode(200)
                .body("created", equalTo(1));
        given().auth().oauth2(KeycloakTokens.user("responder")).when().get("/api/postmortems?limit=200").then().statusCode(200)
                .body("find { it.source.id == '" + id + "' }.status", equalTo("PUBLISHED"))
                .body("find { it.source.id == '" + id + "' }.source.kind", equalTo("IMPORT"))
                .body("find { it.source.id == '" + id + "' }.source.url", equalTo("https://example.org/pm/" + id))
                .body("find { it.source.id == '" + id + "' }.source.company", equalTo("Acme"))
                .body("find { it.source.id == '" + id + "' }.categories", contains("dns", "config"))
                .body("find { it.source.id == '" + id + "' }.rootCause", equalTo("A bad zone push."))
                .body("find { it.source.id == '" + id + "' }.impactStartedAt", equalTo("2021-06-01T00:00:00Z"));
    }

    @Test
    void reimportingAChangedRecordUpdatesItWithARevision() throws Exception {
        String url = "https://example.org/pm/" + UUID.randomUUID();
        String v1 = "{\"title\":\"Disk full\",\"text\":\"First text\",\"url\":\"" + url + "\"}";
        admin().contentType("application/x-ndjson").body((v1).getBytes(StandardCharsets.UTF_8)).when().post("/api/imports/jsonl").then().body("created", equalTo(1));
        admin().contentType("application/x-ndjson").body((v1.replace("First text", "Second text")).getBytes(StandardCharsets.UTF_8))
                .when().post("/api/imports/jsonl").then().body("updated", equalTo(1)).body("created", equalTo(0));
        assertEquals(1, count("source_url = '" + url + "'"));
        long id = given().auth().oauth2(KeycloakTokens.user("author")).when().get("/api/postmortems?limit=200")
                .then().extract().jsonPath().getLong("find { it.source.url == '" + url + "' }.id");
        given().auth().oauth2(KeycloakTokens.user("author")).when().get("/api/postmortems/" + id + "/revisions")
                .then().body("$", hasSize(2));
    }

    @Test
    void badLinesAreReportedByLineNumberWhileGoodOnesImport() throws Exception {
        String tag = UUID.randomUUID().toString();
        String body = String.join("\n",
                "{\"id\":\"good-1-" + tag + "\",\"title\":\"Good one\",\"text\":\"ok\"}",
                "{not json",
                "",
                "{\"id\":\"bad-title-" + tag + "\",\"title\":\"  \",\"text\":\"x\"}",
                "{\"id\":\"bad-date-" + tag + "\",\"title\":\"Bad date\",\"text\":\"x\",\"date\":\"last tuesday\"}",
                "{\"title\":\"No key\",\"text\":\"x\"}",
                "{\"id\":\"bad-cats-" + tag + "\",\"title\":\"Bad cats\",\"text\":\"x\",\"categories\":\"db\"}",
                "[1,2]",
                "{\"id\":\"good-2-" + tag + "\",\"title\":\"Good two\",\"text\":\"ok\",\"url\":\"https://example.org/" + tag + "\"}");
        admin().contentType("application/x-ndjson").body((body).getBytes(StandardCharsets.UTF_8)).when().post("/api/imports/jsonl").then().statusCode(200)
                .body("records", equalTo(8)).body("created", equalTo(2))
                .body("errors.line", contains(2, 4, 5, 6, 7, 8))
                .body("errors.field", contains("(line)", "title", "date", "id", "categories", "(line)"));
        assertEquals(2, count("source_id like 'good-%-" + tag + "'"));
        assertEquals(0, count("source_id like 'bad-%-" + tag + "'"));
    }

    @Test
    void markdownWithFrontMatterImportsIdempotently() throws Exception {
        String id = "md-" + UUID.randomUUID();
        String doc = "---\ntitle: \"Queue backlog\"\nid: " + id + "\ncompany: Acme\ndate: 2022-02-02\ncategories: [queue, capacity]\n"
                + "url: https://example.org/" + id + "\n---\n\n## Summary\nThe queue backed up.\n";
        admin().contentType("text/markdown").body((doc).getBytes(StandardCharsets.UTF_8)).when().post("/api/imports/markdown").then().statusCode(200)
                .body("created", equalTo(1)).body("errors", empty());
        admin().contentType("text/markdown").body((doc).getBytes(StandardCharsets.UTF_8)).when().post("/api/imports/markdown").then().statusCode(200)
                .body("unchanged", equalTo(1));
        assertEquals(1, count("source_id = '" + id + "'"));
    }

    @Test
    void markdownWithBrokenFrontMatterNamesTheLine() {
        admin().contentType("text/markdown").body(("---\ntitle: x\nno colon here\n---\nbody").getBytes(StandardCharsets.UTF_8)).when().post("/api/imports/markdown")
                .then().statusCode(200).body("created", equalTo(0)).body("errors[0].line", equalTo(3))
                .body("errors[0].message", not(nullValue()));
    }

    @Test
    void onlyAdminsImport() {
        given().auth().oauth2(KeycloakTokens.user("author")).contentType("application/x-ndjson").body(("{}").getBytes(StandardCharsets.UTF_8))
                .when().post("/api/imports/jsonl").then().statusCode(403);
    }
}
