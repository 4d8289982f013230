package io.hindsight.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hindsight.search.feed.FeedChange;
import io.hindsight.search.feed.FeedPage;
import io.hindsight.search.feed.FeedSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A feed in memory with the paging contract of GET /api/changes, for driving the indexer in tests. */
final class InMemoryFeed implements FeedSource {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final String name;
    private final List<FeedChange> changes = new ArrayList<>();

    InMemoryFeed(String name) {
        this.name = name;
    }

    InMemoryFeed incident(long id, String title, String symptom, String... services) {
        ObjectNode payload = JSON.createObjectNode()
                .put("id", id).put("title", title).put("symptom", symptom)
                .put("status", "INVESTIGATING").put("drill", false)
                .put("updatedAt", Instant.now().toString());
        var array = payload.putArray("services");
        for (String s : services) {
            array.add(s);
        }
        changes.add(new FeedChange(next(), "incident", String.valueOf(id), "upsert", Instant.now(), payload));
        return this;
    }

    /**
     * Appends an entry the reader could not read (what a page cut off half-way, or a payload that is not JSON, gives:
     * its seq, type and id, and why), as the real feed client hands it to the indexer.
     */
    InMemoryFeed unreadable(String entityType, Object id, String why) {
        changes.add(new FeedChange(next(), entityType, String.valueOf(id), "upsert", Instant.now(), null, why));
        return this;
    }

    /** Appends one upsert with this payload (the JSON shapes of the contracts in BRIEF.md, see {@link Payloads}). */
    InMemoryFeed upsert(String entityType, Object id, ObjectNode payload) {
        changes.add(new FeedChange(next(), entityType, String.valueOf(id), "upsert", Instant.now(), payload));
        return this;
    }

    private long next() {
        return changes.isEmpty() ? 1 : changes.get(changes.size() - 1).seq() + 1;
    }

    long head() {
        return changes.isEmpty() ? 0 : changes.get(changes.size() - 1).seq();
    }

    InMemoryFeed delete(String entityType, Object id) {
        changes.add(new FeedChange(next(), entityType, String.valueOf(id), "delete", Instant.now(), null));
        return this;
    }

    int size() {
        return changes.size();
    }

    /** Drops the entries after {@code seq}, as a source that lost them in a crash (the next entries reuse their numbers). */
    InMemoryFeed truncateAfter(long seq) {
        changes.removeIf(c -> c.seq() > seq);
        return this;
    }

    /** Drops one entry, as compaction does with an entry a later one of its entity supersedes. */
    InMemoryFeed remove(long seq) {
        changes.removeIf(c -> c.seq() == seq);
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public FeedPage changesAfter(long after, int limit) {
        List<FeedChange> page = changes.stream().filter(c -> c.seq() > after).limit(limit).toList();
        long last = page.isEmpty() ? after : page.get(page.size() - 1).seq();
        return new FeedPage(page, last, page.isEmpty() ? head() : Math.max(head(), last), last < head());
    }
}
