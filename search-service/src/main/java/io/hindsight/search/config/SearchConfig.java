package io.hindsight.search.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
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

    /** Pause of the feed pollers between polls ({@code hindsight.search.poll-interval}, used by the scheduler). */
    @WithDefault("0.5s")
    Duration pollInterval();
}
