package io.hindsight.search.health;

import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.IndexWriterLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

/** The index is the only thing this service needs to answer: ready and live while its writer is open and healthy. */
@ApplicationScoped
public class IndexHealthCheck {

    private final IndexWriterLifecycle index;
    private final ChangeFeedIndexer indexer;

    public IndexHealthCheck(IndexWriterLifecycle index, ChangeFeedIndexer indexer) {
        this.index = index;
        this.indexer = indexer;
    }

    @Readiness
    HealthCheck ready() {
        return () -> describe(HealthCheckResponse.named("Search index")).build();
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
