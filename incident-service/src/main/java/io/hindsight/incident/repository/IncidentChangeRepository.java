package io.hindsight.incident.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

@ApplicationScoped
public class IncidentChangeRepository implements PanacheRepository<IncidentChange> {

    /** An incident's rows in the order they were recorded. */
    public List<IncidentChange> forIncident(long incidentId) {
        return list("incidentId = ?1 order by id", incidentId);
    }
}
