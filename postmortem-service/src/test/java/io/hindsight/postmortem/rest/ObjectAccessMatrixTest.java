package io.hindsight.postmortem.rest;

import static io.hindsight.postmortem.Api.document;
import static io.hindsight.postmortem.Api.save;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The object-level access matrix (issue 15): post-mortems in each state (draft, in review, published, reopened) ×
 * each role (responder, author, leader, runbook, admin; real Keycloak tokens) × each read path (get, list,
 * revisions, one revision, diff, export, the lessons it teaches, its action items, the change feed consumers' view).
 * Expected: {@code PostmortemVisibility} — writers (author, admin) see every state, leaders also what is in review,
 * the others published states only; each revision by the status it was saved in; a lesson written in a post-mortem
 * as public as the post-mortems teaching it; what is hidden answers 404 exactly as what does not exist. All
 * authors see drafts (post-mortems are team work): the owner and another author are one row, and the demo realm
 * has one author.
 *
 * <p>Every fixture's first revision names a person ("Bob pushed ...") that the author removes before anything is
 * submitted: blameless means only writers ever read it.
 */
@QuarkusTest
class ObjectAccessMatrixTest {

    enum State { DRAFT, IN_REVIEW, PUBLISHED, REOPENED }

    record Fixture(State state, long pm, long lesson, long item, String owner, long draftRevision, Long publishedRevision,
                   long latest) {
        /** The status the post-mortem is in now (a reopened one is a draft again). */
        String status() {
            return switch (state) {
                case DRAFT, REOPENED -> "DRAFT";
                case IN_REVIEW -> "IN_REVIEW";
                case PUBLISHED -> "PUBLISHED";
            };
        }
    }

    static final List<String> ROLES = List.of("responder", "author", "leader", "runbook", "admin");
    static final Map<State, Fixture> FIXTURES = new LinkedHashMap<>();
    static long libraryLesson;
    static long feedBefore;
    static String tag;

    static RequestSpecification as(String role) {
        String token = role.equals("runbook") ? KeycloakTokens.runbook() : KeycloakTokens.user(role);
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static boolean sees(String role, String status) {
        return switch (role) {
            case "author", "admin" -> true;
            case "leader" -> !status.equals("DRAFT");
            default -> status.equals("PUBLISHED");
        };
    }

    static boolean writer(String role) {
        return role.equals("author") || role.equals("admin");
    }

    /** Once per class (static), but after Quarkus has started: a {@code @BeforeAll} would run before it listens. */
    @BeforeEach
    void fixtures() {
        if (!FIXTURES.isEmpty()) {
            return;
        }
        tag = UUID.randomUUID().toString().substring(0, 8);
        feedBefore = feed(0).getLong("headSeq");
        libraryLesson = as("author").body(Map.of("title", "Matrix library lesson " + tag, "body", "Written on its own"))
                .when().post("/api/lessons").then().statusCode(201).extract().jsonPath().getLong("id");
        for (State state : State.values()) {
            String title = "Matrix " + state + " " + tag;
            long pm = as("author").body(Map.of("title", title, "summary", "Bob pushed the bad config " + tag))
                    .when().post("/api/postmortems").then().statusCode(201).extract().jsonPath().getLong("id");
            long v = save(pm, 0, document(title, true, null));
            String owner = "owner-" + state + "-" + tag;
            long item = as("author").body(Map.of("title", "Item " + state, "owner", owner, "dueDate", "2020-01-01"))
                    .when().post("/api/postmortems/" + pm + "/action-items").then().statusCode(201).extract().jsonPath().getLong("id");
            JsonPath linked = as("author").body(Map.of("lesson", Map.of("title", "Matrix lesson " + state + " " + tag,
                            "body", "Taught by the " + state + " post-mortem", "tags", List.of("matrix-" + tag))))
                    .when().post("/api/postmortems/" + pm + "/lessons").then().statusCode(200).extract().jsonPath();
            long lesson = linked.getLong("lessons.find { it.title.startsWith('Matrix lesson') }.id");
            as("author").body(Map.of("lessonId", libraryLesson)).when().post("/api/postmortems/" + pm + "/lessons")
                    .then().statusCode(200);
            Long published = null;
            if (state != State.DRAFT) {
                as("author").when().post("/api/postmortems/" + pm + "/submit").then().statusCode(200);
            }
            if (state == State.PUBLISHED || state == State.REOPENED) {
                published = as("leader").when().post("/api/postmortems/" + pm + "/approve").then().statusCode(200)
                        .extract().jsonPath().getLong("version");
            }
            if (state == State.REOPENED) {
                as("author").when().post("/api/postmortems/" + pm + "/reopen").then().statusCode(200);
            }
            long latest = as("admin").when().get("/api/postmortems/" + pm).then().statusCode(200).extract().jsonPath().getLong("version");
            assertTrue(v > 0);
            FIXTURES.put(state, new Fixture(state, pm, lesson, item, owner, 0, published, latest));
        }
    }

    static JsonPath feed(long after) {
        return given().auth().oauth2(KeycloakTokens.serviceAccount("hindsight-search", "hindsight-search-local-secret"))
                .when().get("/api/changes?after=" + after + "&limit=1000").then().statusCode(200).extract().jsonPath();
    }

    /** Runs every check, collecting failures, so one run shows the whole matrix. */
    static void matrix(String path, Check check) {
        List<String> failures = new ArrayList<>();
        for (Fixture f : FIXTURES.values()) {
            for (String role : ROLES) {
                try {
                    check.run(f, role);
                } catch (AssertionError e) {
                    failures.add(path + " " + f.state() + " × " + role + ": " + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " cells wrong:\n" + String.join("\n", failures));
    }

    interface Check {
        void run(Fixture f, String role);
    }

    static void expect(int status, ExtractableResponse<Response> r, Supplier<String> what) {
        String body = r.body().asString();
        assertEquals(status, r.statusCode(), what.get() + " → " + body.substring(0, Math.min(160, body.length())));
        if (status == 404) {
            assertEquals("application/problem+json", r.contentType().split(";")[0], what.get());
        }
    }

    @Test
    void get() {
        matrix("GET /api/postmortems/{id}", (f, role) -> {
            var r = as(role).when().get("/api/postmortems/" + f.pm()).then().extract();
            expect(sees(role, f.status()) ? 200 : 404, r, () -> "get");
            if (r.statusCode() == 404) {
                // the same answer as for an id that does not exist: nothing tells a hidden draft from nothing
                var none = as(role).when().get("/api/postmortems/" + (Long.MAX_VALUE - 1)).then().extract();
                assertEquals(none.jsonPath().getString("title"), r.jsonPath().getString("title"));
                assertEquals(none.jsonPath().getString("detail").replace(String.valueOf(Long.MAX_VALUE - 1), "N"),
                        r.jsonPath().getString("detail").replace(String.valueOf(f.pm()), "N"));
            }
        });
    }

    @Test
    void list() {
        matrix("GET /api/postmortems", (f, role) -> {
            List<Long> ids = as(role).queryParam("limit", 200).when().get("/api/postmortems").then().statusCode(200)
                    .extract().jsonPath().getList("id", Long.class);
            assertEquals(sees(role, f.status()), ids.contains(f.pm()), "listed");
        });
    }

    @Test
    void revisions() {
        matrix("GET /api/postmortems/{id}/revisions", (f, role) -> {
            var r = as(role).when().get("/api/postmortems/" + f.pm() + "/revisions").then().extract();
            expect(sees(role, f.status()) ? 200 : 404, r, () -> "revisions");
            if (r.statusCode() == 200) {
                List<Long> revs = r.jsonPath().getList("revision", Long.class);
                assertEquals(writer(role), revs.contains(f.draftRevision()), "draft revision listed " + revs);
                if (f.publishedRevision() != null) {
                    assertTrue(revs.contains(f.publishedRevision()), "published revision listed " + revs);
                }
                if (!writer(role)) {
                    // readers see published revisions only; leaders also those saved in review
                    for (long rev : revs) {
                        String saved = as("admin").when().get("/api/postmortems/" + f.pm() + "/revisions/" + rev).then()
                                .statusCode(200).extract().jsonPath().getString("snapshot.status");
                        assertTrue(sees(role, saved), "revision " + rev + " saved " + saved);
                    }
                }
            }
        });
    }

    @Test
    void revision() {
        matrix("GET /api/postmortems/{id}/revisions/{revision}", (f, role) -> {
            var draft = as(role).when().get("/api/postmortems/" + f.pm() + "/revisions/" + f.draftRevision()).then().extract();
            expect(writer(role) ? 200 : 404, draft, () -> "draft revision");
            if (draft.statusCode() == 200) {
                assertTrue(draft.jsonPath().getString("snapshot.summary").contains("Bob"), "the draft as it was");
            } else {
                assertTrue(!draft.body().asString().contains("Bob"), "no name from the draft");
            }
            if (f.publishedRevision() != null) {
                var pub = as(role).when().get("/api/postmortems/" + f.pm() + "/revisions/" + f.publishedRevision()).then().extract();
                expect(sees(role, f.status()) ? 200 : 404, pub, () -> "published revision");
            }
            var none = as(role).when().get("/api/postmortems/" + f.pm() + "/revisions/99999").then().extract();
            assertEquals(404, none.statusCode());
        });
    }

    @Test
    void diff() {
        matrix("GET /api/postmortems/{id}/diff", (f, role) -> {
            var r = as(role).queryParam("from", f.draftRevision()).queryParam("to", f.latest())
                    .when().get("/api/postmortems/" + f.pm() + "/diff").then().extract();
            expect(writer(role) ? 200 : 404, r, () -> "diff from the draft revision");
            assertEquals(writer(role), r.body().asString().contains("Bob"), "the removed name");
            if (f.publishedRevision() != null) {
                var pub = as(role).queryParam("from", f.publishedRevision()).queryParam("to", f.publishedRevision())
                        .when().get("/api/postmortems/" + f.pm() + "/diff").then().extract();
                expect(sees(role, f.status()) ? 200 : 404, pub, () -> "diff of published revisions");
            }
        });
    }

    @Test
    void export() {
        matrix("GET /api/postmortems/{id}/export", (f, role) -> {
            for (String format : List.of("markdown", "html")) {
                var r = as(role).queryParam("format", format).when().get("/api/postmortems/" + f.pm() + "/export").then().extract();
                assertEquals(sees(role, f.status()) ? 200 : 404, r.statusCode(), format);
            }
        });
    }

    @Test
    void lessons() {
        matrix("lessons", (f, role) -> {
            boolean seen = sees(role, f.status());
            var one = as(role).when().get("/api/lessons/" + f.lesson()).then().extract();
            expect(seen ? 200 : 404, one, () -> "GET /api/lessons/{id} of the lesson written in it");
            if (seen) {
                assertEquals(List.of(f.pm()), one.jsonPath().getList("postmortemIds", Long.class));
                assertEquals(1, one.jsonPath().getInt("recurrence"));
                assertEquals(f.status(), one.jsonPath().getString("status"));
            }
            JsonPath all = as(role).queryParam("limit", 500).queryParam("tag", "matrix-" + tag).when().get("/api/lessons")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(seen, all.getList("id", Long.class).contains(f.lesson()), "GET /api/lessons lists it");
            // the library lesson is public; which post-mortems teach it, and how often it recurs, count what the caller sees
            JsonPath library = as(role).when().get("/api/lessons/" + libraryLesson).then().statusCode(200).extract().jsonPath();
            assertEquals(seen, library.getList("postmortemIds", Long.class).contains(f.pm()), "library lesson names it");
            long visible = FIXTURES.values().stream().filter(x -> sees(role, x.status())).count();
            assertEquals(visible, library.getInt("recurrence"), "recurrence of the library lesson");
            // and the published post-mortem's snapshot names the lesson only where the post-mortem is seen
            var pm = as(role).when().get("/api/postmortems/" + f.pm()).then().extract();
            if (pm.statusCode() == 200) {
                assertTrue(pm.jsonPath().getList("lessons.id", Long.class).contains(f.lesson()));
            }
        });
    }

    @Test
    void lessonsListOrderAndCountsSayNothingAboutHiddenPostmortems() {
        // the library lesson recurs in 4 post-mortems, 2 of them drafts: a reader counts 1 and the order follows that count
        for (String role : ROLES) {
            long visible = FIXTURES.values().stream().filter(x -> sees(role, x.status())).count();
            JsonPath all = as(role).queryParam("limit", 500).when().get("/api/lessons").then().statusCode(200).extract().jsonPath();
            List<Integer> recurrences = all.getList("recurrence", Integer.class);
            for (int i = 1; i < recurrences.size(); i++) {
                assertTrue(recurrences.get(i - 1) >= recurrences.get(i), role + ": ordered by what it sees " + recurrences);
            }
            int index = all.getList("id", Long.class).indexOf(libraryLesson);
            assertTrue(index >= 0, role);
            assertEquals((int) visible, recurrences.get(index), role);
        }
    }

    @Test
    void actionItems() {
        matrix("action items", (f, role) -> {
            boolean seen = sees(role, f.status());
            var one = as(role).when().get("/api/action-items/" + f.item()).then().extract();
            expect(seen ? 200 : 404, one, () -> "GET /api/action-items/{id}");
            List<Long> listed = as(role).queryParam("owner", f.owner()).when().get("/api/action-items").then().statusCode(200)
                    .extract().jsonPath().getList("id", Long.class);
            assertEquals(seen ? List.of(f.item()) : List.of(), listed, "GET /api/action-items?owner=");
            List<Long> overdue = as(role).queryParam("owner", f.owner()).queryParam("overdue", true).when().get("/api/action-items")
                    .then().statusCode(200).extract().jsonPath().getList("id", Long.class);
            assertEquals(seen ? List.of(f.item()) : List.of(), overdue, "overdue");
            JsonPath stats = as(role).queryParam("owner", f.owner()).when().get("/api/action-items/stats").then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(seen ? 1 : 0, stats.getInt("total"), "stats total");
            assertEquals(seen ? 1 : 0, stats.getInt("overdue"), "stats overdue");
        });
    }

    @Test
    void transitionsOnWhatALeaderMayNotSeeAre404Not409() {
        Fixture draft = FIXTURES.get(State.DRAFT);
        for (String action : List.of("approve", "request-changes")) {
            var r = as("leader").when().post("/api/postmortems/" + draft.pm() + "/" + action).then().extract();
            expect(404, r, () -> action);
        }
    }

    /**
     * What search-service indexes: the last feed entry of each lesson says how public it is, and names only the
     * post-mortems its narrowest audience may see (search-service maps the status to its visibility filter).
     */
    @Test
    void changeFeedConsumerView() {
        Map<String, Map<String, Object>> last = new LinkedHashMap<>();
        long after = feedBefore;
        while (true) {
            JsonPath page = feed(after);
            List<Map<String, Object>> changes = page.getList("changes");
            for (Map<String, Object> c : changes) {
                last.put(c.get("entityType") + ":" + c.get("entityId"), c);
            }
            if (changes.isEmpty() || !page.getBoolean("hasMore")) {
                break;
            }
            after = ((Number) changes.get(changes.size() - 1).get("seq")).longValue();
        }
        List<String> failures = new ArrayList<>();
        for (Fixture f : FIXTURES.values()) {
            Map<?, ?> lesson = (Map<?, ?>) last.get("lesson:" + f.lesson()).get("payload");
            if (!Objects.equals(f.status(), lesson.get("status"))) {
                failures.add(f.state() + ": lesson status " + lesson.get("status"));
            }
            Map<?, ?> pm = (Map<?, ?>) last.get("postmortem:" + f.pm()).get("payload");
            if (!Objects.equals(f.status(), pm.get("status"))) {
                failures.add(f.state() + ": post-mortem status " + pm.get("status"));
            }
        }
        Map<?, ?> library = (Map<?, ?>) last.get("lesson:" + libraryLesson).get("payload");
        assertEquals("PUBLISHED", library.get("status"));
        // public in the index, so it names only the published post-mortem
        assertEquals(List.of((int) FIXTURES.get(State.PUBLISHED).pm()), library.get("postmortemIds"));
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }
}
