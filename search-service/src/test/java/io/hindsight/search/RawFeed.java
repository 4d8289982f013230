package io.hindsight.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hindsight.search.feed.FeedChange;
import io.hindsight.search.feed.FeedPage;
import io.hindsight.search.feed.FeedPageReader;
import io.hindsight.search.feed.FeedSource;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/**
 * A feed answered as the real ones are, a JSON body of GET /api/changes read by {@link FeedPageReader}, over the entries
 * of an {@link InMemoryFeed}; an entry can be made to break the pages that hold it the ways the services' feeds did.
 */
final class RawFeed implements FeedSource {

    enum Break {
        /** 200, the body cut inside the entry's payload and a problem document after it (a response failing half-way). */
        TRUNCATED,
        /** 400 problem for every page that holds the entry ("changes[N].payload invalid value"). */
        REFUSED,
        /** 200 with a body that is not JSON at all for every page that holds it. */
        GARBAGE
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final InMemoryFeed entries;
    private final Map<Long, Break> broken = new HashMap<>();
    int fetches;

    RawFeed(InMemoryFeed entries) {
        this.entries = entries;
    }

    RawFeed breakEntry(long seq, Break how) {
        broken.put(seq, how);
        return this;
    }

    /** The source is repaired: the entry is served as it should be. */
    RawFeed mend(long seq) {
        broken.remove(seq);
        return this;
    }

    @Override
    public String name() {
        return entries.name();
    }

    @Override
    public FeedPage changesAfter(long after, int limit) {
        fetches++;
        FeedPage page = entries.changesAfter(after, limit);
        ObjectNode body = JSON.createObjectNode();
        ArrayNode changes = body.putArray("changes");
        StringBuilder raw = null;
        for (FeedChange c : page.changes()) {
            Break how = broken.get(c.seq());
            if (how == Break.REFUSED) {
                throw new WebApplicationException(Response.status(400).entity("{\"status\":400,\"detail\":\"changes[0].payload invalid value\"}")
                        .type("application/problem+json").build());
            }
            if (how == Break.GARBAGE) {
                return FeedPageReader.read("<html><body>Internal proxy error</body></html>");
            }
            ObjectNode entry = changes.addObject().put("seq", c.seq()).put("entityType", c.entityType()).put("entityId", c.entityId())
                    .put("operation", c.operation()).put("recordedAt", c.recordedAt().toString());
            entry.set("payload", c.payload());
            if (how == Break.TRUNCATED) {
                String json = body.toString();
                int cut = json.lastIndexOf("\"payload\"") + 20;
                raw = new StringBuilder(json.substring(0, Math.min(cut, json.length() - 3)))
                        .append("{\"type\":\"about:blank\",\"status\":500,\"title\":\"Internal Server Error\"}");
                break;
            }
        }
        if (raw != null) {
            return FeedPageReader.read(raw.toString());
        }
        body.put("lastSeq", page.lastSeq()).put("headSeq", page.headSeq()).put("hasMore", page.hasMore());
        return FeedPageReader.read(body.toString());
    }
}
