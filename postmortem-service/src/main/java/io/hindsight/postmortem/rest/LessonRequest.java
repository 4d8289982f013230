package io.hindsight.postmortem.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;

/** A new or edited lesson; body is Markdown. */
public record LessonRequest(@NotBlank @Size(max = 300) String title, @NotBlank @Size(max = 20_000) String body,
                            @Size(max = 20) List<@NotBlank @Size(max = 60) String> tags) {
}
