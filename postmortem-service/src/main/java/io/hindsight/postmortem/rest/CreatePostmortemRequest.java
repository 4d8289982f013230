package io.hindsight.postmortem.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

/** Starts a post-mortem draft, optionally for an incident. */
public record CreatePostmortemRequest(
        @NotBlank @Size(max = 200) String title,
        @Size(max = 100_000) String summary,
        @Positive Long incidentId) {
}
