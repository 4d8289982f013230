package io.hindsight.incident.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class IncidentRepository implements PanacheRepository<Incident> {

    /** Newest first, keyset-paginated: the page after {@code beforeId} (exclusive), or the first page. */
    public List<Incident> newestBefore(Long beforeId, int limit) {
        if (beforeId == null) {
            return find("order by id desc").page(0, limit).list();
        }
        return find("id < :before order by id desc", Parameters.with("before", beforeId)).page(0, limit).list();
    }
}
