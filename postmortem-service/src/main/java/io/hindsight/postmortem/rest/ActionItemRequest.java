package io.hindsight.postmortem.rest;

import io.hindsight.postmortem.domain.ActionItemStatus;
import io.hindsight.postmortem.domain.Priority;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;

/** Creates or replaces an action item; status defaults to OPEN. */
public record ActionItemRequest(
        @NotBlank @Size(max = 500) String title,
        @Size(max = 200) String owner,
        LocalDate dueDate,
        Priority priority,
        ActionItemStatus status,
        @Size(max = 2000) @Pattern(regexp = "^(https?://\\S+)?$", message = "must be an http(s) URL") String link) {
}
