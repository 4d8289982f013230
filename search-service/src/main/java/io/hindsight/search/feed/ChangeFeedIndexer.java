package io.hindsight.search.feed;

import io.hindsight.search.config.SearchConfig;
import io.hindsight.search.index.IndexFields;
import io.hindsight.search.index.KnowledgeDocuments;
import io.hindsight.search.index.IndexWriterLifecycle;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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

    /**
     * What is known of one feed: how far it is applied, how far the source is, the last failure if any, and
     * whether this replica has once caught up with it (the condition for reporting ready).
     */
    public record FeedStatus(String feed, long cursor, long headSeq, Instant lastSuccess, String lastError, boolean caughtUp) {
    }

    /** How stale the searchers may get while a long catch-up is applied. */
    private static final java.time.Duration VISIBLE_WITHIN = java.time.Duration.ofMillis(500);

    private final Instance<FeedSource> sources;
    private final IndexWriterLifecycle index;
    private final SearchConfig config;
    private final Map<String, FeedStatus> status = new ConcurrentHashMap<>();

    public ChangeFeedIndexer(Instance<FeedSource> sources, IndexWriterLifecycle index, SearchConfig config) {
        this.sources = sources;
        this.index = index;
        this.config = config;
    }

    /** Polls every feed once; returns how many changes were applied, or -1 if a feed could not be read. */
    public int pollAll() {
        int applied = 0;
        boolean failed = false;
        for (FeedSource source : sources) {
            int n = poll(source);
            if (n < 0) {
                failed = true;
            } else {
                applied += n;
            }
        }
        return failed && applied == 0 ? -1 : applied;
    }

    /** Applies up to {@code maxPagesPerPoll} pages of one feed; returns how many changes were applied, -1 on failure. */
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
                if (!applyPage(source.name(), cursor, page)) {
                    break; // the index was cleared meanwhile: the next poll starts again from the new cursor
                }
                applied += page.changes().size();
                if (!page.hasMore()) {
                    break;
                }
                index.refreshIfOlderThan(VISIBLE_WITHIN); // a long catch-up still shows its progress
            }
            if (applied > 0) {
                // one commit per poll (not per page): the cursors committed always match the documents committed
                index.commitAndRefresh();
            }
            long cursor = index.cursor(source.name());
            FeedStatus before = status.get(source.name());
            boolean caughtUp = (before != null && before.caughtUp()) || cursor >= head;
            FeedStatus previous = status.put(source.name(), new FeedStatus(source.name(), cursor, head, Instant.now(), null, caughtUp));
            if (previous != null && previous.lastError() != null) {
                LOG.infof("Feed %s is reachable again", source.name());
            }
        } catch (RuntimeException e) {
            if (applied > 0) {
                index.commitAndRefresh(); // keep the pages applied before the failure
            }
            FeedStatus previous = status.get(source.name());
            if (previous == null || previous.lastError() == null) {
                LOG.warnf("Feed %s unavailable, search serves what is indexed and retries: %s", source.name(), e.toString());
            }
            status.put(source.name(), new FeedStatus(source.name(), index.cursor(source.name()), head,
                    previous == null ? null : previous.lastSuccess(), e.toString(), previous != null && previous.caughtUp()));
            return applied > 0 ? applied : -1;
        }
        return applied;
    }

    private boolean applyPage(String feed, long cursor, FeedPage page) {
        List<KnowledgeDocuments.Changes> changes = new ArrayList<>();
        Map<String, String> postmortemVisibility = new HashMap<>(); // of this page, not yet searchable
        for (FeedChange change : page.changes()) {
            // types this version does not index map to nothing; the cursor still moves past them
            changes.add(KnowledgeDocuments.map(change.entityType(), change.entityId(), change.isDelete(), change.payload(),
                    pm -> postmortemVisibility.containsKey(pm) ? postmortemVisibility.get(pm) : index.storedValue(
                            KnowledgeDocuments.uid(KnowledgeDocuments.POSTMORTEM, pm), IndexFields.VISIBILITY)));
            if (KnowledgeDocuments.POSTMORTEM.equals(change.entityType()) && change.payload() != null && !change.isDelete()) {
                postmortemVisibility.put(change.entityId(),
                        KnowledgeDocuments.postmortemVisibility(change.payload().path("status").asText("")));
            }
        }
        return index.applyAt(feed, cursor, changes, page.lastSeq());
    }

    /** Forgets what is known of the feeds (after the index was cleared for a rebuild). */
    public void resetStatus() {
        status.replaceAll((feed, s) -> new FeedStatus(feed, 0, s.headSeq(), s.lastSuccess(), s.lastError(), s.caughtUp()));
    }

    public List<FeedStatus> status() {
        return List.copyOf(status.values());
    }

    /** Whether every feed has been read up to its head at least once since start-up. */
    public boolean caughtUpWithAllFeeds() {
        for (FeedSource source : sources) {
            FeedStatus feed = status.get(source.name());
            if (feed == null || !feed.caughtUp()) {
                return false;
            }
        }
        return true;
    }
}
