package io.hindsight.search.feed;

import io.hindsight.search.config.SearchConfig;
import io.hindsight.search.index.IncidentDocuments;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.document.Document;
import org.jboss.logging.Logger;

/**
 * Pulls every feed from its committed cursor and applies it to the index, page by page. Each page is
 * committed with its cursor, so the index is always exactly the feed up to that cursor.
 */
@ApplicationScoped
public class ChangeFeedIndexer {

    private static final Logger LOG = Logger.getLogger(ChangeFeedIndexer.class);

    /** What is known of one feed: how far it is applied, how far the source is, and the last failure if any. */
    public record FeedStatus(String feed, long cursor, long headSeq, Instant lastSuccess, String lastError) {
    }

    private final Instance<FeedSource> sources;
    private final IndexWriterLifecycle index;
    private final SearchConfig config;
    private final Map<String, FeedStatus> status = new ConcurrentHashMap<>();

    public ChangeFeedIndexer(Instance<FeedSource> sources, IndexWriterLifecycle index, SearchConfig config) {
        this.sources = sources;
        this.index = index;
        this.config = config;
    }

    @Scheduled(every = "${hindsight.search.poll-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void pollAll() {
        for (FeedSource source : sources) {
            poll(source);
        }
    }

    /** Applies up to {@code maxPagesPerPoll} pages of one feed; returns how many changes were applied. */
    public int poll(FeedSource source) {
        int applied = 0;
        long head = status.containsKey(source.name()) ? status.get(source.name()).headSeq() : 0L;
        try {
            for (int pages = 0; pages < config.maxPagesPerPoll(); pages++) {
                long cursor = index.cursor(source.name());
                FeedPage page = source.changesAfter(cursor, config.feedBatchSize());
                head = page.headSeq();
                if (page.changes().isEmpty()) {
                    break;
                }
                applyPage(source.name(), page);
                applied += page.changes().size();
                if (!page.hasMore()) {
                    break;
                }
            }
            FeedStatus previous = status.put(source.name(), new FeedStatus(source.name(), index.cursor(source.name()), head, Instant.now(), null));
            if (previous != null && previous.lastError() != null) {
                LOG.infof("Feed %s is reachable again", source.name());
            }
        } catch (RuntimeException e) {
            FeedStatus previous = status.get(source.name());
            if (previous == null || previous.lastError() == null) {
                LOG.warnf("Feed %s unavailable, search serves what is indexed and retries: %s", source.name(), e.toString());
            }
            status.put(source.name(), new FeedStatus(source.name(), index.cursor(source.name()), head,
                    previous == null ? null : previous.lastSuccess(), e.toString()));
        }
        return applied;
    }

    private void applyPage(String feed, FeedPage page) {
        List<Document> upserts = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (FeedChange change : page.changes()) {
            if (!IncidentDocuments.TYPE.equals(change.entityType())) {
                continue; // types this version does not index are skipped, the cursor still moves past them
            }
            if (change.isDelete()) {
                deletes.add(IncidentDocuments.uid(change.entityId()));
            } else {
                upserts.add(IncidentDocuments.toDocument(change.entityId(), change.payload()));
            }
        }
        index.apply(feed, upserts, deletes, page.lastSeq());
    }

    public List<FeedStatus> status() {
        return List.copyOf(status.values());
    }
}
