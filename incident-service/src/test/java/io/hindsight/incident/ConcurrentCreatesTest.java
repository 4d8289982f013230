package io.hindsight.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Creates that race on a unique key (the alert's dedup key, the caller's Idempotency-Key), sent at once by several
 * clients against the real database: one creates, the others get the same result; never a second incident, never a 5xx.
 */
@QuarkusTest
class ConcurrentCreatesTest {

    private static final int CLIENTS = 6;

    /** {@code CLIENTS} copies of one request, released together; the answers in order. */
    private static List<Response> atOnce(Callable<Response> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Response> answers = new ArrayList<>();
            for (Future<Response> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdown();
        }
    }

    private static <T> Set<T> each(List<Response> answers, int status, Function<Response, T> what) {
        Set<T> seen = new HashSet<>();
        for (Response r : answers) {
            assertEquals(status, r.statusCode(), r.asString());
            seen.add(what.apply(r));
        }
        return seen;
    }

    @Test
    void alertmanagerWebhooksWithOneNewFingerprintAtOnceOpenOneIncident() throws Exception {
        String fingerprint = UUID.randomUUID().toString().substring(0, 16);
        String service = "race-" + fingerprint;
        String hook;
        try (InputStream in = ConcurrentCreatesTest.class.getResourceAsStream("/alertmanager/alertmanager-webhook.json")) {
            hook = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("677dd78bc683e916", fingerprint)
                    .replace("\"service\":\"checkout\"", "\"service\":\"" + service + "\"");
        }
        String body = hook;
        String token = KeycloakTokens.runbook();
        List<Response> answers = atOnce(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/alerts/alertmanager"));
        Set<Long> incidents = each(answers, 200, r -> r.jsonPath().getLong("results[0].incidentId"));
        assertEquals(1, incidents.size(), "one incident for one fingerprint");
        assertEquals(1, answers.stream().filter(r -> r.jsonPath().getString("results[0].action").equals("OPENED")).count());
        given().auth().oauth2(token).when().get("/api/incidents?service=" + service).then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void pagerDutyTriggersWithOneNewDedupKeyAtOnceOpenOneIncident() throws Exception {
        String key = "race-" + UUID.randomUUID();
        String service = key.substring(0, 20);
        String token = KeycloakTokens.runbook();
        String body = "{\"routing_key\":\"r\",\"event_action\":\"trigger\",\"dedup_key\":\"" + key + "\",\"payload\":{\"summary\":\"disk full\","
                + "\"source\":\"" + service + "\",\"severity\":\"critical\"}}";
        List<Response> answers = atOnce(() -> given().auth().oauth2(token).contentType(ContentType.JSON).body(body)
                .when().post("/api/alerts/pagerduty"));
        assertEquals(1, each(answers, 202, r -> r.jsonPath().getLong("incidentId")).size());
    }

    @Test
    void statusUpdatesWithOneIdempotencyKeyAtOnceAreRecordedOnce() throws Exception {
        String token = KeycloakTokens.runbook();
        long id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"title\":\"Race\",\"symptom\":\"s\",\"service\":\"race-updates\"}").when().post("/api/incidents")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        String key = UUID.randomUUID().toString();
        List<Response> answers = atOnce(() -> given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"scope\":\"all\"}").when().post("/api/incidents/" + id + "/updates"));
        assertEquals(1, each(answers, 201, r -> r.jsonPath().getInt("seq")).size());
        given().auth().oauth2(token).when().get("/api/incidents/" + id + "/updates").then().statusCode(200)
                .body("findAll { it.scope == 'all' }", hasSize(1));
    }

    @Test
    void hypothesesWithOneIdempotencyKeyAtOnceAreAddedOnce() throws Exception {
        String token = KeycloakTokens.user("responder");
        long id = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"title\":\"Race\",\"symptom\":\"s\",\"service\":\"race-hypotheses\"}").when().post("/api/incidents")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        String key = UUID.randomUUID().toString();
        List<Response> answers = atOnce(() -> given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"statement\":\"the pool is exhausted\",\"prediction\":\"waits grow\",\"howToTest\":\"pool metrics\"}")
                .when().post("/api/incidents/" + id + "/hypotheses"));
        for (Response r : answers) {
            assertEquals(201, r.statusCode(), r.asString());
        }
        given().auth().oauth2(token).when().get("/api/incidents/" + id).then().statusCode(200)
                .body("hypotheses", hasSize(1));
    }
}
