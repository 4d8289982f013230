package io.hindsight.incident;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.hindsight.changefeed.ChangeFeedCompaction;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The feed does not grow without bound: entries superseded by a later entry of the same entity and older than the
 * retention are deleted; the latest entry of every entity stays, however old, and recent history stays whole.
 */
@QuarkusTest
class ChangeFeedCompactionTest {

    @Inject
    ChangeFeedCompaction compaction;

    @Inject
    AgroalDataSource db;

    private static String indexer() {
        return KeycloakTokens.serviceAccount("hindsight-search", "hindsight-search-local-secret");
    }

    private static long declare(String title) {
        return given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body("{\"title\":\"" + title + "\",\"symptom\":\"disk full on db-1\",\"service\":\"db\"}")
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static void update(long id, String scope) {
        given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON).body("{\"scope\":\"" + scope + "\"}")
                .when().post("/api/incidents/" + id + "/updates").then().statusCode(201);
    }

    private List<Long> seqs(long id) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("select seq from change_feed where entity_type = 'incident' and entity_id = ? order by seq")) {
            s.setString(1, String.valueOf(id));
            List<Long> out = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getLong(1));
                }
            }
            return out;
        }
    }

    private void backdate(long id, Duration by) throws Exception {
        try (Connection c = db.getConnection();
             PreparedStatement s = c.prepareStatement("update change_feed set recorded_at = recorded_at - make_interval(secs => ?)"
                     + " where entity_type = 'incident' and entity_id = ?")) {
            s.setDouble(1, by.toSeconds());
            s.setString(2, String.valueOf(id));
            s.executeUpdate();
        }
    }

    @Test
    void oldSupersededEntriesGoTheLatestOfEachEntityAndRecentHistoryStay() throws Exception {
        long old = declare("Compaction: long over");
        update(old, "first");
        update(old, "second");
        update(old, "third");
        long alone = declare("Compaction: one old entry");
        long recent = declare("Compaction: this week");
        update(recent, "recent");
        // the reader's GET numbers the outbox rows into the feed
        given().auth().oauth2(indexer()).when().get("/api/changes?after=0&limit=1").then().statusCode(200);
        List<Long> oldBefore = seqs(old);
        assertEquals(4, oldBefore.size(), "declared and three updates: " + oldBefore);
        assertEquals(1, seqs(alone).size());
        assertEquals(2, seqs(recent).size());
        backdate(old, Duration.ofDays(8));
        backdate(alone, Duration.ofDays(30));

        long deleted = compaction.compact(Instant.now().minus(Duration.ofDays(7)));

        assertTrue(deleted >= 3, "at least the three superseded entries of the old incident: " + deleted);
        assertEquals(List.of(oldBefore.get(3)), seqs(old), "only the old incident's latest entry is left");
        assertEquals(1, seqs(alone).size(), "an entity's only entry stays, however old");
        assertEquals(2, seqs(recent).size(), "history younger than the retention stays whole");
        assertEquals(0, compaction.compact(Instant.now().minus(Duration.ofDays(7))), "nothing more to delete");

        // a reader starting before all of it (a rebuild) still gets the latest state of the old incident
        JsonPath page = given().auth().oauth2(indexer()).when().get("/api/changes?after=" + (oldBefore.get(0) - 1) + "&limit=1000")
                .then().statusCode(200).extract().jsonPath();
        List<String> ids = page.getList("changes.entityId", String.class);
        int at = ids.indexOf(String.valueOf(old));
        assertTrue(at >= 0, "the old incident is still in the feed");
        assertEquals(3, page.getInt("changes[" + at + "].payload.statusUpdateCount"), "its latest snapshot, with all three updates");
        assertEquals(ids.lastIndexOf(String.valueOf(old)), at, "once");
    }
}
