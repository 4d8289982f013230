package io.hindsight.postmortem.rest;

import jakarta.validation.constraints.Size;

/** Optional comment of a review transition (why changes are requested, what the approver checked). */
public record TransitionRequest(@Size(max = 4000) String comment) {
}
