package io.hindsight.search.feed;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a page of {@code GET /api/changes} from its raw body, entry by entry, so that one bad entry does not make the
 * whole page unreadable: the entries before it are returned as read; an entry whose sequence number could be read but
 * not the rest is returned with {@link FeedChange#readError()} (the indexer dead-letters it and goes on); a body cut
 * short (a response that failed half-way) ends the page there with {@code hasMore} set. Only a body of which not even
 * the first entry's sequence number can be read is an {@link UnreadablePage}. {@code headSeq} is -1 when the body ends
 * before it.
 */
public final class FeedPageReader {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FeedPageReader() {
    }

    public static FeedPage read(String body) {
        List<FeedChange> changes = new ArrayList<>();
        Partial partial = new Partial();
        long lastSeq = -1;
        long headSeq = -1;
        Boolean hasMore = null;
        try (JsonParser p = JSON.getFactory().createParser(body == null ? "" : body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new UnreadablePage("the feed page is not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                switch (field) {
                    case "changes" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw new UnreadablePage("changes is not an array");
                        }
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            partial.reset();
                            changes.add(readChange(p, partial));
                            partial.reset();
                        }
                        if (p.currentToken() != JsonToken.END_ARRAY) {
                            throw new UnreadablePage("an entry of changes is not an object");
                        }
                    }
                    case "lastSeq" -> lastSeq = p.getValueAsLong(-1);
                    case "headSeq" -> headSeq = p.getValueAsLong(-1);
                    case "hasMore" -> hasMore = p.getValueAsBoolean();
                    default -> p.skipChildren();
                }
            }
            if (p.currentToken() != JsonToken.END_OBJECT) {
                throw new UnreadablePage("the feed page does not end as a JSON object");
            }
        } catch (IOException | RuntimeException e) {
            String error = describe(e);
            if (partial.seq != null) {
                // the entry being read when the body went wrong: its sequence number is known, so it can be skipped
                changes.add(new FeedChange(partial.seq, partial.entityType, partial.entityId, partial.operation, partial.recordedAt,
                        null, "feed entry unreadable: " + error));
                return new FeedPage(changes, partial.seq, -1, true);
            }
            if (!changes.isEmpty()) {
                return new FeedPage(changes, changes.get(changes.size() - 1).seq(), -1, true); // the rest on the next page
            }
            throw e instanceof UnreadablePage u ? u : new UnreadablePage("feed page unreadable: " + error, e);
        }
        long last = changes.isEmpty() ? lastSeq : changes.get(changes.size() - 1).seq();
        if (last < 0) {
            throw new UnreadablePage("the feed page has no lastSeq");
        }
        return new FeedPage(changes, Math.max(last, lastSeq), headSeq, hasMore == null || hasMore);
    }

    private static FeedChange readChange(JsonParser p, Partial partial) throws IOException {
        JsonNode payload = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            switch (field) {
                case "seq" -> {
                    if (value != JsonToken.VALUE_NUMBER_INT) {
                        throw new UnreadablePage("seq is not a number");
                    }
                    partial.seq = p.getLongValue();
                }
                case "entityType" -> partial.entityType = text(p, field);
                case "entityId" -> partial.entityId = text(p, field);
                case "operation" -> partial.operation = text(p, field);
                case "recordedAt" -> partial.recordedAt = value == JsonToken.VALUE_NULL ? null : Instant.parse(text(p, field));
                case "payload" -> payload = value == JsonToken.VALUE_NULL ? null : JSON.readTree(p);
                default -> p.skipChildren();
            }
        }
        if (partial.seq == null) {
            throw new UnreadablePage("a feed entry has no seq");
        }
        if (partial.entityType == null || partial.entityId == null) {
            throw new UnreadablePage("feed entry " + partial.seq + " has no entityType or entityId");
        }
        return new FeedChange(partial.seq, partial.entityType, partial.entityId, partial.operation, partial.recordedAt, payload);
    }

    private static String text(JsonParser p, String field) throws IOException {
        if (p.currentToken() == JsonToken.VALUE_NULL) {
            return null;
        }
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw new UnreadablePage(field + " is not a string");
        }
        return p.getText();
    }

    static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline); // Jackson appends the source location on a new line
    }

    /** What was read of the entry being read, for identifying it if the rest cannot be read. */
    private static final class Partial {
        Long seq;
        String entityType;
        String entityId;
        String operation;
        Instant recordedAt;

        void reset() {
            seq = null;
            entityType = null;
            entityId = null;
            operation = null;
            recordedAt = null;
        }
    }
}
