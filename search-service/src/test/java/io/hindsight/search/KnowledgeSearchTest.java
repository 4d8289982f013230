package io.hindsight.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class KnowledgeSearchTest {

    @Inject
    IndexWriterLifecycle index;

    @Inject
    ChangeFeedIndexer indexer;

    @BeforeEach
    void load() {
        KnowledgeFixture.load(index, indexer);
    }

    private static io.restassured.specification.RequestSpecification as(String role) {
        return given().auth().oauth2(KeycloakTokens.user(role));
    }

    @Test
    void exceptionNameFindsTheIncidentFirst() {
        as("responder").queryParam("q", "NullPointerException").when().get("/api/search")
                .then().statusCode(200)
                .body("hits.id", hasItems("10", "13")) // the drill too: search shows drills, similar does not
                .body("hits.find { it.id == '10' }.snippet", containsString("<mark>NullPointerException</mark>"));
    }

    @Test
    void classNameInsideADottedNameAndItsCamelCasePartAreFindable() {
        as("responder").queryParam("q", "PromoValidator").when().get("/api/search")
                .then().statusCode(200).body("hits.id", hasItems("10", "7"));
        as("responder").queryParam("q", "validator").queryParam("type", "incident").when().get("/api/search")
                .then().statusCode(200).body("hits.id", hasItem("10"));
    }

    @Test
    void statusCodeHostnameSnakeCaseAndVersionAreFindable() {
        as("responder").queryParam("q", "503").queryParam("type", "incident").when().get("/api/search")
                .then().statusCode(200).body("hits[0].id", equalTo("10"));
        as("responder").queryParam("q", "db-01.prod.example.com").when().get("/api/search")
                .then().statusCode(200).body("hits[0].id", equalTo("11"));
        as("responder").queryParam("q", "ERR_HEAP_EXHAUSTED").when().get("/api/search")
                .then().statusCode(200).body("total", equalTo(1)).body("hits[0].id", equalTo("12"));
        as("responder").queryParam("q", "v2.3.1").queryParam("type", "incident").when().get("/api/search")
                .then().statusCode(200).body("hits[0].id", equalTo("10"));
    }

    @Test
    void phraseMatchesOnlyTheWordsInOrder() {
        as("responder").queryParam("q", "\"connection pool exhausted\"").when().get("/api/search")
                .then().statusCode(200).body("total", equalTo(1)).body("hits[0].id", equalTo("11"));
        as("responder").queryParam("q", "\"exhausted pool connection\"").when().get("/api/search")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void booleanOperatorsAndFieldValues() {
        as("responder").queryParam("q", "checkout AND NOT promo").queryParam("type", "incident").when().get("/api/search")
                .then().statusCode(200).body("hits.id", not(hasItem("10")));
        as("responder").queryParam("q", "service:orders-api OR service:indexer").queryParam("type", "incident").when().get("/api/search")
                .then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void draftsAreHiddenFromRespondersInsideTheQueryIncludingCountsAndFacets() {
        as("responder").queryParam("q", "connection pool").queryParam("facet", "type").when().get("/api/search")
                .then().statusCode(200)
                .body("hits.id", not(hasItem("8")))
                .body("hits.visibility", everyItem(equalTo("PUBLIC")))
                .body("facets.type.postmortem", equalTo(null));
        as("responder").queryParam("q", "missing index").queryParam("type", "action-item").when().get("/api/search")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void authorsAndAdminsSeeDrafts() {
        as("author").queryParam("q", "secret draft").when().get("/api/search")
                .then().statusCode(200).body("hits[0].id", equalTo("8")).body("hits[0].visibility", equalTo("DRAFT"));
        as("admin").queryParam("q", "missing index").queryParam("type", "action-item").when().get("/api/search")
                .then().statusCode(200).body("hits[0].id", equalTo("801"));
    }

    @Test
    void leadersSeePostmortemsInReviewButNotDrafts() {
        as("leader").queryParam("type", "postmortem").when().get("/api/search")
                .then().statusCode(200).body("hits.id", hasItems("7", "9")).body("hits.id", not(hasItem("8")));
    }

    @Test
    void filtersByTypeCategoryPriorityAndDateRange() {
        as("responder").queryParam("type", "postmortem").queryParam("category", "deploy").when().get("/api/search")
                .then().statusCode(200).body("total", equalTo(1)).body("hits[0].id", equalTo("7"));
        as("responder").queryParam("type", "incident").queryParam("priority", "P0,P2").when().get("/api/search")
                .then().statusCode(200).body("hits.id", hasItems("11", "12")).body("hits.id", not(hasItem("10")));
        as("responder").queryParam("type", "incident").queryParam("from", "2026-10-01").queryParam("to", "2026-10-31")
                .when().get("/api/search")
                .then().statusCode(200).body("total", equalTo(1)).body("hits[0].id", equalTo("11"));
    }

    @Test
    void facetCountsOverAllMatches() {
        as("admin").queryParam("facet", "type,priority").when().get("/api/search")
                .then().statusCode(200)
                .body("facets.type.incident", equalTo(4))
                .body("facets.type.postmortem", equalTo(3))
                .body("facets.type.lesson", equalTo(1))
                .body("facets.priority.P2", equalTo(2));
    }

    @Test
    void sortByRecencyPutsTheNewestFirst() {
        as("responder").queryParam("q", "checkout OR orders OR memory").queryParam("type", "incident").queryParam("sort", "recent")
                .when().get("/api/search")
                .then().statusCode(200).body("sort", equalTo("recent")).body("hits[0].id", equalTo("13")).body("hits[1].id", equalTo("12"));
    }

    @Test
    void paginationPagesThroughTheMatches() {
        as("admin").queryParam("limit", 2).queryParam("offset", 2).queryParam("sort", "recent").queryParam("type", "incident")
                .when().get("/api/search")
                .then().statusCode(200).body("total", equalTo(4)).body("hits.size()", equalTo(2)).body("hits[0].id", equalTo("11"));
    }

    @Test
    void titleWeighsMoreThanBody() {
        // "memory" is in the title of 12 only; "load" in the symptom of 12; "leak" only in its title
        as("responder").queryParam("q", "slow").queryParam("type", "incident").when().get("/api/search")
                .then().statusCode(200).body("hits[0].id", equalTo("11"));
    }

    @Test
    void badFiltersAreProblems400() {
        for (String[] bad : new String[][]{{"priority", "P9"}, {"type", "widget"}, {"from", "yesterday"}, {"sort", "best"},
                {"facet", "colour"}, {"status", "MAYBE"}}) {
            as("responder").queryParam(bad[0], bad[1]).when().get("/api/search")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        as("responder").queryParam("from", "2026-11-01").queryParam("to", "2026-10-01").when().get("/api/search")
                .then().statusCode(400).body("detail", containsString("after"));
    }

    @Test
    void queryGarbageUnknownFieldsAndHugeQueriesAre400() {
        for (String q : new String[]{"title:(unclosed", "\"unbalanced", "*leading", "AND OR", "colour:red", "x".repeat(2001)}) {
            as("responder").queryParam("q", q).when().get("/api/search")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        as("responder").queryParam("q", "a b c d e f g h i j k l m n o p q r s t u v w x y z ".repeat(12)).when().get("/api/search")
                .then().statusCode(400).body("detail", containsString("too many terms"));
    }

    @Test
    void deletingAPostmortemRemovesItsActionItems() {
        as("admin").queryParam("q", "canary").queryParam("type", "action-item").when().get("/api/search")
                .then().statusCode(200).body("hits.id", hasItem("701"));
        indexer.poll(new InMemoryFeed("postmortems-2").delete("postmortem", 7));
        as("admin").queryParam("q", "canary").queryParam("type", "action-item").when().get("/api/search")
                .then().statusCode(200).body("hits.id", not(hasItem("701"))).body("hits.id", hasItem("901"));
    }
}
