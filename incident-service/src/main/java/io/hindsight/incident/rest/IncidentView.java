package io.hindsight.incident.rest;

import io.hindsight.incident.domain.IncidentStatus;
import io.hindsight.incident.domain.Priority;
import io.hindsight.incident.repository.Incident;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** An incident as the API and the change feed show it. */
@RegisterForReflection
public record IncidentView(
        long id,
        String title,
        String symptom,
        List<String> services,
        IncidentStatus status,
        String statusLabel,
        Priority priority,
        boolean drill,
        String declaredBy,
        Instant detectedAt,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    public static IncidentView of(Incident i) {
        return new IncidentView(i.id, i.title, i.symptom, List.copyOf(i.services), i.status, i.status.label(), i.priority,
                i.drill, i.declaredBy, i.detectedAt, i.createdAt, i.updatedAt, i.version);
    }
}
