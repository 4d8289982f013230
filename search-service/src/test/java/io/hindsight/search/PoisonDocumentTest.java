package io.hindsight.search;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * Issue 14, finding 5: one entry the index cannot take must not stop the feed. Each of these stopped it for good
 * (the poll failed on the same change every time): a lesson with one 19,002-character word
 * ({@code immense term in field="suggest"}), a post-mortem with a 100,000-character summary, and a lone surrogate
 * in a historical payload. Each is now indexed and found by another word in it, and what follows it is indexed too.
 */
@QuarkusTest
class PoisonDocumentTest {

    @Inject
    IndexWriterLifecycle index;

    @Inject
    ChangeFeedIndexer indexer;

    private static void found(String q, String type, String id) {
        given().auth().oauth2(KeycloakTokens.user("author")).queryParam("q", q).when().get("/api/search")
                .then().statusCode(200).body("hits.findAll { it.type == '" + type + "' }.id", hasItem(id));
    }

    @Test
    void longWordLessonHugeSummaryAndLoneSurrogateAreIndexedAndSoIsWhatFollows() {
        index.clear();
        InMemoryFeed feed = new InMemoryFeed("postmortems")
                .upsert("lesson", 41, Payloads.lesson(41, "Canary the long word", "Ab" + "C".repeat(19_000) + " zeppelinmarker"))
                .upsert("postmortem", 42, Payloads.postmortem(42, null, "PUBLISHED", "Huge summary",
                        "Ab".repeat(25_000) + "Xy".repeat(25_000) + " quokkamarker " + "PromoValidator ".repeat(10),
                        "root", new String[]{"checkout"}, new String[]{"deploy"}))
                .upsert("lesson", 43, Payloads.lesson(43, "Lone \uD800 surrogate", "\uDC00 narwhalmarker \uD83D"))
                .upsert("lesson", 44, Payloads.lesson(44, "After the poison", "okapimarker"));
        int applied = indexer.poll(feed);
        assertEquals(4, applied, "every change applied in one poll");
        assertNull(indexer.status().stream().filter(f -> f.feed().equals("postmortems")).findFirst().orElseThrow().lastError(),
                "the feed has no error");
        found("zeppelinmarker", "lesson", "41");
        found("quokkamarker", "postmortem", "42");
        found("narwhalmarker", "lesson", "43");
        found("okapimarker", "lesson", "44");
    }
}
