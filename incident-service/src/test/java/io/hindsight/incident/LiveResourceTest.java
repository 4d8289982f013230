package io.hindsight.incident;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LiveResourceTest {

    @TestHTTPResource("/")
    URL base;

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private long declare() {
        return given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body("{\"title\":\"Live\",\"symptom\":\"s\",\"service\":\"live\"}")
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** Reads the stream until a data line contains {@code needle}, in the background. */
    private CompletableFuture<String> awaitEvent(String path, String needle) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path.substring(1)))
                .header("Authorization", "Bearer " + KeycloakTokens.user("responder"))
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<InputStream> response = HTTP.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertTrue(response.statusCode() == 200, "stream answers 200, got " + response.statusCode());
        return CompletableFuture.supplyAsync(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.startsWith("data:") && line.contains(needle)) {
                        return line;
                    }
                }
                return null;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void oneIncidentStreamSendsTheSnapshotAfterEachChange() throws Exception {
        long id = declare();
        CompletableFuture<String> event = awaitEvent("/api/incidents/" + id + "/live", "Root cause found");
        given().auth().oauth2(KeycloakTokens.user("responder")).contentType(ContentType.JSON).body("{\"status\":\"ROOT_CAUSE_FOUND\"}")
                .when().post("/api/incidents/" + id + "/transitions").then().statusCode(200);
        String line = event.get(20, TimeUnit.SECONDS);
        assertTrue(line.contains("\"id\":" + id), line);
    }

    @Test
    void openListStreamSendsChangesOfAnyIncident() throws Exception {
        CompletableFuture<String> event = awaitEvent("/api/incidents/live", "Live stream check");
        given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body("{\"title\":\"Live stream check\",\"symptom\":\"s\",\"service\":\"live\"}")
                .when().post("/api/incidents").then().statusCode(201);
        assertTrue(event.get(20, TimeUnit.SECONDS).contains("\"redFlags\""));
    }

    @Test
    void unknownIncidentStreamIs404() {
        given().auth().oauth2(KeycloakTokens.user("responder")).accept("text/event-stream")
                .when().get("/api/incidents/999999999/live").then().statusCode(404);
    }
}
