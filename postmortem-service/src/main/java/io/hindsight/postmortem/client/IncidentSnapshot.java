package io.hindsight.postmortem.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** This service's own view of an incident from incident-service (only the fields the pre-fill uses). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentSnapshot(Long id, String title, String symptom, List<String> services, String status, String priority,
                               Instant impactStartedAt, Instant detectedAt, Instant mitigatedAt, Instant resolvedAt,
                               List<JsonNode> hypotheses, List<JsonNode> changes, List<JsonNode> statusUpdates) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Timeline(List<Event> events) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Event(Instant at, String actor, String type, String summary) {
    }
}
