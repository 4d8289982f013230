package io.hindsight.postmortem.rest;

import io.hindsight.postmortem.domain.Checklist;
import io.hindsight.postmortem.domain.ContributingFactor;
import io.hindsight.postmortem.domain.Priority;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A save of the post-mortem document (PUT: every field replaced; absent = empty). Action items and lessons
 * have their own endpoints. Text fields are Markdown.
 */
public record UpdatePostmortemRequest(
        @NotBlank @Size(max = 300) String title,
        @Size(max = 100_000) String summary,
        @Valid ImpactRequest impact,
        @Size(max = 1000) List<@NotNull @Valid TimelineEntry> timeline,
        @Size(max = 100_000) String rootCause,
        @Size(max = 40) List<@NotNull ContributingFactor> contributingFactors,
        @Size(max = 50_000) String detection,
        @Size(max = 50_000) String wentWell,
        @Size(max = 50_000) String wentBadly,
        @Size(max = 50_000) String prevention,
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> services,
        Priority priority,
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> categories,
        Instant impactStartedAt,
        Instant resolvedAt,
        Checklist checklist,
        @Size(max = 2000) String noActionItemsReason) {

    public record ImpactRequest(@Size(max = 2000) String users, @PositiveOrZero @Max(1_000_000) Integer durationMinutes,
                                @Size(max = 2000) String revenue, @Size(max = 2000) String sla) {
    }
}
