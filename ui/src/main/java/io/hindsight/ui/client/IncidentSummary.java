package io.hindsight.ui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** The UI's own copy of the incident fields its pages show (incident-service's IncidentView). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentSummary(long id, String title, String symptom, List<String> services, String status, String statusLabel,
                              String phase, String priority, boolean drill, boolean overdue, Instant nextUpdateDue,
                              List<RedFlag> redFlags, String commander, Instant detectedAt, Instant resolvedAt) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record RedFlag(String code, String message) {
    }

    public boolean open() {
        return resolvedAt == null && !"RESOLVED".equals(status);
    }

    public List<RedFlag> flags() {
        return redFlags == null ? List.of() : redFlags;
    }
}
