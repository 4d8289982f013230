package io.hindsight.ui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** The UI's own copy of the incident fields the war room shows (incident-service's IncidentView). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentDetail(long id, String title, String symptom, List<String> services, boolean drill, String status,
                             String statusLabel, String phase, String priority, Triage triage, Instant impactStartedAt,
                             Instant detectedAt, Instant acknowledgedAt, Instant mitigatedAt, Instant resolvedAt,
                             String commander, String commsLead, List<String> responders, Instant nextUpdateDue, boolean overdue,
                             List<IncidentSummary.RedFlag> redFlags, List<Hypothesis> hypotheses, List<Change> changes,
                             List<Containment> containmentActions, FixChecklist fixChecklist, int statusUpdateCount,
                             long version) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Triage(String scope, String effect, String visibility, String escalation, String revenue,
                         String computedPriority, List<String> reasons, Override override) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Override(String priority, String reason, String by) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Hypothesis(long id, String statement, String prediction, String howToTest, Integer timeBoxMinutes,
                             Instant timeBoxEndsAt, String outcome, String outcomeNote, String createdBy) {
        public boolean open() {
            return "OPEN".equals(outcome);
        }
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Change(long id, String description, Long hypothesisId, String revertPlan, String outcome, String outcomeNote,
                         boolean forced, String forceReason, String appliedBy, Instant appliedAt) {
        public boolean pending() {
            return "PENDING".equals(outcome);
        }
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Containment(long id, String kind, String description, boolean mitigated, String takenBy, Instant takenAt) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record FixChecklist(String blastRadius, boolean secondPairOfEyes, boolean rollbackReady, boolean canaryDeployed,
                               boolean monitoringInPlace, boolean symptomVerifiedGone, boolean noNewErrors) {
    }

    public List<IncidentSummary.RedFlag> flags() {
        return redFlags == null ? List.of() : redFlags;
    }

    public List<Hypothesis> hypothesisList() {
        return hypotheses == null ? List.of() : hypotheses;
    }

    public List<Change> changeList() {
        return changes == null ? List.of() : changes;
    }

    public List<Containment> containmentList() {
        return containmentActions == null ? List.of() : containmentActions;
    }

    public boolean resolved() {
        return "RESOLVED".equals(status);
    }
}
