package io.hindsight.postmortem.rest;

import static io.hindsight.postmortem.Api.as;
import static io.hindsight.postmortem.Api.document;
import static io.hindsight.postmortem.Api.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ConcurrentEditTest {

    @Test
    void simultaneousSavesOfTheSameVersionLetExactlyOneWin() throws Exception {
        long id = draft("Race");
        int sessions = 6;
        ExecutorService pool = Executors.newFixedThreadPool(sessions);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < sessions; i++) {
                String body = document("Race by session " + i, false, null);
                results.add(pool.submit(() -> {
                    start.await();
                    return as("author").header("If-Match", "\"0\"").body(body)
                            .when().put("/api/postmortems/" + id).then().extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> codes = new ArrayList<>();
            for (Future<Integer> f : results) {
                codes.add(f.get());
            }
            assertEquals(1, codes.stream().filter(c -> c == 200).count(), codes::toString);
            assertEquals(sessions - 1, codes.stream().filter(c -> c == 409).count(), codes::toString);
        } finally {
            pool.shutdownNow();
        }
        // exactly one revision besides the creation
        as("author").when().get("/api/postmortems/" + id + "/revisions").then()
                .body("revision", org.hamcrest.Matchers.contains(1, 0));
    }
}
