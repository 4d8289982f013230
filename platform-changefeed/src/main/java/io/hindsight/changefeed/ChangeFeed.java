package io.hindsight.changefeed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.hibernate.Session;

/**
 * The append-only change feed of the service that owns the data (one per service).
 *
 * <p>Writers never wait on each other: {@link #append} inserts into {@code change_feed_outbox} in the caller's
 * transaction, so a change and its feed row commit or roll back together, and takes no lock. Sequence numbers are
 * handed out afterwards, in one place: before each read, {@link ChangeFeedSequencer} moves the committed outbox rows into {@code change_feed},
 * numbering them in outbox order under the lock of the single {@code change_feed_sequence} row. Because only that
 * step numbers rows, and each run commits before the next starts, a reader that has seen sequence N never finds a row
 * below N later. Two writes to the same entity hold that entity's row lock in turn, so the second one's outbox row is
 * inserted (and numbered) after the first one's.
 *
 * <p>{@link ChangeFeedSequencer} numbers the rows; {@link ChangeFeedResource} runs it before every read.
 */
@ApplicationScoped
public class ChangeFeed {

    private final EntityManager em;
    private final ObjectMapper json;

    public ChangeFeed(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    /** Records a change in the caller's transaction. Cheap and lock-free: numbering happens on the reading side. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(String entityType, String entityId, String operation, Object snapshot) {
        String payload;
        try {
            payload = json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + entityType + " " + entityId + " for the change feed", e);
        }
        em.createNativeQuery("insert into change_feed_outbox (entity_type, entity_id, operation, payload, recorded_at) values (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, entityType)
                .setParameter(2, entityId)
                .setParameter(3, operation)
                .setParameter(4, FeedText.wellFormed(payload))
                .setParameter(5, Timestamp.from(Instant.now()))
                .executeUpdate();
    }

    /** A change whose payload is already JSON (e.g. a revision's snapshot), for {@link #appendAll}. */
    public record Change(String entityType, String entityId, String operation, String payloadJson) {
    }

    /**
     * Records several changes in the caller's transaction with one batched statement, in list order (bulk writers
     * such as imports). Like {@link #append} it takes no lock, and it flushes the persistence context first, so every
     * change is recorded after the write it describes, while the transaction holds that row.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void appendAll(List<Change> changes) {
        if (changes.isEmpty()) {
            return;
        }
        Session session = em.unwrap(Session.class);
        session.flush();
        Timestamp now = Timestamp.from(Instant.now());
        session.doWork(c -> {
            try (PreparedStatement insert = c.prepareStatement(
                    "insert into change_feed_outbox (entity_type, entity_id, operation, payload, recorded_at) values (?, ?, ?, ?, ?)")) {
                for (Change change : changes) {
                    insert.setString(1, change.entityType());
                    insert.setString(2, change.entityId());
                    insert.setString(3, change.operation());
                    insert.setString(4, FeedText.wellFormed(change.payloadJson()));
                    insert.setTimestamp(5, now);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** Changes after sequence number {@code after}, oldest first; numbers what has been committed since the last read first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public ChangePage after(long after, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(
                        "select seq, entity_type, entity_id, operation, recorded_at, payload from change_feed where seq > ?1 order by seq")
                .setParameter(1, after)
                .setMaxResults(limit + 1)
                .getResultList();
        List<ChangeFeedEntry> changes = new ArrayList<>(Math.min(rows.size(), limit));
        for (int i = 0; i < rows.size() && i < limit; i++) {
            Object[] row = rows.get(i);
            changes.add(new ChangeFeedEntry(((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3],
                    toInstant(row[4]), FeedText.wellFormed((String) row[5])));
        }
        long head = ((Number) em.createNativeQuery("select last_seq from change_feed_sequence where id = 1").getSingleResult()).longValue();
        long last = changes.isEmpty() ? after : changes.get(changes.size() - 1).seq();
        // the true head, never the reader's own cursor: a reader whose cursor is ahead of it (this feed's numbers were
        // reused after a crash, or its database restored) must be able to see that and re-read
        long newest = changes.isEmpty() ? head : Math.max(head, last);
        return new ChangePage(changes, last, newest, rows.size() > limit);
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof Timestamp t) {
            return t.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
