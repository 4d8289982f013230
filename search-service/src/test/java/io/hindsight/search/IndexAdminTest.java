package io.hindsight.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IndexAdminTest {

    @Inject
    IndexWriterLifecycle index;

    @Inject
    ChangeFeedIndexer indexer;

    @BeforeEach
    void load() {
        KnowledgeFixture.load(index, indexer);
    }

    @Test
    void rebuildEmptiesTheIndexAndReportsProgressUntilTheFeedsAreReadAgain() {
        given().auth().oauth2(KeycloakTokens.user("admin")).when().post("/api/admin/index/rebuild")
                .then().statusCode(202).body("documents", equalTo(0)).body("complete", equalTo(false));
        given().auth().oauth2(KeycloakTokens.user("admin")).when().get("/api/admin/index/rebuild")
                .then().statusCode(200).body("feeds.find { it.feed == 'incidents' }.cursor", equalTo(0))
                .body("feeds.find { it.feed == 'incidents' }.headSeq", equalTo(4));
        KnowledgeFixture.load(index, indexer); // what the poller does: read every feed from 0
        given().auth().oauth2(KeycloakTokens.user("admin")).when().get("/api/admin/index/rebuild")
                .then().statusCode(200).body("complete", equalTo(true)).body("documents", greaterThan(0))
                .body("feeds.find { it.feed == 'incidents' }.percent", equalTo(100.0f));
    }

    @Test
    void idsListsTheDocumentsOfATypeInIdOrderPagedAndCountsDuplicates() {
        KnowledgeFixture.load(index, indexer); // applied twice: upserts by uid, so still one document per incident
        given().auth().oauth2(KeycloakTokens.user("admin")).queryParam("type", "incident").queryParam("limit", 3)
                .when().get("/api/admin/index/ids")
                .then().statusCode(200).body("total", equalTo(4)).body("distinct", equalTo(4))
                .body("ids", org.hamcrest.Matchers.contains("10", "11", "12")).body("nextOffset", equalTo(3));
        given().auth().oauth2(KeycloakTokens.user("admin")).queryParam("type", "incident").queryParam("offset", 3)
                .when().get("/api/admin/index/ids")
                .then().statusCode(200).body("ids", org.hamcrest.Matchers.contains("13")).body("nextOffset", org.hamcrest.Matchers.nullValue());
        given().auth().oauth2(KeycloakTokens.user("admin")).queryParam("type", "nope").when().get("/api/admin/index/ids")
                .then().statusCode(400);
        given().auth().oauth2(KeycloakTokens.user("admin")).queryParam("type", "incident").queryParam("limit", 10_001)
                .when().get("/api/admin/index/ids").then().statusCode(400);
        given().auth().oauth2(KeycloakTokens.user("leader")).queryParam("type", "incident").when().get("/api/admin/index/ids")
                .then().statusCode(403);
    }

    @Test
    void onlyAdminsMayRebuild() {
        given().auth().oauth2(KeycloakTokens.user("leader")).when().post("/api/admin/index/rebuild").then().statusCode(403);
        given().auth().oauth2(KeycloakTokens.runbook()).when().get("/api/admin/index/rebuild").then().statusCode(403);
    }
}
