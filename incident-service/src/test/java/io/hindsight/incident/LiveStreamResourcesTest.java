package io.hindsight.incident;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.hindsight.incident.live.LiveViewers;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, finding 1: a live stream holds no database connection, and a client that goes away is forgotten. Clients
 * here are raw sockets, so "going away" is a TCP close, as when a browser tab closes or a page reloads.
 */
@QuarkusTest
class LiveStreamResourcesTest {

    private static final int POOL = 20;

    @TestHTTPResource("/")
    URL base;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    LiveViewers viewers;

    private long declare(String title) {
        return given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body("{\"title\":\"" + title + "\",\"symptom\":\"s\",\"service\":\"live\"}")
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    /** An SSE client on a plain socket: reads the response head, then data lines. */
    private final class Viewer implements AutoCloseable {
        final Socket socket;
        final BufferedReader in;

        Viewer(String path, String token) throws IOException {
            socket = new Socket(base.getHost(), base.getPort());
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\nAccept: text/event-stream\r\n"
                    + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            assertTrue(status != null && status.contains(" 200 "), "stream answers 200, got " + status);
        }

        /** The next data line that contains {@code needle}. */
        String awaitData(String needle) throws IOException {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data:") && line.contains(needle)) {
                    return line;
                }
            }
            throw new IOException("stream ended before an event with " + needle);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private int active() {
        return (int) dataSource.getMetrics().activeCount();
    }

    @Test
    void droppedStreamsGiveBackTheirConnectionAndSubscription() throws Exception {
        long id = declare("Dropped viewers");
        String token = KeycloakTokens.user("responder");
        int before = viewers.open();
        for (int i = 0; i < POOL + 10; i++) {
            try (Viewer v = new Viewer("/api/incidents/" + id + "/live", token)) {
                v.awaitData("\"id\":" + id);
            }
        }
        // the service still answers, at once (the pool's acquisition timeout is 5 s: a leaked pool answers 503 after it)
        given().auth().oauth2(token).when().get("/api/incidents/" + id).then().time(org.hamcrest.Matchers.lessThan(4000L)).statusCode(200);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> active() <= 1 && viewers.open() == before);
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void manyConcurrentViewersEachGetTheirSnapshotAndTheApiStillAnswers() throws Exception {
        long id = declare("Crowded war room");
        String token = KeycloakTokens.user("responder");
        int before = viewers.open();
        int count = 2 * POOL;
        List<Viewer> open = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(count);
        try {
            for (int i = 0; i < count; i++) {
                Viewer v = new Viewer("/api/incidents/" + id + "/live", token);
                open.add(v);
                v.awaitData("\"id\":" + id);
            }
            assertEquals(before + count, viewers.open());
            assertTrue(active() <= 1, "open streams hold no connection; active " + active());
            given().auth().oauth2(token).when().get("/api/incidents/" + id).then().time(org.hamcrest.Matchers.lessThan(4000L)).statusCode(200);
            given().auth().oauth2(token).when().get("/api/incidents?limit=5").then().statusCode(200);

            List<CompletableFuture<String>> seen = new ArrayList<>();
            for (Viewer v : open) {
                seen.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return v.awaitData("Root cause found");
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }, readers));
            }
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"status\":\"ROOT_CAUSE_FOUND\"}")
                    .when().post("/api/incidents/" + id + "/transitions").then().statusCode(200);
            for (CompletableFuture<String> s : seen) {
                assertTrue(s.get(20, TimeUnit.SECONDS).contains("\"id\":" + id));
            }
        } finally {
            for (Viewer v : open) {
                v.close();
            }
            readers.shutdownNow();
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> active() <= 1 && viewers.open() == before);
    }

    @Test
    void metricsShowOpenStreamsAndThePool() throws Exception {
        long id = declare("Metered war room");
        try (Viewer v = new Viewer("/api/incidents/" + id + "/live", KeycloakTokens.user("responder"))) {
            v.awaitData("\"id\":" + id);
            String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
            java.util.regex.Matcher open = java.util.regex.Pattern.compile("(?m)^hindsight_live_streams(?:\\{[^}]*\\})? ([0-9.]+)").matcher(metrics);
            assertTrue(open.find(), "open-streams gauge in /q/metrics");
            assertTrue(Double.parseDouble(open.group(1)) >= 1, open.group());
            for (String pool : List.of("agroal_active_count", "agroal_awaiting_count", "agroal_max_used_count", "hindsight_db_pool_max", "hindsight_live_feed_lag")) {
                assertTrue(metrics.contains(pool), pool + " in /q/metrics");
            }
        }
    }
}
