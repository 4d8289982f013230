package io.hindsight.search.feed;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** One change read from an owning service's change feed (this service's own copy of the DTO). */
@RegisterForReflection
public record FeedChange(long seq, String entityType, String entityId, String operation, Instant recordedAt, JsonNode payload) {

    public boolean isDelete() {
        return "delete".equals(operation);
    }
}
