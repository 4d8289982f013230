package io.hindsight.search;

import io.hindsight.search.config.SearchConfig;
import java.nio.file.Path;
import java.time.Duration;

/** A {@link SearchConfig} for tests that drive the indexer themselves: an index directory, a batch size, no polling. */
record TestSearchConfig(Path indexPath, int feedBatchSize, int maxPagesPerPoll) implements SearchConfig {

    static SearchConfig of(Path indexPath, int feedBatchSize, int maxPagesPerPoll) {
        return new TestSearchConfig(indexPath, feedBatchSize, maxPagesPerPoll);
    }

    @Override
    public Duration pollInterval() {
        return Duration.ofMillis(200);
    }

    @Override
    public Duration queryTimeout() {
        return Duration.ofSeconds(2);
    }

    @Override
    public boolean pollingEnabled() {
        return false;
    }
}
