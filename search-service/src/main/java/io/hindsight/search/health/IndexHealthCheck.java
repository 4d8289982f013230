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
 * Live while the index writer is healthy. Ready while the index is open and, where this replica polls the feeds, it
 * serves every feed: it has caught up with it once since start-up, or the index already held it when it opened. A new
 * or wiped replica does not take traffic with a partial index; a restarted one does not wait for a feed that is down.
 * Lag, feed errors and dead letters are in the detail and never make it unready: it serves what it has indexed.
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
            boolean serves = !polling || indexer.servesEveryFeed();
            return describe(HealthCheckResponse.named("Search index"))
                    .withData("caughtUpWithFeeds", caughtUp)
                    .status(index.isOpen() && serves).build();
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
        builder.withData("deadLetters", index.deadLetterCount());
        java.time.Instant now = java.time.Instant.now();
        for (ChangeFeedIndexer.FeedStatus feed : indexer.status()) {
            String key = "feed." + feed.feed();
            builder.withData(key + ".head", feed.headSeq());
            builder.withData(key + ".lagEntries", feed.lagEntries());
            builder.withData(key + ".lagSeconds", Math.round(feed.lagSeconds(now)));
            if (feed.lastSuccess() != null) {
                builder.withData(key + ".lastSuccess", feed.lastSuccess().toString());
            }
            int dead = index.deadLetterCount(feed.feed());
            if (dead > 0) {
                builder.withData(key + ".deadLetters", dead);
            }
            if (index.healedAt(feed.feed()) != null) {
                builder.withData(key + ".healedAt", index.healedAt(feed.feed()).toString());
            }
            if (feed.lastError() != null) {
                builder.withData(key + ".error", feed.lastError());
            }
        }
        return builder;
    }
}
