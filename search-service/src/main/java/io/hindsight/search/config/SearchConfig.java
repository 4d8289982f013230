package io.hindsight.search.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.nio.file.Path;
import java.time.Duration;

/** Typed configuration of search-service ({@code hindsight.search.*}). */
@ConfigMapping(prefix = "hindsight.search")
public interface SearchConfig {

    /** Directory of this replica's Lucene index; created if missing. */
    Path indexPath();

    /** How many changes one feed request asks for. */
    @WithDefault("500")
    int feedBatchSize();

    /** Upper bound of feed pages applied in one poll, so one poll never runs unbounded. */
    @WithDefault("20")
    int maxPagesPerPoll();

    /** Pause of the feed poller when the feeds had nothing new. */
    @WithDefault("0.2s")
    Duration pollInterval();

    /**
     * How long one search, similar-incidents, suggestion or report query may take before it is stopped and answered
     * 503 (with Retry-After), never with partial results; zero: unbounded.
     */
    @WithDefault("2s")
    Duration queryTimeout();

    /** Whether this replica polls the feeds (tests switch it off and drive the indexer themselves). */
    @WithName("polling.enabled")
    @WithDefault("true")
    boolean pollingEnabled();
}
