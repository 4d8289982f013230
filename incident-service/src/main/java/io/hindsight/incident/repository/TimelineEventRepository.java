package io.hindsight.incident.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class TimelineEventRepository implements PanacheRepository<TimelineEvent> {

    /** An incident's rows in the order they were recorded. */
    public List<TimelineEvent> forIncident(long incidentId) {
        return list("incidentId = ?1 order by id", incidentId);
    }
}
