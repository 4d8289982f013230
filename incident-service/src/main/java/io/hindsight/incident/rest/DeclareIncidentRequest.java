package io.hindsight.incident.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Declares an incident. {@code service} is a shorthand for a single affected service; {@code services}
 * lists several. At least one service must be named. {@code triage} optionally triages it at once.
 */
public record DeclareIncidentRequest(
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 4000) String symptom,
        @Size(min = 1, max = 100) String service,
        @Size(max = 20) List<@NotBlank @Size(max = 100) String> services,
        Instant detectedAt,
        Boolean drill,
        Instant impactStartedAt,
        @Size(max = 30) Map<@NotBlank @Size(max = 100) String, @NotBlank @Size(max = 200) String> labels,
        @Valid WorkRequests.Triage triage) {

    public DeclareIncidentRequest(String title, String symptom, String service, List<String> services, Instant detectedAt, Boolean drill) {
        this(title, symptom, service, services, detectedAt, drill, null, null, null);
    }
}
