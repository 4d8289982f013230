package io.hindsight.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.hindsight.problem.WellFormedText;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, finding 4: one lone UTF-16 surrogate, accepted with a 201, broke every change-feed page that held it and
 * stopped search for good. Now every input path refuses ill-formed text with a 400 problem naming the field, and the
 * feed serves a historical bad entry (written straight into the outbox here) as well-formed JSON, so a reader gets
 * past it.
 */
@QuarkusTest
class IllFormedTextTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    AgroalDataSource db;

    private static String indexer() {
        return KeycloakTokens.serviceAccount("hindsight-search", "hindsight-search-local-secret");
    }

    private static void refused(String path, String body, String field) {
        given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON).body(body.getBytes(StandardCharsets.UTF_8))
                .when().post(path)
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem(field))
                .body("violations.find { it.field == '" + field + "' }.message", containsString("ill-formed Unicode"));
    }

    @Test
    void aLoneSurrogateInAnyJsonFieldIsA400NamingIt() {
        refused("/api/incidents", "{\"title\":\"x \\ud800\",\"symptom\":\"ok\",\"service\":\"s\"}", "title");
        refused("/api/incidents", "{\"title\":\"x\",\"symptom\":\"\\udc00\",\"service\":\"s\"}", "symptom");
        refused("/api/incidents", "{\"title\":\"x\",\"symptom\":\"s\",\"services\":[\"ok\",\"\\ud83d\"]}", "services[1]");
        refused("/api/incidents", "{\"title\":\"x\",\"symptom\":\"s\",\"service\":\"s\",\"labels\":{\"team\":\"a\\udfff\"}}", "labels.team");
        // a key of a map: the field is the map (Jackson reports it without the reason)
        given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body("{\"title\":\"x\",\"symptom\":\"s\",\"service\":\"s\",\"labels\":{\"t\\ud800\":\"a\"}}")
                .when().post("/api/incidents")
                .then().statusCode(400).contentType("application/problem+json").body("violations.field", hasItem("labels"));
        // a high surrogate followed by another high one is not a pair either
        refused("/api/incidents", "{\"title\":\"\\ud800\\ud800\\udc00\",\"symptom\":\"s\",\"service\":\"s\"}", "title");
    }

    @Test
    void alertmanagerAndPagerDutyTextIsCheckedToo() {
        refused("/api/alerts/alertmanager", "{\"version\":\"4\",\"status\":\"firing\",\"alerts\":[{\"status\":\"firing\","
                + "\"labels\":{\"alertname\":\"Disk \\ud800 full\",\"service\":\"db\"},\"annotations\":{},\"fingerprint\":\"f-surrogate\"}]}",
                "alerts[0].labels.alertname");
        refused("/api/alerts/pagerduty", "{\"event_action\":\"trigger\",\"dedup_key\":\"pd-surrogate\",\"payload\":{\"summary\":\"x \\udc00\","
                + "\"source\":\"mon\",\"severity\":\"critical\"}}", "payload.summary");
    }

    @Test
    void wellFormedTextOfEveryKindStillPasses() {
        String title = "Ünïcödé 💥 中文 שלום e\u0301 \u202E";
        given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body(("{\"title\":\"" + title + "\",\"symptom\":\"pair \\ud83d\\udca5\",\"service\":\"s\"}").getBytes(StandardCharsets.UTF_8))
                .when().post("/api/incidents").then().statusCode(201).body("title", equalTo(title)).body("symptom", equalTo("pair 💥"));
    }

    @Test
    void queryParametersAndTheIdempotencyKeyAreCheckedToo() {
        for (String bad : List.of("%ED%A0%80", "%FF", "%C0%AF", "a%00b", "%E2%82")) {
            given().auth().oauth2(KeycloakTokens.runbook()).urlEncodingEnabled(false)
                    .when().get("/api/incidents?service=" + bad)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("violations[0].field", equalTo("service"));
        }
        given().auth().oauth2(KeycloakTokens.runbook()).urlEncodingEnabled(false)
                .when().get("/api/incidents?service=%C3%A9quipe").then().statusCode(200); // é: well-formed
        given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON).header("Idempotency-Key", "caf\u00e9")
                .body("{\"title\":\"x\",\"symptom\":\"s\",\"service\":\"s\"}")
                .when().post("/api/incidents")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("Idempotency-Key"));
    }

    @Test
    void aHistoricalBadEntryInTheOutboxIsServedWellFormedAndTheFeedGoesOn() throws Exception {
        long before = given().auth().oauth2(indexer()).when().get("/api/changes?after=0&limit=1")
                .then().statusCode(200).extract().jsonPath().getLong("headSeq");
        List<String> payloads = new ArrayList<>(List.of(
                "{\"title\":\"escaped \\ud800 lone\",\"symptom\":\"\\udc00\"}",           // what PostgreSQL can hold
                "{\"title\":\"escaped pair \\ud83d\\udca5 kept\",\"text\":\"\\\\ud800 is text\"}",
                "{\"title\":\"raw \uD800 lone\",\"symptom\":\"\uDC00 \uD83D\uDCA5\"}"));      // what the embedded H2 build held
        try (Connection c = db.getConnection();
             PreparedStatement insert = c.prepareStatement(
                     "insert into change_feed_outbox (entity_type, entity_id, operation, payload, recorded_at) values (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < payloads.size(); i++) {
                insert.setString(1, "incident");
                insert.setString(2, "poison-" + i);
                insert.setString(3, "upsert");
                insert.setString(4, payloads.get(i));
                insert.setTimestamp(5, Timestamp.from(Instant.now()));
                insert.executeUpdate();
            }
        }
        long after = given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body("{\"title\":\"After the poison\",\"symptom\":\"s\",\"service\":\"s\"}")
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");

        byte[] body = given().auth().oauth2(indexer()).when().get("/api/changes?after=" + before + "&limit=100")
                .then().statusCode(200).contentType(ContentType.JSON).extract().asByteArray();
        String text = WellFormedText.strictUtf8(body, 0, body.length);
        assertNotNull(text, "the page is well-formed UTF-8");
        JsonNode page = JSON.readTree(text); // the whole page parses: no truncated JSON, no problem document after it
        List<String> ids = new ArrayList<>();
        for (JsonNode change : page.path("changes")) {
            ids.add(change.path("entityId").asText());
            for (String field : List.of("title", "symptom", "text")) {
                String value = change.path("payload").path(field).asText("");
                assertEquals(-1, WellFormedText.loneSurrogateAt(value), field + " of " + change);
            }
        }
        assertTrue(ids.containsAll(List.of("poison-0", "poison-1", "poison-2", String.valueOf(after))), "every entry is served: " + ids);
        JsonNode first = page.path("changes").get(ids.indexOf("poison-0")).path("payload");
        assertEquals("escaped \uFFFD lone", first.path("title").asText());
        JsonNode second = page.path("changes").get(ids.indexOf("poison-1")).path("payload");
        assertEquals("escaped pair 💥 kept", second.path("title").asText());
        assertEquals("\\ud800 is text", second.path("text").asText());
        JsonNode third = page.path("changes").get(ids.indexOf("poison-2")).path("payload");
        assertTrue(third.path("symptom").asText().endsWith("💥"), third.toString());
    }
}
