package io.hindsight.incident;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.ChunkedPost;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IncidentWorkflowTest {

    @TestHTTPResource("/")
    URI baseUri;

    static final String P0_TRIAGE = """
            {"scope":"ALL_USERS","effect":"SERVICE_DOWN","visibility":"EXTERNAL_CUSTOMERS","escalation":"STABLE","revenue":"DIRECT_LOSS"}
            """;
    static final String P1_TRIAGE = """
            {"scope":"UNDER_10_PERCENT","effect":"MAJOR_FEATURE_BROKEN","visibility":"EXTERNAL_CUSTOMERS","escalation":"STABLE","revenue":"NONE"}
            """;

    static RequestSpecification responder() {
        return given().auth().oauth2(KeycloakTokens.user("responder")).contentType(ContentType.JSON);
    }

    static long declare(String service) {
        return given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body("{\"title\":\"Checkout failing\",\"symptom\":\"HTTP 500 on /checkout\",\"service\":\"" + service + "\"}")
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static Response post(long id, String path, String body) {
        return responder().body(body).when().post("/api/incidents/" + id + path);
    }

    static JsonPath get(long id) {
        return responder().when().get("/api/incidents/" + id).then().statusCode(200).extract().jsonPath();
    }

    static void readyToDeploy(long id) {
        responder().body("{\"blastRadius\":\"LOW\",\"rollbackReady\":true,\"canaryDeployed\":true,\"monitoringInPlace\":true,"
                + "\"symptomVerifiedGone\":true,\"noNewErrors\":true}").when().put("/api/incidents/" + id + "/fix-checklist").then().statusCode(200);
    }

    // ---------------------------------------------------------------- lifecycle

    @Test
    void transitionMovesStatusAndPhase() {
        long id = declare("checkout");
        post(id, "/transitions", "{\"status\":\"ROOT_CAUSE_FOUND\",\"note\":\"NPE in PromoValidator\"}").then().statusCode(200)
                .body("status", equalTo("ROOT_CAUSE_FOUND"))
                .body("statusLabel", equalTo("Root cause found"))
                .body("phase", equalTo("FIX"));
    }

    @Test
    void forbiddenTransitionIsConflictSayingWhy() {
        long id = declare("checkout");
        post(id, "/transitions", "{\"status\":\"DEPLOYED\"}").then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", containsString("a fix must be in progress"));
        assertEquals("INVESTIGATING", get(id).getString("status"));
    }

    @Test
    void deployNeedsTheFixSafetyChecklist() {
        long id = declare("checkout");
        post(id, "/transitions", "{\"status\":\"FIX_IN_PROGRESS\"}").then().statusCode(200);
        post(id, "/transitions", "{\"status\":\"DEPLOYED\"}").then().statusCode(409)
                .body("detail", containsString("blast radius not assessed"))
                .body("extensions.missing", hasItem(containsString("rollback")));
        post(id, "/transitions", "{\"status\":\"DEPLOYED\",\"force\":true}").then().statusCode(400)
                .body("violations.field", hasItem("forceReason"));
        readyToDeploy(id);
        post(id, "/transitions", "{\"status\":\"DEPLOYED\"}").then().statusCode(200).body("phase", equalTo("VERIFY"));
    }

    @Test
    void forcedTransitionKeepsItsReasonOnTheTimeline() {
        long id = declare("checkout");
        post(id, "/transitions", "{\"status\":\"FIX_IN_PROGRESS\"}").then().statusCode(200);
        post(id, "/transitions", "{\"status\":\"DEPLOYED\",\"force\":true,\"forceReason\":\"hotfix approved by CTO\"}").then().statusCode(200);
        responder().when().get("/api/incidents/" + id + "/timeline").then().statusCode(200)
                .body("events.summary", hasItem(containsString("hotfix approved by CTO")));
    }

    @Test
    void resolvingSetsResolvedAtDurationsAndStopsTheCadence() {
        long id = declare("checkout");
        post(id, "/acknowledge", "").then().statusCode(200)
                .body("acknowledgedAt", notNullValue())
                .body("commander", equalTo("responder"))
                .body("responders", hasItem("responder"));
        post(id, "/transitions", "{\"status\":\"FIX_IN_PROGRESS\"}").then().statusCode(200);
        readyToDeploy(id);
        post(id, "/transitions", "{\"status\":\"DEPLOYED\"}").then().statusCode(200);
        post(id, "/transitions", "{\"status\":\"RESOLVED\"}").then().statusCode(200)
                .body("resolvedAt", notNullValue())
                .body("nextUpdateDue", nullValue())
                .body("overdue", equalTo(false))
                .body("durations.timeToResolveSeconds", notNullValue())
                .body("durations.timeToAcknowledgeSeconds", notNullValue());
        post(id, "/updates", "{\"scope\":\"all\"}").then().statusCode(409).body("detail", containsString("resolved"));
        post(id, "/transitions", "{\"status\":\"INVESTIGATING\"}").then().statusCode(409);
    }

    @Test
    void resolvingWithAnUnverifiedChangeIsRefused() {
        long id = declare("checkout");
        post(id, "/changes", "{\"description\":\"restart pods\",\"revertPlan\":\"none needed\"}").then().statusCode(201);
        post(id, "/transitions", "{\"status\":\"FIX_IN_PROGRESS\"}").then().statusCode(200);
        readyToDeploy(id);
        post(id, "/transitions", "{\"status\":\"DEPLOYED\"}").then().statusCode(200);
        post(id, "/transitions", "{\"status\":\"RESOLVED\"}").then().statusCode(409).body("detail", containsString("still unverified"));
    }

    @Test
    void timestampCorrectionIsAuditedOnTheTimeline() {
        long id = declare("checkout");
        Instant detected = Instant.parse(get(id).getString("detectedAt"));
        Instant started = detected.minus(Duration.ofMinutes(17));
        post(id, "/timestamp-corrections", "{\"field\":\"impactStartedAt\",\"value\":\"" + started + "\",\"reason\":\"deploy at 09:44 per git log\"}")
                .then().statusCode(200)
                .body("impactStartedAt", equalTo(started.toString()))
                .body("durations.timeToDetectSeconds", equalTo(17 * 60));
        responder().when().get("/api/incidents/" + id + "/timeline").then().statusCode(200)
                .body("events.find { it.type == 'TIMESTAMP_CORRECTED' }.summary", containsString("deploy at 09:44 per git log"))
                .body("events.find { it.type == 'TIMESTAMP_CORRECTED' }.actor", equalTo("responder"));
    }

    @Test
    void timestampsOutOfOrderAreRejectedAndNothingIsWritten() {
        long id = declare("checkout");
        JsonPath before = get(id);
        Instant detected = Instant.parse(before.getString("detectedAt"));
        post(id, "/timestamp-corrections", "{\"field\":\"impactStartedAt\",\"value\":\"" + detected.plusSeconds(30) + "\",\"reason\":\"typo\"}")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("detectedAt"))
                .body("detail", containsString("out of order"));
        JsonPath after = get(id);
        assertEquals(before.getLong("version"), after.getLong("version"));
        assertEquals(null, after.getString("impactStartedAt"));
    }

    @Test
    void unknownEnumValueIsNamedInProblem() {
        long id = declare("checkout");
        post(id, "/transitions", "{\"status\":\"PANICKING\"}").then().statusCode(400)
                .contentType("application/problem+json").body("violations.field", hasItem("status"));
        responder().when().get("/api/incidents?status=PANICKING").then().statusCode(400).body("violations.field", hasItem("status"));
    }

    @Test
    void bodyOverTheSizeLimitIsRefusedWith413AndNothingIsWritten() {
        // refused from its Content-Length before JAX-RS runs (platform-problem BodyLimitProblem): still a problem
        long id = declare("checkout");
        String huge = "{\"summary\":\"" + "x".repeat(1_100_000) + "\"}";
        post(id, "/timeline", huge).then().statusCode(413).contentType("application/problem+json")
                .body("status", equalTo(413)).body("title", equalTo("Content Too Large"))
                .body("instance", equalTo("/api/incidents/" + id + "/timeline"));
        assertEquals(1, responder().when().get("/api/incidents/" + id + "/timeline").then().extract().jsonPath().getList("events").size());
    }

    @Test
    void chunkedBodyOverTheSizeLimitIsTheSameProblem413AndNothingIsWritten() {
        // no Content-Length: the size is only known while the body is read (platform-problem ChunkedBodyLimit)
        long id = declare("checkout");
        ChunkedPost.Answer a = ChunkedPost.send(baseUri.resolve("/api/incidents/" + id + "/timeline"), KeycloakTokens.user("responder"),
                "application/json", "{\"summary\":\"", 1_100_000, "\"}");
        assertEquals(413, a.status(), a.toString());
        assertEquals("application/problem+json", a.mediaType(), a.toString());
        assertTrue(a.body().contains("\"status\":413") && a.body().contains("\"title\":\"Content Too Large\"")
                && a.body().contains("\"instance\":\"/api/incidents/" + id + "/timeline\""), a.toString());
        assertEquals(1, responder().when().get("/api/incidents/" + id + "/timeline").then().extract().jsonPath().getList("events").size());
        // under the limit, the same chunked way, the body is read and written
        ChunkedPost.Answer small = ChunkedPost.send(baseUri.resolve("/api/incidents/" + id + "/timeline"), KeycloakTokens.user("responder"),
                "application/json", "{\"summary\":\"", 2000, "\"}");
        assertEquals(201, small.status(), small.toString());
    }

    @Test
    void noTokenBadTokenAndMissingRoleAreProblems() {
        given().when().get("/api/incidents").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json").body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
        given().auth().oauth2("not.a.token").when().get("/api/incidents").then().statusCode(401).header("WWW-Authenticate", "Bearer")
                .contentType("application/problem+json").body("status", equalTo(401)).body("instance", equalTo("/api/incidents"));
        given().auth().oauth2(KeycloakTokens.user("responder")).when().get("/api/changes").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403)).body("title", equalTo("Forbidden"));
        given().when().get("/q/health").then().statusCode(200);
    }

    @Test
    void wrongContentTypeOnAWriteIsProblem415() {
        long id = declare("checkout");
        given().auth().oauth2(KeycloakTokens.user("responder")).contentType(ContentType.TEXT).body("status=RESOLVED")
                .when().post("/api/incidents/" + id + "/transitions").then().statusCode(415).contentType("application/problem+json");
    }

    // ---------------------------------------------------------------- triage

    @Test
    void triageComputesPriorityWithReasons() {
        long id = declare("checkout");
        post(id, "/triage", P0_TRIAGE).then().statusCode(200)
                .body("priority", equalTo("P0"))
                .body("triage.computedPriority", equalTo("P0"))
                .body("triage.reasons", hasItem(containsString("completely down")))
                .body("triage.override", nullValue())
                .body("phase", equalTo("CONTAIN"));
    }

    @Test
    void overrideKeepsItsReasonAndRetriageKeepsHistory() {
        long id = declare("checkout");
        post(id, "/triage", P1_TRIAGE).then().statusCode(200).body("priority", equalTo("P1"));
        post(id, "/triage/override", "{\"priority\":\"P0\",\"reason\":\"biggest customer affected, contract penalty\"}").then().statusCode(200)
                .body("priority", equalTo("P0"))
                .body("triage.computedPriority", equalTo("P1"))
                .body("triage.override.priority", equalTo("P0"))
                .body("triage.override.reason", equalTo("biggest customer affected, contract penalty"))
                .body("triage.override.by", equalTo("responder"));
        post(id, "/triage", P0_TRIAGE).then().statusCode(200).body("priority", equalTo("P0"));
        responder().when().get("/api/incidents/" + id + "/triage").then().statusCode(200)
                .body("$", hasSize(3))
                .body("[0].computedPriority", equalTo("P1"))
                .body("[1].override.reason", equalTo("biggest customer affected, contract penalty"))
                .body("[2].computedPriority", equalTo("P0"));
    }

    @Test
    void overrideBeforeTriageIsConflict() {
        long id = declare("checkout");
        post(id, "/triage/override", "{\"priority\":\"P0\",\"reason\":\"x\"}").then().statusCode(409)
                .body("detail", containsString("not been triaged"));
    }

    @Test
    void triageMissingAnswersAreNamed() {
        long id = declare("checkout");
        post(id, "/triage", "{\"scope\":\"ALL_USERS\"}").then().statusCode(400)
                .body("violations.field", hasItem("effect"))
                .body("violations.field", hasItem("revenue"));
    }

    // ---------------------------------------------------------------- status updates

    @Test
    void statusUpdateFollowsTheCadenceAndRendersTheTemplate() {
        long id = declare("checkout");
        post(id, "/triage", P0_TRIAGE).then().statusCode(200);
        JsonPath u = post(id, "/updates", """
                {"scope":"~15% of users (those with promo codes)",
                 "tried":[{"what":"Checked database - no issues","result":"RULED_OUT"},{"what":"Rolling back","result":"DID_NOT_HELP"}],
                 "nextSteps":[{"action":"Add null check to PromoValidator","etaMinutes":5}],
                 "workaround":"Users can checkout without promo codes"}
                """).then().statusCode(201).extract().jsonPath();
        Instant posted = Instant.parse(u.getString("postedAt"));
        Instant next = Instant.parse(u.getString("nextUpdateAt"));
        assertEquals(Duration.ofMinutes(15), Duration.between(posted, next));
        assertEquals(1, u.getInt("seq"));
        String text = u.getString("text");
        assertTrue(text.contains(" - P0 Issue Update\nSTATUS: Investigating\nWHAT WE KNOW:\n- Symptom: HTTP 500 on /checkout\n"), text);
        assertTrue(text.contains("- ❌ Rolling back\n"), text);
        assertTrue(text.contains("- Add null check to PromoValidator (ETA: 5 min)\n"), text);
        assertTrue(text.contains("WORKAROUND: Users can checkout without promo codes\nNEXT UPDATE: "), text);
        JsonPath incident = get(id);
        assertEquals(next.toString(), incident.getString("nextUpdateDue"));
        assertEquals(1, incident.getList("statusUpdates").size());
        responder().when().get("/api/incidents/" + id + "/updates").then().statusCode(200)
                .body("[0].tried[0].result", equalTo("RULED_OUT"))
                .body("[0].text", containsString("P0 Issue Update"));
    }

    @Test
    void nextUpdateLaterThanTheCadenceIsRejected() {
        long id = declare("checkout");
        post(id, "/triage", P1_TRIAGE).then().statusCode(200);
        post(id, "/updates", "{\"nextUpdateAt\":\"" + Instant.now().plus(Duration.ofMinutes(45)) + "\"}").then().statusCode(400)
                .body("violations.field", hasItem("nextUpdateAt"))
                .body("detail", containsString("every 30 minutes"));
    }

    @Test
    void statusUpdateCanMoveTheStatus() {
        long id = declare("checkout");
        post(id, "/updates", "{\"status\":\"ROOT_CAUSE_FOUND\"}").then().statusCode(201).body("status", equalTo("ROOT_CAUSE_FOUND"));
        post(id, "/updates", "{\"status\":\"RESOLVED\"}").then().statusCode(409);
        assertEquals(1, get(id).getList("statusUpdates").size());
    }

    @Test
    void overdueUpdateIsFlaggedOnTheIncidentAndInTheOpenList() {
        long id = declare("overdue-svc");
        post(id, "/updates", "{\"nextUpdateAt\":\"" + Instant.now().plusSeconds(2) + "\"}").then().statusCode(201);
        assertFalse(get(id).getBoolean("overdue"));
        await().atMost(Duration.ofSeconds(10)).until(() -> get(id).getBoolean("overdue"));
        assertTrue(get(id).getList("redFlags.code").contains("UPDATE_OVERDUE"));
        responder().when().get("/api/incidents?open=true&service=overdue-svc").then().statusCode(200)
                .body("items.find { it.id == " + id + " }.redFlags.code", hasItem("UPDATE_OVERDUE"));
    }

    @Test
    void hundredConcurrentStatusUpdatesAreAllRecordedInATotalOrder() throws Exception {
        long id = declare("checkout");
        String token = KeycloakTokens.user("responder");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int n = 0; n < 100; n++) {
            int k = n;
            results.add(pool.submit(() -> {
                start.await();
                return given().auth().oauth2(token).contentType(ContentType.JSON)
                        .body("{\"scope\":\"update " + k + "\"}").when().post("/api/incidents/" + id + "/updates")
                        .then().extract().statusCode();
            }));
        }
        start.countDown();
        for (Future<Integer> f : results) {
            assertEquals(201, f.get());
        }
        pool.shutdown();
        JsonPath all = responder().when().get("/api/incidents/" + id + "/updates").then().statusCode(200).extract().jsonPath();
        List<Integer> seqs = all.getList("seq", Integer.class);
        List<String> scopes = all.getList("scope", String.class);
        List<String> posted = all.getList("postedAt", String.class);
        assertEquals(100, seqs.size());
        assertEquals(100, new HashSet<>(scopes).size(), "every one of the 100 updates is recorded");
        for (int i = 0; i < 100; i++) {
            assertEquals(i + 1, seqs.get(i), "sequence is gapless");
            if (i > 0) {
                assertFalse(Instant.parse(posted.get(i)).isBefore(Instant.parse(posted.get(i - 1))), "seq order is time order");
            }
        }
        JsonPath incident = get(id);
        assertEquals(100, incident.getInt("statusUpdateCount"));
        assertEquals(50, incident.getList("statusUpdates").size(), "the snapshot carries the latest 50");
        assertEquals(posted.get(99), incident.getString("statusUpdates[49].postedAt"));
        assertEquals(51, incident.getInt("statusUpdates[0].seq"));
    }

    // ---------------------------------------------------------------- hypotheses and changes

    @Test
    void secondChangeWhileOneIsUnverifiedIsRefusedSayingWhy() {
        long id = declare("checkout");
        long h = post(id, "/hypotheses", """
                {"statement":"Database timeout is too low","prediction":"if we raise it to 30s, errors drop","howToTest":"raise timeout on one pod","timeBoxMinutes":15}
                """).then().statusCode(201).body("outcome", equalTo("OPEN")).body("timeBoxEndsAt", notNullValue())
                .extract().jsonPath().getLong("id");
        long c = post(id, "/changes", "{\"description\":\"timeout 5s -> 30s\",\"hypothesisId\":" + h + ",\"revertPlan\":\"set back to 5s\"}")
                .then().statusCode(201).body("outcome", equalTo("PENDING")).extract().jsonPath().getLong("id");
        post(id, "/changes", "{\"description\":\"also bump pool size\",\"hypothesisId\":" + h + ",\"revertPlan\":\"set back\"}")
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("One change at a time"))
                .body("detail", containsString("timeout 5s -> 30s"))
                .body("extensions.pendingChangeId", equalTo((int) c));
        post(id, "/changes", "{\"description\":\"also bump pool size\",\"hypothesisId\":" + h
                + ",\"revertPlan\":\"set back\",\"force\":true,\"forceReason\":\"pool exhausted, cannot wait\"}")
                .then().statusCode(201).body("forced", equalTo(true)).body("forceReason", equalTo("pool exhausted, cannot wait"));
        post(id, "/changes/" + c + "/outcome", "{\"outcome\":\"IMPROVED\"}").then().statusCode(200).body("outcome", equalTo("IMPROVED"));
        post(id, "/changes/" + c + "/outcome", "{\"outcome\":\"WORSE\"}").then().statusCode(409);
        post(id, "/hypotheses/" + h + "/outcome", "{\"outcome\":\"CONFIRMED\"}").then().statusCode(200).body("outcome", equalTo("CONFIRMED"));
        assertTrue(get(id).getList("redFlags.code").isEmpty(), "no red flags: every change had a hypothesis");
    }

    @Test
    void fourChangesWithoutImprovementRaiseTheRedFlag() {
        long id = declare("checkout");
        long h = post(id, "/hypotheses", "{\"statement\":\"cache too small\",\"prediction\":\"bigger cache, fewer misses\",\"howToTest\":\"resize\"}")
                .then().statusCode(201).extract().jsonPath().getLong("id");
        for (int i = 1; i <= 4; i++) {
            long c = post(id, "/changes", "{\"description\":\"attempt " + i + "\",\"hypothesisId\":" + h + ",\"revertPlan\":\"undo\"}")
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            post(id, "/changes/" + c + "/outcome", "{\"outcome\":\"NO_EFFECT\"}").then().statusCode(200);
            List<String> codes = get(id).getList("redFlags.code");
            assertEquals(i > 3, codes.contains("CHANGES_WITHOUT_IMPROVEMENT"), "after " + i + " failed changes: " + codes);
        }
    }

    @Test
    void changeWithoutHypothesisIsFlagged() {
        long id = declare("checkout");
        long c = post(id, "/changes", "{\"description\":\"restart everything\",\"revertPlan\":\"none\"}").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        JsonPath incident = get(id);
        assertEquals(List.of("CHANGE_WITHOUT_HYPOTHESIS"), incident.getList("redFlags.code"));
        assertTrue(incident.getString("redFlags[0].message").contains(String.valueOf(c)));
    }

    @Test
    void changeMustNameAHypothesisOfThisIncident() {
        long id = declare("checkout");
        post(id, "/changes", "{\"description\":\"x\",\"hypothesisId\":999999,\"revertPlan\":\"y\"}").then().statusCode(400)
                .body("violations.field", hasItem("hypothesisId"));
        post(id, "/changes", "{\"description\":\"x\"}").then().statusCode(400).body("violations.field", hasItem("revertPlan"));
    }

    @Test
    void containmentActionMitigatesAndMovesToContain() {
        long id = declare("checkout");
        post(id, "/containment", "{\"kind\":\"ROLLBACK\",\"description\":\"roll back to 2.4.1\",\"mitigated\":true}").then().statusCode(201)
                .body("kind", equalTo("ROLLBACK"));
        JsonPath incident = get(id);
        assertEquals("CONTAIN", incident.getString("phase"));
        assertTrue(incident.getString("mitigatedAt") != null);
        assertEquals("ROLLBACK", incident.getString("containmentActions[0].kind"));
    }

    // ---------------------------------------------------------------- timeline, feed

    @Test
    void timelineRecordsEveryStepWithActorAndTime() {
        long id = declare("checkout");
        post(id, "/triage", P1_TRIAGE).then().statusCode(200);
        post(id, "/updates", "{}").then().statusCode(201);
        responder().body("{\"summary\":\"paged the DBA\"}").when().post("/api/incidents/" + id + "/timeline").then().statusCode(201);
        responder().when().get("/api/incidents/" + id + "/timeline").then().statusCode(200)
                .body("events.type", equalTo(List.of("DECLARED", "TRIAGED", "STATUS_UPDATE", "NOTE")))
                .body("events[0].actor", equalTo("service-account-hindsight-runbook"))
                .body("events[1].actor", equalTo("responder"))
                .body("events.at", not(hasItem(nullValue())));
    }

    @Test
    void everyChangeWritesTheFullSnapshotToTheFeed() {
        String indexer = KeycloakTokens.serviceAccount("hindsight-search", "hindsight-search-local-secret");
        long id = declare("checkout");
        long head = given().auth().oauth2(indexer).when().get("/api/changes?after=0&limit=1").then().extract().jsonPath().getLong("headSeq");
        post(id, "/triage", P0_TRIAGE).then().statusCode(200);
        post(id, "/updates", "{}").then().statusCode(201);
        JsonPath feed = given().auth().oauth2(indexer).when().get("/api/changes?after=" + head + "&limit=100").then().statusCode(200)
                .extract().jsonPath();
        List<String> ids = feed.getList("changes.entityId");
        int last = ids.lastIndexOf(String.valueOf(id));
        assertTrue(last >= 1);
        assertEquals("P0", feed.getString("changes[" + last + "].payload.priority"));
        assertEquals(1, feed.getList("changes[" + last + "].payload.statusUpdates").size());
        assertEquals(get(id).getLong("version"), feed.getLong("changes[" + last + "].payload.version"));
        assertTrue(feed.getString("changes[" + last + "].payload.triage.reasons[0]").length() > 0);
    }

    // ---------------------------------------------------------------- runbooks: ETag, idempotency, list

    @Test
    void staleIfMatchIsConflictWithTheCurrentVersion() {
        long id = declare("checkout");
        String etag = responder().when().get("/api/incidents/" + id).then().extract().header("ETag");
        responder().header("If-Match", etag).body("{\"title\":\"first edit\"}").when().patch("/api/incidents/" + id).then().statusCode(200);
        long current = get(id).getLong("version");
        responder().header("If-Match", etag).body("{\"title\":\"second edit\"}").when().patch("/api/incidents/" + id).then().statusCode(409)
                .contentType("application/problem+json")
                .body("extensions.currentVersion", equalTo((int) current))
                .header("ETag", containsString(String.valueOf(current)));
        assertEquals("first edit", get(id).getString("title"));
    }

    @Test
    void twoConcurrentEditsFromTheSameVersionOneWins() throws Exception {
        long id = declare("checkout");
        String etag = responder().when().get("/api/incidents/" + id).then().extract().header("ETag");
        String token = KeycloakTokens.user("responder");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> codes = new ArrayList<>();
        for (String title : List.of("edit A", "edit B")) {
            codes.add(pool.submit(() -> {
                start.await();
                return given().auth().oauth2(token).contentType(ContentType.JSON).header("If-Match", etag)
                        .body("{\"title\":\"" + title + "\"}").when().patch("/api/incidents/" + id).then().extract().statusCode();
            }));
        }
        start.countDown();
        List<Integer> got = new ArrayList<>();
        for (Future<Integer> f : codes) {
            got.add(f.get());
        }
        pool.shutdown();
        got.sort(Integer::compareTo);
        assertEquals(List.of(200, 409), got);
    }

    @Test
    void retriedDeclarationWithTheSameIdempotencyKeyReturnsTheFirstIncident() {
        String key = UUID.randomUUID().toString();
        String body = "{\"title\":\"Idempotent\",\"symptom\":\"s\",\"service\":\"idem\"}";
        Response first = given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).when().post("/api/incidents");
        first.then().statusCode(201);
        given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(body).when().post("/api/incidents").then().statusCode(201)
                .header("Location", equalTo(first.header("Location")))
                .header("Idempotent-Replayed", "true")
                .body("id", equalTo(first.jsonPath().getInt("id")));
        given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body("{\"title\":\"Other\",\"symptom\":\"s\",\"service\":\"idem\"}").when().post("/api/incidents").then().statusCode(422)
                .contentType("application/problem+json");
    }

    @Test
    void concurrentRetriesWithOneIdempotencyKeyCreateOneIncident() throws Exception {
        String key = UUID.randomUUID().toString();
        String service = "idem-" + key.substring(0, 8);
        String token = KeycloakTokens.runbook();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> results = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            results.add(pool.submit(() -> {
                start.await();
                return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", key)
                        .body("{\"title\":\"Once\",\"symptom\":\"s\",\"service\":\"" + service + "\"}").when().post("/api/incidents");
            }));
        }
        start.countDown();
        Set<Integer> ids = new HashSet<>();
        for (Future<Response> f : results) {
            Response r = f.get();
            assertEquals(201, r.statusCode(), r.asString());
            ids.add(r.jsonPath().getInt("id"));
        }
        pool.shutdown();
        assertEquals(1, ids.size());
        responder().when().get("/api/incidents?service=" + service).then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void retriedStatusUpdateWithTheSameKeyIsRecordedOnce() {
        long id = declare("checkout");
        String key = UUID.randomUUID().toString();
        int first = responder().header("Idempotency-Key", key).body("{\"scope\":\"all\"}").when().post("/api/incidents/" + id + "/updates")
                .then().statusCode(201).extract().jsonPath().getInt("id");
        responder().header("Idempotency-Key", key).body("{\"scope\":\"all\"}").when().post("/api/incidents/" + id + "/updates")
                .then().statusCode(201).body("id", equalTo(first)).header("Idempotent-Replayed", "true");
        assertEquals(1, get(id).getList("statusUpdates").size());
    }

    @Test
    void retriedHypothesisChangeContainmentAndNoteWithTheSameKeyAreRecordedOnce() {
        long id = declare("checkout");
        String[][] creates = {
                {"/hypotheses", "{\"statement\":\"pool exhausted\",\"prediction\":\"active = max\",\"howToTest\":\"pool metric\"}", "hypotheses"},
                {"/changes", "{\"description\":\"raise the pool\",\"revertPlan\":\"set it back\",\"force\":true,\"forceReason\":\"test\"}", "changes"},
                {"/containment", "{\"kind\":\"SCALE_UP\",\"description\":\"2 more pods\"}", "containmentActions"},
        };
        for (String[] c : creates) {
            String key = UUID.randomUUID().toString();
            long first = responder().header("Idempotency-Key", key).body(c[1]).when().post("/api/incidents/" + id + c[0])
                    .then().statusCode(201).extract().jsonPath().getLong("id");
            responder().header("Idempotency-Key", key).body(c[1]).when().post("/api/incidents/" + id + c[0])
                    .then().statusCode(201).body("id", equalTo((int) first)).header("Idempotent-Replayed", "true");
            assertEquals(1, get(id).getList(c[2]).size(), c[0] + " recorded once");
            responder().header("Idempotency-Key", key).body(c[1].replace("\"}", " (changed)\"}")).when().post("/api/incidents/" + id + c[0])
                    .then().statusCode(422).contentType("application/problem+json");
        }
        String key = UUID.randomUUID().toString();
        for (int k = 0; k < 2; k++) {
            responder().header("Idempotency-Key", key).body("{\"summary\":\"paged the DBA\"}").when().post("/api/incidents/" + id + "/timeline")
                    .then().statusCode(201);
        }
        assertEquals(1, responder().when().get("/api/incidents/" + id + "/timeline").then().statusCode(200).extract().jsonPath()
                .getList("events.findAll { it.summary == 'paged the DBA' }").size());
    }

    @Test
    void listFiltersAndPagesWithACursor() {
        String svc = "filter-" + UUID.randomUUID().toString().substring(0, 8);
        long a = declare(svc);
        long b = declare(svc);
        long c = declare(svc);
        post(b, "/triage", P0_TRIAGE).then().statusCode(200);
        responder().body("{\"drill\":true}").when().patch("/api/incidents/" + c).then().statusCode(200);
        responder().when().get("/api/incidents?service=" + svc + "&priority=P0").then().statusCode(200)
                .body("items.id", equalTo(List.of((int) b)));
        responder().when().get("/api/incidents?service=" + svc + "&drill=true").then().statusCode(200)
                .body("items.id", equalTo(List.of((int) c)));
        responder().when().get("/api/incidents?service=" + svc + "&open=false").then().statusCode(200).body("items", hasSize(0));
        responder().when().get("/api/incidents?service=" + svc + "&since=" + Instant.now().plusSeconds(3600)).then().statusCode(200)
                .body("items", hasSize(0));
        String cursor = responder().when().get("/api/incidents?service=" + svc + "&limit=2").then().statusCode(200)
                .body("items.id", equalTo(List.of((int) c, (int) b))).extract().jsonPath().getString("nextCursor");
        responder().when().get("/api/incidents?service=" + svc + "&limit=2&cursor=" + cursor).then().statusCode(200)
                .body("items.id", equalTo(List.of((int) a)))
                .body("nextCursor", nullValue());
        responder().when().get("/api/incidents?since=yesterday").then().statusCode(400).body("violations.field", hasItem("since"));
    }

    @Test
    void leaderMayReadButNotWork() {
        long id = declare("checkout");
        given().auth().oauth2(KeycloakTokens.user("leader")).when().get("/api/incidents/" + id + "/timeline").then().statusCode(200);
        given().auth().oauth2(KeycloakTokens.user("leader")).contentType(ContentType.JSON).body("{}")
                .when().post("/api/incidents/" + id + "/updates").then().statusCode(403);
    }
}
