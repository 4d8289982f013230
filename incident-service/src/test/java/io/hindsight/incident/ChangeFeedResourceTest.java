package io.hindsight.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ChangeFeedResourceTest {

    private static String indexer() {
        return KeycloakTokens.serviceAccount("hindsight-search", "hindsight-search-local-secret");
    }

    private static long head() {
        return given().auth().oauth2(indexer()).when().get("/api/changes?after=0&limit=1")
                .then().statusCode(200).extract().jsonPath().getLong("headSeq");
    }

    @Test
    void declaredIncidentAppearsInFeedWithFullSnapshot() {
        long before = head();
        long id = given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body("{\"title\":\"Feed check\",\"symptom\":\"HTTP 503 from edge-proxy\",\"service\":\"edge-proxy\"}")
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");

        given().auth().oauth2(indexer())
                .when().get("/api/changes?after=" + before + "&limit=10")
                .then().statusCode(200)
                .body("changes.size()", equalTo(1))
                .body("changes[0].seq", equalTo((int) before + 1))
                .body("changes[0].entityType", equalTo("incident"))
                .body("changes[0].entityId", equalTo(String.valueOf(id)))
                .body("changes[0].payload.title", equalTo("Feed check"))
                .body("changes[0].payload.services[0]", equalTo("edge-proxy"))
                .body("lastSeq", equalTo((int) before + 1));
    }

    @Test
    void concurrentDeclarationsGetStrictlyIncreasingGaplessSequence() throws Exception {
        long before = head();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            int n = i;
            results.add(pool.submit(() -> given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                    .body("{\"title\":\"Concurrent " + n + "\",\"symptom\":\"s\",\"service\":\"svc\"}")
                    .when().post("/api/incidents").then().extract().statusCode()));
        }
        for (Future<Integer> f : results) {
            assertEquals(201, f.get());
        }
        pool.shutdown();

        JsonPath page = given().auth().oauth2(indexer())
                .when().get("/api/changes?after=" + before + "&limit=1000")
                .then().statusCode(200).extract().jsonPath();
        List<Integer> seqs = page.getList("changes.seq", Integer.class);
        assertTrue(seqs.size() >= 40, "all 40 declarations are in the feed");
        for (int i = 0; i < seqs.size(); i++) {
            assertEquals(before + 1 + i, seqs.get(i).longValue(), "sequence is gapless and in order");
        }
    }

    @Test
    void aPageAfterTheHeadReportsTheTrueHeadNotTheReadersCursor() {
        long head = head();
        given().auth().oauth2(indexer()).when().get("/api/changes?after=" + (head + 3) + "&limit=10")
                .then().statusCode(200)
                .body("changes.size()", equalTo(0))
                .body("lastSeq", equalTo((int) head + 3))
                .body("headSeq", equalTo((int) head)); // a reader whose cursor is ahead of the feed can tell
    }

    @Test
    void pagingHonoursLimitAndReportsMore() {
        for (int i = 0; i < 3; i++) {
            given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                    .body("{\"title\":\"Paging " + i + "\",\"symptom\":\"s\",\"service\":\"svc\"}")
                    .when().post("/api/incidents").then().statusCode(201);
        }
        long head = head();
        given().auth().oauth2(indexer())
                .when().get("/api/changes?after=" + (head - 3) + "&limit=2")
                .then().statusCode(200)
                .body("changes.size()", equalTo(2))
                .body("hasMore", equalTo(true))
                .body("lastSeq", equalTo((int) head - 1));
    }

    @Test
    void responderMayNotReadFeed() {
        given().auth().oauth2(KeycloakTokens.user("responder")).when().get("/api/changes")
                .then().statusCode(403);
    }
}
