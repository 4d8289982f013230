package io.hindsight.postmortem.rest;

import io.hindsight.postmortem.domain.PostmortemStatus;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * A lesson as the API and the change feed (entityType {@code lesson}) show it. {@code postmortemIds} and
 * {@code recurrence} (their number) count only the post-mortems the reader may see; {@code status} is how public the
 * lesson is ({@code LessonVisibility}: PUBLISHED when a library lesson or a published post-mortem teaches it). On the
 * feed, the ids are those the narrowest audience of that status may see, so the indexed copy shows no more than its
 * readers may know.
 */
@RegisterForReflection
public record LessonView(long id, String title, String body, List<String> tags, List<Long> postmortemIds, int recurrence,
                         PostmortemStatus status, String createdBy, Instant createdAt, Instant updatedAt, long version) {
}
