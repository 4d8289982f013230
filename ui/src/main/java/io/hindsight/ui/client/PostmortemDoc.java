package io.hindsight.ui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/** The UI's own copy of a post-mortem (postmortem-service's PostmortemView), and the document it saves. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record PostmortemDoc(long id, Long incidentId, String title, String status, String summary, Impact impact,
                            List<Timeline> timeline, String rootCause, List<String> contributingFactors, String detection,
                            String wentWell, String wentBadly, String prevention, List<LessonRef> lessons,
                            List<ActionItem> actionItems, List<String> services, String priority, List<String> categories,
                            Instant impactStartedAt, Instant resolvedAt, Checklist checklist, String noActionItemsReason,
                            Review review, String incidentNote, String createdBy, String updatedBy, Instant updatedAt,
                            long version) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Impact(String users, Integer durationMinutes, String revenue, String sla) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Timeline(Instant at, String actor, String type, String summary) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LessonRef(long id, String title) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ActionItem(long id, String title, String owner, LocalDate dueDate, String priority, String status, String link) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Checklist(boolean rootCauseExplained, boolean fixAddressesCause, boolean metricsConfirmResolution,
                            boolean fixDocumented, boolean preventionIdentified) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Review(Instant submittedAt, String approvedBy, String comment) {
    }

    public boolean factor(String code) {
        return contributingFactors != null && contributingFactors.contains(code);
    }

    public boolean draft() {
        return "DRAFT".equals(status);
    }

    public boolean inReview() {
        return "IN_REVIEW".equals(status);
    }

    /** The document as saved by PUT /api/postmortems/{id}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Save(String title, String summary, Impact impact, List<Timeline> timeline, String rootCause,
                       List<String> contributingFactors, String detection, String wentWell, String wentBadly, String prevention,
                       List<String> services, String priority, List<String> categories, Instant impactStartedAt,
                       Instant resolvedAt, Checklist checklist, String noActionItemsReason) {
    }
}
