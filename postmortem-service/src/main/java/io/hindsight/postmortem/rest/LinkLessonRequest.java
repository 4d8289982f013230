package io.hindsight.postmortem.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Positive;

/** Links a lesson to a post-mortem: an existing one by {@code lessonId}, or a new one (reused if its title exists). */
public record LinkLessonRequest(@Positive Long lessonId, @Valid LessonRequest lesson) {
}
