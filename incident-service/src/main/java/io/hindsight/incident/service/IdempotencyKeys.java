package io.hindsight.incident.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.problem.Problem;
import io.hindsight.problem.ProblemException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Idempotency-Key on creates: the key is claimed (inserted) first in the creating transaction, so a concurrent
 * retry waits on the key's primary key and then fails; the retry then finds the key and replays the first result.
 * Keys are per caller and expire after a day.
 */
@ApplicationScoped
public class IdempotencyKeys {

    public static final Duration RETENTION = Duration.ofHours(24);

    /** What a key created. */
    public record Stored(String kind, String requestHash, long incidentId, Long childId) {
    }

    private final EntityManager em;
    private final ObjectMapper json;

    public IdempotencyKeys(EntityManager em, ObjectMapper json) {
        this.em = em;
        this.json = json;
    }

    public String hash(Object request) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json.writeValueAsString(request).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash request", e);
        }
    }

    @Transactional(Transactional.TxType.REQUIRED)
    public Optional<Stored> find(String actor, String key) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select kind, request_hash, incident_id, child_id from idempotency_key where actor = ?1 and idem_key = ?2")
                .setParameter(1, actor).setParameter(2, key).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        return Optional.of(new Stored((String) r[0], (String) r[1], ((Number) r[2]).longValue(), r[3] == null ? null : ((Number) r[3]).longValue()));
    }

    /** The stored result for a replay, after checking the retry is the same request. */
    public static Stored checkSame(Stored stored, String kind, String hash, String key) {
        if (!stored.kind().equals(kind) || !stored.requestHash().equals(hash)) {
            throw new ProblemException(Problem.of(422, "Unprocessable Content",
                    "Idempotency-Key '" + key + "' was already used for a different request; use a new key for a new request")
                    .withExtensions(Map.of("idempotencyKey", key)));
        }
        return stored;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void claim(String actor, String key, String kind, String hash) {
        em.createNativeQuery("insert into idempotency_key (actor, idem_key, kind, request_hash, incident_id, child_id, created_at) values (?1, ?2, ?3, ?4, 0, null, ?5)")
                .setParameter(1, actor).setParameter(2, key).setParameter(3, kind).setParameter(4, hash)
                .setParameter(5, Timestamp.from(Instant.now())).executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void complete(String actor, String key, long incidentId, Long childId) {
        em.createNativeQuery("update idempotency_key set incident_id = ?3, child_id = ?4 where actor = ?1 and idem_key = ?2")
                .setParameter(1, actor).setParameter(2, key).setParameter(3, incidentId).setParameter(4, childId).executeUpdate();
    }

    @Scheduled(every = "1h", delayed = "1m")
    @Transactional
    void expire() {
        em.createNativeQuery("delete from idempotency_key where created_at < ?1")
                .setParameter(1, Timestamp.from(Instant.now().minus(RETENTION))).executeUpdate();
    }
}
