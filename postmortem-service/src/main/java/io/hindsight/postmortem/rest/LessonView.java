package io.hindsight.postmortem.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** A lesson as the API and the change feed (entityType {@code lesson}) show it; recurrence = post-mortems that taught it. */
@RegisterForReflection
public record LessonView(long id, String title, String body, List<String> tags, List<Long> postmortemIds, int recurrence,
                         String createdBy, Instant createdAt, Instant updatedAt, long version) {
}
