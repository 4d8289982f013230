package io.hindsight.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.search.index.IndexWriterLifecycle.QueryTimedOut;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.util.Map;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.WildcardQuery;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A query that runs past {@code hindsight.search.query-timeout} is stopped and answered 503 with Retry-After and a
 * problem, never with partial results: here every query is made "slow" by a timeout of one nanosecond (a deadline that
 * has passed before the first document is scored), for search, similar incidents and the trend reports; and directly,
 * with an expired deadline, for scoring and for a wildcard's term expansion.
 */
@QuarkusTest
@TestProfile(QueryTimeoutTest.OneNanosecond.class)
class QueryTimeoutTest {

    public static class OneNanosecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("hindsight.search.query-timeout", "PT0.000000001S");
        }
    }

    @Inject
    IndexWriterLifecycle index;

    @Inject
    ChangeFeedIndexer indexer;

    @BeforeEach
    void indexSomeIncidents() {
        index.clear();
        indexer.poll(new InMemoryFeed("incidents")
                .incident(1, "Checkout failing with 500", "NullPointerException in PromoValidator for checkout users", "checkout")
                .incident(2, "Checkout latency", "checkout API latency 15000ms, database CPU 98%", "checkout")
                .incident(3, "Memory leak", "checkout crashes every 2 hours under load", "checkout"));
    }

    @Test
    void aSearchPastItsTimeIsA503ProblemWithRetryAfterAndNoHits() {
        given().auth().oauth2(KeycloakTokens.runbook())
                .when().get("/api/search?q=checkout")
                .then().statusCode(503).contentType("application/problem+json")
                .header("Retry-After", "5")
                .body("status", equalTo(503)).body("title", equalTo("Service Unavailable"))
                .body("detail", containsString("did not finish within 0 ms")).body("detail", containsString("no partial results"))
                .body("instance", equalTo("/api/search")).body("extensions.timeoutMs", equalTo(0))
                .body("hits", nullValue()).body("total", nullValue());
    }

    @Test
    void aWildcardSearchPastItsTimeIsTheSame503() {
        given().auth().oauth2(KeycloakTokens.runbook())
                .when().get("/api/search?q=chec*")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5");
    }

    @Test
    void similarIncidentsPastTheirTimeAreTheSame503() {
        given().auth().oauth2(KeycloakTokens.user("responder")).contentType("application/json")
                .body("{\"symptom\":\"checkout fails with NullPointerException in PromoValidator\"}")
                .when().post("/api/search/similar")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                .body("instance", equalTo("/api/search/similar")).body("matches", nullValue());
    }

    @Test
    void aTrendReportPastItsTimeIsTheSame503NotPartialCounts() {
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("interval", "month")
                .when().get("/api/reports/incidents")
                .then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                .body("instance", equalTo("/api/reports/incidents"));
    }

    @Test
    void anExpiredDeadlineStopsScoringAndTermExpansionAndALiveOneDoesNot() {
        TermQuery term = new TermQuery(new Term("ops", "checkout"));
        WildcardQuery wildcard = new WildcardQuery(new Term("ops", "c*"));
        assertThrows(QueryTimedOut.class, () -> index.withSearcher(s -> s.search(term, 10), () -> true));
        assertThrows(QueryTimedOut.class, () -> index.withSearcher(s -> s.search(wildcard, 10), () -> true));
        assertEquals(3, index.withSearcher(s -> s.search(term, 10), () -> false).totalHits.value);
        assertEquals(3, index.withSearcher(s -> s.search(wildcard, 10), () -> false).totalHits.value);
    }
}
