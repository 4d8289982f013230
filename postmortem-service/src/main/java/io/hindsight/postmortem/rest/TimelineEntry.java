package io.hindsight.postmortem.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;

/** One event of a post-mortem's (editable) timeline; pre-filled from incident-service's timeline. */
@RegisterForReflection
public record TimelineEntry(@NotNull Instant at, @Size(max = 200) String actor, @Size(max = 60) String type,
                            @NotBlank @Size(max = 4000) String summary) {
}
