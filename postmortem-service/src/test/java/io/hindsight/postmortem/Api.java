package io.hindsight.postmortem;

import static io.restassured.RestAssured.given;

import io.hindsight.testsupport.KeycloakTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Small helpers shared by the HTTP tests: requests as a demo user, a draft, a complete document. */
public final class Api {

    private Api() {
    }

    public static RequestSpecification as(String user) {
        return given().auth().oauth2(KeycloakTokens.user(user)).contentType(ContentType.JSON);
    }

    public static long draft(String title) {
        return as("author").body("{\"title\":\"" + title + "\",\"summary\":\"Checkout failed for promo codes\"}")
                .when().post("/api/postmortems").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static ExtractableResponse<Response> get(String user, long id) {
        return as(user).when().get("/api/postmortems/" + id).then().extract();
    }

    public static long version(long id) {
        return get("author", id).jsonPath().getLong("version");
    }

    /** A complete document: every section filled, the checklist ticked or not. */
    public static String document(String title, boolean checklistComplete, String noActionItemsReason) {
        String tick = String.valueOf(checklistComplete);
        return """
                {"title": "%s",
                 "summary": "Checkout **failed** for 35 minutes after release 2.4.1.",
                 "impact": {"users": "All EU shoppers", "durationMinutes": 35, "revenue": "~12k EUR", "sla": "99.9%% monthly breached"},
                 "timeline": [
                   {"at": "2026-03-01T09:50:00Z", "actor": "alice", "type": "ACTION", "summary": "Rolled back to 2.4.0"},
                   {"at": "2026-03-01T09:47:00Z", "actor": "alertmanager", "type": "ALERT", "summary": "p99 latency > 5s"}],
                 "rootCause": "An N+1 query added in 2.4.1 without an index exhausted the connection pool.",
                 "contributingFactors": ["MISSING_INDEX_SLOW_QUERY", "DEPLOY", "SHOTGUN_DEBUGGING"],
                 "detection": "Latency alert after 3 minutes.",
                 "wentWell": "Rollback was ready.", "wentBadly": "Two restarts before looking at pg_stat_activity.",
                 "prevention": "Query review in CI; index migration checks.",
                 "services": ["checkout", "postgres"], "priority": "P1", "categories": ["database", "deploy"],
                 "impactStartedAt": "2026-03-01T09:45:00Z", "resolvedAt": "2026-03-01T10:20:00Z",
                 "checklist": {"rootCauseExplained": %s, "fixAddressesCause": %s, "metricsConfirmResolution": %s,
                               "fixDocumented": %s, "preventionIdentified": %s},
                 "noActionItemsReason": %s}
                """.formatted(title, tick, tick, tick, tick, tick,
                noActionItemsReason == null ? "null" : "\"" + noActionItemsReason + "\"");
    }

    public static long save(long id, long version, String body) {
        return as("author").header("If-Match", "\"" + version + "\"").body(body)
                .when().put("/api/postmortems/" + id).then().statusCode(200).extract().jsonPath().getLong("version");
    }
}
