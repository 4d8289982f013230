package io.hindsight.incident;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

@QuarkusTest
class AlertIngestionTest {

    private static final Path ALERTMANAGER = Path.of("/usr/bin/prometheus-alertmanager");

    @TestHTTPResource("/")
    URL base;

    private static String fixture(String name) throws IOException {
        try (InputStream in = AlertIngestionTest.class.getResourceAsStream("/alertmanager/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonPath send(String body) {
        return given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON).body(body)
                .when().post("/api/alerts/alertmanager").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void sameFingerprintAttachesToTheOpenIncidentAndResolvedGoesOnTheTimeline() throws IOException {
        JsonPath first = send(fixture("alertmanager-webhook.json"));
        assertEquals("OPENED", first.getString("results[0].action"));
        long id = first.getLong("results[0].incidentId");
        JsonPath again = send(fixture("alertmanager-webhook.json"));
        assertEquals("ATTACHED", again.getString("results[0].action"));
        assertEquals(id, again.getLong("results[0].incidentId"));
        JsonPath resolved = send(fixture("alertmanager-webhook-resolved.json"));
        assertEquals("RESOLVED_RECORDED", resolved.getString("results[0].action"));

        given().auth().oauth2(KeycloakTokens.runbook()).when().get("/api/incidents/" + id).then().statusCode(200)
                .body("title", equalTo("HighErrorRate: 5xx rate above 5% for 5m"))
                .body("services", equalTo(List.of("checkout")))
                .body("labels.alertname", equalTo("HighErrorRate"))
                .body("priority", equalTo("P0"))
                .body("status", equalTo("INVESTIGATING"))
                .body("detectedAt", equalTo("2026-11-27T19:36:27.924522Z"));
        given().auth().oauth2(KeycloakTokens.runbook()).when().get("/api/incidents/" + id + "/timeline").then().statusCode(200)
                .body("events.type", hasItem("ALERT_RESOLVED"))
                .body("events.findAll { it.type == 'ALERT_FIRING' }", hasSize(2));
    }

    @Test
    void wrongWebhookVersionIsRejected() {
        given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON).body("{\"version\":\"3\",\"alerts\":[]}")
                .when().post("/api/alerts/alertmanager").then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("version"));
        given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body("{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{}}]}")
                .when().post("/api/alerts/alertmanager").then().statusCode(400).body("violations.field", hasItem(containsString("fingerprint")));
    }

    @Test
    void responderMayNotPostAlerts() throws IOException {
        given().auth().oauth2(KeycloakTokens.user("responder")).contentType(ContentType.JSON).body(fixture("alertmanager-webhook.json"))
                .when().post("/api/alerts/alertmanager").then().statusCode(403);
    }

    @Test
    void pagerDutyTriggerAcknowledgeResolveShareOneIncident() {
        String key = "pd-" + UUID.randomUUID();
        String trigger = "{\"routing_key\":\"r\",\"event_action\":\"trigger\",\"dedup_key\":\"" + key + "\",\"payload\":{\"summary\":\"DB CPU 98%\","
                + "\"source\":\"db-1\",\"severity\":\"error\",\"component\":\"orders-db\"}}";
        long id = given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON).body(trigger)
                .when().post("/api/alerts/pagerduty").then().statusCode(202)
                .body("status", equalTo("success")).body("dedup_key", equalTo(key)).body("action", equalTo("OPENED"))
                .extract().jsonPath().getLong("incidentId");
        given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON).body(trigger)
                .when().post("/api/alerts/pagerduty").then().statusCode(202).body("action", equalTo("ATTACHED")).body("incidentId", equalTo((int) id));
        given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body("{\"event_action\":\"acknowledge\",\"dedup_key\":\"" + key + "\"}")
                .when().post("/api/alerts/pagerduty").then().statusCode(202).body("action", equalTo("ACKNOWLEDGED"));
        given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body("{\"event_action\":\"resolve\",\"dedup_key\":\"" + key + "\"}")
                .when().post("/api/alerts/pagerduty").then().statusCode(202).body("action", equalTo("RESOLVED_RECORDED"));
        given().auth().oauth2(KeycloakTokens.runbook()).when().get("/api/incidents/" + id).then().statusCode(200)
                .body("services", equalTo(List.of("orders-db")))
                .body("priority", equalTo("P1"))
                .body("acknowledgedAt", org.hamcrest.Matchers.notNullValue())
                .body("status", equalTo("INVESTIGATING"));
        given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON).body("{\"event_action\":\"explode\"}")
                .when().post("/api/alerts/pagerduty").then().statusCode(400).body("violations.field", hasItem(containsString("eventAction")));
    }

    static boolean alertmanagerInstalled() {
        return Files.isExecutable(ALERTMANAGER);
    }

    /** A real Alertmanager on loopback notifies the running service; firing twice and resolving leaves one incident. */
    @Test
    @EnabledIf("alertmanagerInstalled")
    void realAlertmanagerFiringTwiceOpensOneIncident() throws Exception {
        Path dir = Files.createTempDirectory("alertmanager-test");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String service = "am-" + UUID.randomUUID().toString().substring(0, 8);
        Files.writeString(dir.resolve("alertmanager.yml"), """
                route:
                  receiver: hindsight
                  group_by: ['alertname', 'service']
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: hindsight
                    webhook_configs:
                      - url: %sapi/alerts/alertmanager
                        send_resolved: true
                        http_config:
                          authorization:
                            credentials: %s
                """.formatted(base, KeycloakTokens.runbook()));
        Process am = new ProcessBuilder(ALERTMANAGER.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        try {
            String amUrl = "http://127.0.0.1:" + port;
            await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
                    .until(() -> given().when().get(amUrl + "/-/ready").then().extract().statusCode() == 200);
            String alert = "[{\"labels\":{\"alertname\":\"HighLatency\",\"service\":\"" + service + "\",\"severity\":\"critical\"},"
                    + "\"annotations\":{\"summary\":\"p99 above 2s\"}}]";
            given().contentType(ContentType.JSON).body(alert).when().post(amUrl + "/api/v2/alerts").then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> incidentsOf(service).size() == 1);
            long id = incidentsOf(service).get(0);

            // the same alert again, then resolved: Alertmanager notifies again, the incident stays one
            given().contentType(ContentType.JSON).body(alert).when().post(amUrl + "/api/v2/alerts").then().statusCode(200);
            String resolved = "[{\"labels\":{\"alertname\":\"HighLatency\",\"service\":\"" + service + "\",\"severity\":\"critical\"},"
                    + "\"annotations\":{\"summary\":\"p99 above 2s\"},\"endsAt\":\"" + Instant.now().minusSeconds(1) + "\"}]";
            given().contentType(ContentType.JSON).body(resolved).when().post(amUrl + "/api/v2/alerts").then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(KeycloakTokens.runbook())
                    .when().get("/api/incidents/" + id + "/timeline").then().extract().jsonPath().getList("events.type").contains("ALERT_RESOLVED"));

            // firing again after the resolution attaches to the same open incident
            given().contentType(ContentType.JSON).body(alert).when().post(amUrl + "/api/v2/alerts").then().statusCode(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(KeycloakTokens.runbook())
                    .when().get("/api/incidents/" + id + "/timeline").then().extract().jsonPath()
                    .getList("events.type").stream().filter("ALERT_FIRING"::equals).count() >= 2);
            assertEquals(List.of(id), incidentsOf(service));
            JsonPath incident = given().auth().oauth2(KeycloakTokens.runbook()).when().get("/api/incidents/" + id).then().extract().jsonPath();
            assertEquals("P0", incident.getString("priority"));
            assertTrue(incident.getString("title").startsWith("HighLatency"));
        } finally {
            am.destroy();
            am.waitFor();
        }
    }

    private static List<Long> incidentsOf(String service) {
        return given().auth().oauth2(KeycloakTokens.runbook()).when().get("/api/incidents?service=" + service).then().statusCode(200)
                .extract().jsonPath().getList("items.id", Long.class);
    }
}
