package io.hindsight.changefeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A stored payload with a lone surrogate, raw or escaped, becomes well-formed JSON when the feed serves it. */
class FeedTextTest {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private static ChangePage page(String payload) {
        return new ChangePage(List.of(new ChangeFeedEntry(1, "incident", "1", "upsert", Instant.EPOCH, payload)), 1, 1, false);
    }

    @Test
    void aRawLoneSurrogateMadeThePageFailHalfWayAndIsNowReplaced() throws Exception {
        String raw = "{\"title\":\"x \uD800\"}";
        // what GET /api/changes did with such an entry: the page could not be written (streamed: a truncated 200)
        assertThrows(JsonProcessingException.class, () -> JSON.writeValueAsBytes(page(raw)));
        byte[] served = JSON.writeValueAsBytes(page(FeedText.wellFormed(raw)));
        assertEquals("x \uFFFD", JSON.readTree(served).path("changes").get(0).path("payload").path("title").asText());
    }

    @Test
    void escapedLoneSurrogatesAreReplacedAndEverythingElseIsKept() throws Exception {
        assertEquals("{\"a\":\"\\uFFFD\",\"b\":\"\\uFFFD x\",\"c\":\"\\ud83d\\udca5\",\"d\":\"\\\\ud800\",\"e\":\"\\uFFFD\\uFFFD\"}",
                FeedText.wellFormed("{\"a\":\"\\ud800\",\"b\":\"\\uDC00 x\",\"c\":\"\\ud83d\\udca5\",\"d\":\"\\\\ud800\",\"e\":\"\\udbff\\udbff\"}"));
        assertEquals("{\"a\":\"xy\"}", FeedText.wellFormed("{\"a\":\"x\\u0000y\"}"));
        assertEquals("{\"a\":\"\uFFFD \uD83D\uDCA5 \uFFFD\"}", FeedText.wellFormed("{\"a\":\"\uDC00 \uD83D\uDCA5 \uD83D\"}"));
        String clean = "{\"a\":\"é 中文 \\u00e9 \\n \\\"\"}";
        assertSame(clean, FeedText.wellFormed(clean));
        JsonNode parsed = JSON.readTree(FeedText.wellFormed("{\"a\":\"\\ud800\\ud800\\udc00\"}"));
        assertEquals("\uFFFD\uD800\uDC00", parsed.path("a").asText());
    }

    @Test
    void aTruncatedEscapeAtTheEndIsLeftAlone() {
        assertEquals("\"\\ud8", FeedText.wellFormed("\"\\ud8"));
        assertEquals("\"\\uFFFD", FeedText.wellFormed("\"\\ud800"));
    }
}
