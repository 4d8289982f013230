package io.hindsight.postmortem.rest;

import static io.hindsight.postmortem.Api.as;
import static io.hindsight.postmortem.Api.draft;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One lesson per title, also when several people create it at the same moment (issue 14, finding 6): one is created,
 * the others are pointed at it (409 with its id) or, when linking, linked to it; never a 500. On the real PostgreSQL
 * of the test command, whose unique index on the title key decides.
 */
@QuarkusTest
class LessonRaceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CLIENTS = 6;

    @TestHTTPResource("/")
    URI base;

    record Answer(int status, JsonNode body) {
    }

    /** Sends CLIENTS requests released together; returns their answers. */
    private List<Answer> atOnce(IntFunction<HttpRequest> request) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            CountDownLatch ready = new CountDownLatch(CLIENTS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Answer>> futures = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                HttpRequest r = request.apply(i);
                futures.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
                    return new Answer(response.statusCode(), JSON.readTree(response.body().isEmpty() ? "{}" : response.body()));
                }));
            }
            ready.await();
            go.countDown();
            List<Answer> answers = new ArrayList<>();
            for (Future<Answer> f : futures) {
                answers.add(f.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private HttpRequest.Builder post(String path, Object body) throws Exception {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + KeycloakTokens.user("author")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }

    private static Map<Integer, Long> histogram(List<Answer> answers) {
        return answers.stream().collect(Collectors.groupingBy(Answer::status, TreeMap::new, Collectors.counting()));
    }

    @Test
    void sixCreationsOfOneTitleAtOnceMakeOneLessonAndPointTheOthersAtIt() throws Exception {
        for (int round = 0; round < 5; round++) {
            String title = "Race lesson " + UUID.randomUUID();
            var request = post("api/lessons", Map.of("title", title, "body", "b")).build();
            List<Answer> answers = atOnce(i -> request);
            assertEquals(Map.of(201, 1L, 409, (long) CLIENTS - 1), histogram(answers), () -> answers.toString());
            long id = answers.stream().filter(a -> a.status() == 201).findFirst().orElseThrow().body().path("id").asLong();
            for (Answer a : answers) {
                if (a.status() == 409) {
                    assertEquals(id, a.body().path("extensions").path("lessonId").asLong(), a.toString());
                }
            }
        }
    }

    @Test
    void sixLinkingsThatCreateOneNewLessonAtOnceAllLinkTheSameLesson() throws Exception {
        for (int round = 0; round < 5; round++) {
            String title = "Race linked lesson " + UUID.randomUUID();
            List<Long> drafts = new ArrayList<>();
            List<HttpRequest> requests = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                long pm = draft("Race " + i);
                drafts.add(pm);
                requests.add(post("api/postmortems/" + pm + "/lessons",
                        Map.of("lesson", Map.of("title", title, "body", "b"))).build());
            }
            List<Answer> answers = atOnce(requests::get);
            assertEquals(Map.of(200, (long) CLIENTS), histogram(answers), () -> answers.toString());
            Set<Long> lessonIds = answers.stream().map(a -> a.body().path("lessons").get(0).path("id").asLong()).collect(Collectors.toSet());
            assertEquals(1, lessonIds.size(), lessonIds::toString);
            long lesson = lessonIds.iterator().next();
            as("author").when().get("/api/lessons/" + lesson).then().statusCode(200)
                    .body("recurrence", org.hamcrest.Matchers.equalTo(CLIENTS))
                    .body("postmortemIds", org.hamcrest.Matchers.containsInAnyOrder(drafts.stream().map(Long::intValue).toArray()));
        }
    }
}
