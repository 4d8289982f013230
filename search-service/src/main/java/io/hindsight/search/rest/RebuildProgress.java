package io.hindsight.search.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * The index status: how far this replica's index is behind the feeds: per feed the applied cursor and the head sequence
 * last seen, the lag in entries and seconds, when it was last read, its dead letters and when its cursor was last healed;
 * {@code complete} once every feed's cursor has reached its head since the last rebuild was requested.
 */
@RegisterForReflection
public record RebuildProgress(Instant requestedAt, long rebuilds, boolean rebuiltAtStart, int documents, boolean complete,
                              int deadLetters, long deadLettersDropped, List<Feed> feeds) {

    /**
     * {@code healedAt}: when this index's cursor was last found ahead of the feed's head and the feed re-read from 0
     * ({@code heals} since start-up); {@code rereading} while that re-read has not caught up.
     */
    @RegisterForReflection
    public record Feed(String feed, long cursor, long headSeq, Double percent, String lastError, long lagEntries, double lagSeconds,
                       Instant lastSuccess, int deadLetters, Instant healedAt, long heals, boolean rereading) {
    }
}
