package io.hindsight.incident.repository;

import io.hindsight.incident.domain.IncidentStatus;
import io.hindsight.incident.domain.Priority;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class IncidentRepository implements PanacheRepository<Incident> {

    /** Filters of the incident list; null means "any". */
    public record Filter(IncidentStatus status, Priority priority, String service, Boolean open, Instant since, Boolean drill) {
        public static final Filter NONE = new Filter(null, null, null, null, null, null);
    }

    /** Newest first, keyset-paginated: the page after {@code beforeId} (exclusive), or the first page. */
    public List<Incident> newestBefore(Long beforeId, int limit) {
        return newestBefore(beforeId, limit, Filter.NONE);
    }

    public List<Incident> newestBefore(Long beforeId, int limit, Filter f) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        if (beforeId != null) {
            where.add("id < :before");
            params.put("before", beforeId);
        }
        if (f.status() != null) {
            where.add("status = :status");
            params.put("status", f.status());
        }
        if (f.priority() != null) {
            where.add("priority = :priority");
            params.put("priority", f.priority());
        }
        if (f.service() != null) {
            where.add(":service member of services");
            params.put("service", f.service());
        }
        if (f.open() != null) {
            where.add(f.open() ? "status <> :resolved" : "status = :resolved");
            params.put("resolved", IncidentStatus.RESOLVED);
        }
        if (f.since() != null) {
            where.add("createdAt >= :since");
            params.put("since", f.since());
        }
        if (f.drill() != null) {
            where.add("drill = :drill");
            params.put("drill", f.drill());
        }
        String query = (where.isEmpty() ? "" : String.join(" and ", where) + " ") + "order by id desc";
        return find(query, params).page(0, limit).list();
    }

    /** The committed version of an incident, without loading it. */
    public Optional<Long> currentVersion(long id) {
        return getEntityManager().createQuery("select i.version from Incident i where i.id = :id", Long.class)
                .setParameter("id", id).getResultStream().findFirst();
    }

    /** The incident under a row lock held until commit: writes to one incident are serialised in a total order. */
    public Optional<Incident> lockForUpdate(long id) {
        return Optional.ofNullable(getEntityManager().find(Incident.class, id, LockModeType.PESSIMISTIC_WRITE));
    }
}
