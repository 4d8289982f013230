package io.hindsight.search.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * One change read from an owning service's change feed (this service's own copy of the DTO). {@code readError} is set
 * (and the rest may be missing) when the entry's sequence number could be read but not the entry itself.
 */
@RegisterForReflection
public record FeedChange(long seq, String entityType, String entityId, String operation, Instant recordedAt, JsonNode payload,
                         String readError) {

    public FeedChange(long seq, String entityType, String entityId, String operation, Instant recordedAt, JsonNode payload) {
        this(seq, entityType, entityId, operation, recordedAt, payload, null);
    }

    public boolean isDelete() {
        return "delete".equals(operation);
    }
}
