package io.hindsight.postmortem.rest;

import io.hindsight.postmortem.domain.ActionItemStatus;
import io.hindsight.postmortem.domain.Priority;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;

/** An action item as the API and the change feed (entityType {@code action-item}) show it. */
@RegisterForReflection
public record ActionItemView(long id, long postmortemId, String title, String owner, LocalDate dueDate, Priority priority,
                             ActionItemStatus status, String link, boolean overdue, Instant createdAt, Instant updatedAt,
                             Instant completedAt, long version) {
}
