package io.hindsight.postmortem.repository;

import io.hindsight.postmortem.domain.PostmortemStatus;
import io.hindsight.postmortem.domain.SourceKind;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class PostmortemRepository implements PanacheRepository<Postmortem> {

    /** Newest first; {@code statuses} limits what the caller may see. */
    public List<Postmortem> newest(List<PostmortemStatus> statuses, int limit) {
        return find("status in :statuses order by id desc", Parameters.with("statuses", statuses)).page(0, limit).list();
    }

    /** The post-mortems imported from these source keys. */
    public List<Postmortem> bySourceKeys(List<String> keys) {
        return keys.isEmpty() ? List.of() : list("sourceKey in ?1", keys);
    }

    /**
     * The imported post-mortems stored under one of these source keys, or with one of these source ids, locked for the
     * transaction (in id order): two imports updating one report at once serialise instead of failing on its version.
     */
    public List<Postmortem> importedBySourceKeysOrIds(List<String> keys, List<String> sourceIds) {
        if (keys.isEmpty() && sourceIds.isEmpty()) {
            return List.of();
        }
        var query = sourceIds.isEmpty()
                ? find("sourceKey in ?1 order by id", keys)
                : find("sourceKey in ?1 or (sourceKind = ?2 and sourceId in ?3) order by id", keys, SourceKind.IMPORT, sourceIds);
        return query.withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
    }

    /** The post-mortem imported from a source record (its id, else its url). */
    public Optional<Postmortem> bySourceKey(String key) {
        return find("sourceKey", key).firstResultOptional();
    }
}
