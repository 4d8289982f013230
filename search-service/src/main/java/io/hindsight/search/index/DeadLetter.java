package io.hindsight.search.index;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/**
 * A feed entry this replica could not apply and went past: the feed, its sequence number, the entity it is about
 * (null when the entry could not even be read), the last error, when it first and last failed and how often.
 * {@code fromSeq} is the first sequence number it covers: equal to {@code seq} except for a run of unreadable entries
 * that could not be told apart (then every entry in {@code fromSeq..seq} was skipped). Persisted in the index commit,
 * with the cursor that moved past it.
 */
@RegisterForReflection
public record DeadLetter(String feed, long seq, long fromSeq, String entityType, String entityId, String error,
                         Instant firstSeen, Instant lastSeen, int attempts) {

    /** Longest error text kept (the commit holds every dead letter). */
    public static final int MAX_ERROR = 500;

    public DeadLetter {
        if (error != null && error.length() > MAX_ERROR) {
            error = error.substring(0, MAX_ERROR - 1) + "…";
        }
    }

    /** The same entry failing again. */
    public DeadLetter failedAgain(String newError, Instant at) {
        return new DeadLetter(feed, seq, fromSeq, entityType, entityId, newError, firstSeen, at, attempts + 1);
    }

    /** The key an entity's dead letter is kept under (one per entity: a later entry of it supersedes an earlier one). */
    String key() {
        return entityType == null ? feed + "|#" + seq : key(feed, entityType, entityId);
    }

    static String key(String feed, String entityType, String entityId) {
        return feed + "|" + entityType + "|" + entityId;
    }
}
