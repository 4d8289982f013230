package io.hindsight.changefeed;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;

/** Numbers committed change-feed outbox rows and moves them into the feed (see {@link ChangeFeed}). */
@ApplicationScoped
public class ChangeFeedSequencer {

    /** At most this many outbox rows are numbered per run; the rest follow on the next run. */
    static final int BATCH = 1000;
    /** H2's statement that stores what is committed (see {@link #awaitStored()}). */
    public static final String H2_STORE_BARRIER = "CHECKPOINT";

    private final EntityManager em;
    private final boolean h2 = "h2".equals(org.eclipse.microprofile.config.ConfigProvider.getConfig()
            .getOptionalValue("quarkus.datasource.db-kind", String.class).orElse(""));

    public ChangeFeedSequencer(EntityManager em) {
        this.em = em;
    }

    /**
     * Numbers the committed outbox rows (in outbox order) and moves them into the feed, in its own short transaction.
     * Returns how many rows it numbered.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int sequencePending() {
        return em.unwrap(Session.class).doReturningWork(c -> {
            long last;
            try (PreparedStatement lock = c.prepareStatement("select last_seq from change_feed_sequence where id = 1 for update");
                 ResultSet rs = lock.executeQuery()) {
                rs.next();
                last = rs.getLong(1);
            }
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement(
                    "select id, entity_type, entity_id, operation, payload, recorded_at from change_feed_outbox order by id");
                 PreparedStatement insert = c.prepareStatement(
                         "insert into change_feed (seq, entity_type, entity_id, operation, payload, recorded_at) values (?, ?, ?, ?, ?, ?)")) {
                select.setMaxRows(BATCH);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                        insert.setLong(1, last + ids.size());
                        insert.setString(2, rs.getString(2));
                        insert.setString(3, rs.getString(3));
                        insert.setString(4, rs.getString(4));
                        insert.setString(5, rs.getString(5));
                        insert.setTimestamp(6, rs.getTimestamp(6));
                        insert.addBatch();
                    }
                }
                if (ids.isEmpty()) {
                    return 0;
                }
                insert.executeBatch();
            }
            try (PreparedStatement delete = c.prepareStatement("delete from change_feed_outbox where id = ?")) {
                for (Long id : ids) {
                    delete.setLong(1, id);
                    delete.addBatch();
                }
                delete.executeBatch();
            }
            try (PreparedStatement advance = c.prepareStatement("update change_feed_sequence set last_seq = ? where id = 1")) {
                advance.setLong(1, last + ids.size());
                advance.executeUpdate();
            }
            return ids.size();
        });
    }

    /**
     * On H2 (the embedded build), waits until every change committed so far is stored in the database file; a no-op
     * on PostgreSQL, where a commit is visible to others only once it is in the WAL. H2 makes a commit visible at once
     * and stores it up to WRITE_DELAY (500 ms) later, from a background thread: an answer given before that (a 201, or a
     * feed page with another session's entries) could be lost to a kill, and its seq or id handed out again.
     * {@code CHECKPOINT} takes H2's store lock (waiting for a write in progress) and writes whatever is committed but
     * not yet stored; with nothing to write it costs a lock.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void awaitStored() {
        if (!h2) {
            return;
        }
        em.unwrap(Session.class).doWork(c -> {
            if ("H2".equals(c.getMetaData().getDatabaseProductName())) {
                try (Statement checkpoint = c.createStatement()) {
                    checkpoint.execute(H2_STORE_BARRIER);
                }
            }
        });
    }

}
