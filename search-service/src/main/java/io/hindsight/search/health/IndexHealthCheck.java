package io.hindsight.search.health;

import io.hindsight.search.config.SearchConfig;
import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.IndexWriterLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/**
 * Live while the index writer is healthy. Ready once the index is open and, where this replica polls the feeds,
 * it has caught up with every feed once: a new replica does not take traffic with a partial index. Afterwards a
 * feed outage does not make it unready; it serves what it has indexed.
 */
@ApplicationScoped
public class IndexHealthCheck {

    private final IndexWriterLifecycle index;
    private final ChangeFeedIndexer indexer;
    private final boolean polling;

    public IndexHealthCheck(IndexWriterLifecycle index, ChangeFeedIndexer indexer, SearchConfig config) {
        this.index = index;
        this.indexer = indexer;
        this.polling = config.pollingEnabled();
    }

    @Readiness
    HealthCheck ready() {
        return () -> {
            boolean caughtUp = !polling || indexer.caughtUpWithAllFeeds();
            return describe(HealthCheckResponse.named("Search index"))
                    .withData("caughtUpWithFeeds", caughtUp)
                    .status(index.isOpen() && caughtUp).build();
        };
    }

    @Liveness
    HealthCheck live() {
        return () -> HealthCheckResponse.named("Search index writer").status(index.isOpen()).build();
    }

    private HealthCheckResponseBuilder describe(HealthCheckResponseBuilder builder) {
        builder.status(index.isOpen()).withData("path", index.path().toString());
        if (index.isOpen()) {
            builder.withData("documents", index.numDocs());
        }
        index.cursors().forEach((feed, seq) -> builder.withData("cursor." + feed, seq));
        for (ChangeFeedIndexer.FeedStatus feed : indexer.status()) {
            builder.withData("feed." + feed.feed() + ".head", feed.headSeq());
            if (feed.lastError() != null) {
                builder.withData("feed." + feed.feed() + ".error", feed.lastError());
            }
        }
        return builder;
    }
}
