package io.hindsight.ui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record TimelineEntry(long id, Instant at, String actor, String type, String summary) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Timeline(long incidentId, List<TimelineEntry> events) {
    }
}
