package io.hindsight.postmortem.rest;

import static io.hindsight.postmortem.Api.as;
import static io.hindsight.postmortem.Api.document;
import static io.hindsight.postmortem.Api.draft;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Writes without If-Match, and imports of one report, sent at once by several clients against the real database:
 * one wins, the others get the same result or a clear 4xx; never a 5xx, never a second copy or a lost revision.
 */
@QuarkusTest
class ConcurrentWritesTest {

    private static final int CLIENTS = 6;

    private static List<Response> atOnce(List<Callable<Response>> requests) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(requests.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Response>> futures = new ArrayList<>();
            for (Callable<Response> r : requests) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return r.call();
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

    private static List<Callable<Response>> times(Callable<Response> request) {
        List<Callable<Response>> all = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            all.add(request);
        }
        return all;
    }

    private static List<Integer> statuses(List<Response> answers) {
        return answers.stream().map(Response::statusCode).toList();
    }

    @Test
    void submitsWithoutIfMatchAtOnceSubmitOnceAndRefuseTheRestWith409() throws Exception {
        long id = draft("Race to submit");
        io.hindsight.postmortem.Api.save(id, 0, document("Race to submit", true, "Nothing to do: a test"));
        List<Integer> codes = statuses(atOnce(times(() -> as("author").when().post("/api/postmortems/" + id + "/submit"))));
        assertEquals(1, codes.stream().filter(c -> c == 200).count(), codes::toString);
        assertEquals(CLIENTS - 1, codes.stream().filter(c -> c == 409).count(), codes::toString);
        // one revision for the save, one for the submit, besides the creation
        as("author").when().get("/api/postmortems/" + id + "/revisions").then().body("revision", org.hamcrest.Matchers.contains(2, 1, 0));
    }

    @Test
    void actionItemsAddedAtOnceAreAllKept() throws Exception {
        long id = draft("Race to add");
        List<Callable<Response>> adds = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            String body = "{\"title\":\"item " + i + "\"}";
            adds.add(() -> as("author").body(body).when().post("/api/postmortems/" + id + "/action-items"));
        }
        List<Integer> codes = statuses(atOnce(adds));
        assertTrue(codes.stream().allMatch(c -> c == 201), codes::toString);
        as("author").when().get("/api/postmortems/" + id).then().statusCode(200).body("actionItems", hasSize(CLIENTS));
    }

    @Test
    void markdownImportsOfOneReportAtOnceStoreItOnce() throws Exception {
        String marker = UUID.randomUUID().toString();
        List<Callable<Response>> imports = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            // the same report, spelled differently by each client
            String url = (i % 2 == 0 ? "https://example.org/" : "HTTPS://EXAMPLE.org:443/") + marker + "/".repeat(i % 3);
            String doc = "---\ntitle: \"Race " + marker + "\"\nurl: \"" + url + "\"\n---\n\nThe report " + marker + "\n";
            imports.add(() -> RestAssured.given().auth().oauth2(KeycloakTokens.user("admin")).contentType("text/markdown")
                    .body(doc.getBytes(StandardCharsets.UTF_8)).when().post("/api/imports/markdown"));
        }
        List<Response> answers = atOnce(imports);
        int created = 0;
        for (Response r : answers) {
            assertEquals(200, r.statusCode(), r.asString());
            assertEquals(0, r.jsonPath().getList("errors").size(), r.asString());
            created += r.jsonPath().getInt("created");
        }
        assertEquals(1, created);
        as("admin").when().get("/api/postmortems?limit=200").then().statusCode(200)
                .body("findAll { it.title == 'Race " + marker + "' }", hasSize(1));
    }
}
