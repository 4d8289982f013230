package io.hindsight.search.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;

/**
 * The symptom of a new incident (and what else is known of it) to find similar past ones for.
 * {@code excludeIncidentId} leaves the new incident itself out when it is already indexed.
 */
@RegisterForReflection
public record SimilarRequest(@NotBlank @Size(max = 5000) String symptom,
                             @Size(max = 500) String title,
                             @Size(max = 20) List<@NotNull @Size(max = 100) String> services,
                             @Size(max = 20) Map<@Size(max = 100) String, @NotNull @Size(max = 200) String> labels,
                             Boolean includeDrills,
                             @Size(max = 40) String excludeIncidentId,
                             @Min(1) @Max(20) Integer limit) {
}
