package io.hindsight.changefeed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * The append-only change feed of the service that owns the data (one per service, table change_feed). Appends join the caller's transaction, so a change
 * and its feed row commit or roll back together. The sequence comes from a single counter row whose lock
 * is held until commit: sequence order is therefore commit order, and a consumer that has read up to N
 * never misses a row below N committed later. Call {@link #append} last in a transaction to keep that lock short.
 */
@ApplicationScoped
public class ChangeFeed {

    private final EntityManager em;
    private final ObjectMapper json;

    public ChangeFeed(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long append(String entityType, String entityId, String operation, Object snapshot) {
        String payload;
        try {
            payload = json.writeValueAsString(snapshot);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + entityType + " " + entityId + " for the change feed", e);
        }
        em.flush();
        em.createNativeQuery("update change_feed_sequence set last_seq = last_seq + 1 where id = 1").executeUpdate();
        long seq = ((Number) em.createNativeQuery("select last_seq from change_feed_sequence where id = 1").getSingleResult()).longValue();
        em.createNativeQuery("insert into change_feed (seq, entity_type, entity_id, operation, payload, recorded_at) values (?1, ?2, ?3, ?4, ?5, ?6)")
                .setParameter(1, seq)
                .setParameter(2, entityType)
                .setParameter(3, entityId)
                .setParameter(4, operation)
                .setParameter(5, payload)
                .setParameter(6, Timestamp.from(Instant.now()))
                .executeUpdate();
        return seq;
    }

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
                    toInstant(row[4]), (String) row[5]));
        }
        long head = ((Number) em.createNativeQuery("select last_seq from change_feed_sequence where id = 1").getSingleResult()).longValue();
        long last = changes.isEmpty() ? after : changes.get(changes.size() - 1).seq();
        return new ChangePage(changes, last, Math.max(head, last), rows.size() > limit);
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
