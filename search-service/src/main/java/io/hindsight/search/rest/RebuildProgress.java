package io.hindsight.search.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * How far this replica's index is behind the feeds: per feed the applied cursor and the head sequence last seen;
 * {@code complete} once every feed's cursor has reached its head since the last rebuild was requested.
 */
@RegisterForReflection
public record RebuildProgress(Instant requestedAt, long rebuilds, boolean rebuiltAtStart, int documents, boolean complete,
                              List<Feed> feeds) {

    @RegisterForReflection
    public record Feed(String feed, long cursor, long headSeq, Double percent, String lastError) {
    }
}
