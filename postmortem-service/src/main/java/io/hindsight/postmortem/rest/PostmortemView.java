package io.hindsight.postmortem.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.hindsight.postmortem.domain.Checklist;
import io.hindsight.postmortem.domain.ContributingFactor;
import io.hindsight.postmortem.domain.PostmortemStatus;
import io.hindsight.postmortem.domain.Priority;
import io.hindsight.postmortem.domain.SourceKind;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** A post-mortem as the API and the change feed (entityType {@code postmortem}) show it. */
@RegisterForReflection
public record PostmortemView(long id, Long incidentId, String title, PostmortemStatus status, String summary,
                             Impact impact, List<TimelineEntry> timeline, String rootCause,
                             List<ContributingFactor> contributingFactors, String detection, String wentWell,
                             String wentBadly, String prevention, List<LessonRef> lessons,
                             List<ActionItemView> actionItems, List<String> services, Priority priority,
                             List<String> categories, Instant impactStartedAt, Instant resolvedAt, Instant publishedAt,
                             Source source, Checklist checklist, String noActionItemsReason, Review review,
                             IncidentContext incidentContext, String incidentNote,
                             String createdBy, String updatedBy, Instant createdAt, Instant updatedAt, long version) {

    @RegisterForReflection
    public record Impact(String users, Integer durationMinutes, String revenue, String sla) {
    }

    @RegisterForReflection
    public record LessonRef(long id, String title) {
    }

    @RegisterForReflection
    public record Source(SourceKind kind, String id, String url, String company) {
    }

    @RegisterForReflection
    public record Review(Instant submittedAt, String approvedBy, String comment) {
    }

    /** What incident-service knew when the post-mortem was pre-filled: status updates, hypotheses, changes. */
    @RegisterForReflection
    public record IncidentContext(List<JsonNode> statusUpdates, List<JsonNode> hypotheses, List<JsonNode> changes,
                                  Instant readAt) {
    }
}
