package io.hindsight.changefeed;

import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the change feed from growing without bound. Every entry carries the whole snapshot of its entity, so an entry
 * that a later entry of the same entity supersedes holds nothing a reader needs once it is old: a reader behind it
 * gets the later one. Entries superseded and recorded more than {@code hindsight.change-feed.retention} ago (7 days by
 * default: far longer than any reader is expected to lag) are deleted; the latest entry of every entity stays for
 * good, deletions included, so a reader that starts from 0 (a rebuild) still sees the current state of everything.
 * The feed then holds one entry per entity plus a week of history. Sequence numbers are never reused, so a reader's
 * cursor stays valid; they simply have gaps.
 * <p>Runs hourly ({@code hindsight.change-feed.compaction.every}), in transactions of {@link #BATCH} rows so that the
 * sequencer, which inserts into the same table, never waits long.
 */
@ApplicationScoped
public class ChangeFeedCompaction {

    static final int BATCH = 5000;
    /** One batch: parameters the cutoff (a timestamp) and the batch size. Portable (PostgreSQL and H2). */
    public static final String DELETE_BATCH = "delete from change_feed where seq in (select f.seq from change_feed f where f.recorded_at < ?"
            + " and exists (select 1 from change_feed g where g.entity_type = f.entity_type and g.entity_id = f.entity_id"
            + " and g.seq > f.seq) order by f.seq limit ?)";
    private static final Logger LOG = Logger.getLogger(ChangeFeedCompaction.class);

    private final EntityManager em;
    private final Duration retention;

    public ChangeFeedCompaction(EntityManager em,
                                @ConfigProperty(name = "hindsight.change-feed.retention", defaultValue = "7d") Duration retention) {
        this.em = em;
        this.retention = retention;
    }

    @Scheduled(every = "${hindsight.change-feed.compaction.every:1h}", delayed = "${hindsight.change-feed.compaction.delayed:10m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        compact(Instant.now().minus(retention));
    }

    /** Deletes the entries recorded before {@code cutoff} that a later entry of the same entity supersedes; returns how many. */
    public long compact(Instant cutoff) {
        long total = 0;
        int deleted;
        do {
            deleted = compactBatch(cutoff);
            total += deleted;
        } while (deleted == BATCH);
        if (total > 0) {
            LOG.infof("Change feed compaction: deleted %d superseded entries recorded before %s", total, cutoff);
        }
        return total;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    int compactBatch(Instant cutoff) {
        return em.createNativeQuery(DELETE_BATCH).setParameter(1, Timestamp.from(cutoff)).setParameter(2, BATCH).executeUpdate();
    }
}
