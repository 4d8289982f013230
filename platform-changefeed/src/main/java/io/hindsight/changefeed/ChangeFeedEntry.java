package io.hindsight.changefeed;

import com.fasterxml.jackson.annotation.JsonRawValue;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * One change as read by feed consumers. {@code payload} is the full JSON snapshot of the entity after
 * the change, so a consumer never has to call back for it.
 */
@RegisterForReflection
public record ChangeFeedEntry(long seq, String entityType, String entityId, String operation, Instant recordedAt,
                              @JsonRawValue String payload) {
}
