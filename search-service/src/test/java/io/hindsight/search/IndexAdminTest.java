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
    void onlyAdminsMayRebuild() {
        given().auth().oauth2(KeycloakTokens.user("leader")).when().post("/api/admin/index/rebuild").then().statusCode(403);
        given().auth().oauth2(KeycloakTokens.runbook()).when().get("/api/admin/index/rebuild").then().statusCode(403);
    }
}
