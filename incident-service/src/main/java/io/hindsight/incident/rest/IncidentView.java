package io.hindsight.incident.rest;

import io.hindsight.incident.domain.BlastRadius;
import io.hindsight.incident.domain.ChangeOutcome;
import io.hindsight.incident.domain.ContainmentKind;
import io.hindsight.incident.domain.Effect;
import io.hindsight.incident.domain.Escalation;
import io.hindsight.incident.domain.HypothesisOutcome;
import io.hindsight.incident.domain.IncidentStatus;
import io.hindsight.incident.domain.Phase;
import io.hindsight.incident.domain.Priority;
import io.hindsight.incident.domain.RedFlagCode;
import io.hindsight.incident.domain.Revenue;
import io.hindsight.incident.domain.Scope;
import io.hindsight.incident.domain.TriedResult;
import io.hindsight.incident.domain.Visibility;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** An incident as the API and the change feed show it (the cross-service contract of entityType {@code incident}). */
@RegisterForReflection
public record IncidentView(
        long id,
        String title,
        String symptom,
        List<String> services,
        Map<String, String> labels,
        boolean drill,
        IncidentStatus status,
        String statusLabel,
        Phase phase,
        Priority priority,
        Triage triage,
        Instant impactStartedAt,
        Instant detectedAt,
        Instant acknowledgedAt,
        Instant mitigatedAt,
        Instant resolvedAt,
        Durations durations,
        String commander,
        String commsLead,
        List<String> responders,
        Instant nextUpdateDue,
        boolean overdue,
        List<RedFlag> redFlags,
        List<HypothesisView> hypotheses,
        List<ChangeView> changes,
        List<ContainmentView> containmentActions,
        FixChecklist fixChecklist,
        int statusUpdateCount,
        List<UpdateSummary> statusUpdates,
        String declaredBy,
        Instant createdAt,
        Instant updatedAt,
        long version) {

    @RegisterForReflection
    public record Triage(Scope scope, Effect effect, Visibility visibility, Escalation escalation, Revenue revenue,
                         boolean dataAtRisk, boolean criticalFlowsBroken, boolean spreading, boolean monitoringPresent,
                         boolean safeRollback, Priority computedPriority, List<String> reasons, Override override,
                         String assessedBy, Instant assessedAt) {
    }

    @RegisterForReflection
    public record Override(Priority priority, String reason, String by, Instant at) {
    }

    /** Seconds between lifecycle timestamps; null while either end is unknown. */
    @RegisterForReflection
    public record Durations(Long timeToDetectSeconds, Long timeToAcknowledgeSeconds, Long timeToMitigateSeconds,
                            Long timeToResolveSeconds, Long impactDurationSeconds) {
    }

    @RegisterForReflection
    public record RedFlag(RedFlagCode code, String message) {
    }

    @RegisterForReflection
    public record HypothesisView(long id, String statement, String prediction, String howToTest, Integer timeBoxMinutes,
                                 Instant timeBoxEndsAt, HypothesisOutcome outcome, String outcomeNote, String createdBy,
                                 Instant createdAt, Instant decidedAt) {
    }

    @RegisterForReflection
    public record ChangeView(long id, String description, Long hypothesisId, String revertPlan, ChangeOutcome outcome,
                             String outcomeNote, boolean forced, String forceReason, String appliedBy, Instant appliedAt,
                             Instant verifiedAt) {
    }

    @RegisterForReflection
    public record ContainmentView(long id, ContainmentKind kind, String description, boolean mitigated, String takenBy, Instant takenAt) {
    }

    @RegisterForReflection
    public record FixChecklist(BlastRadius blastRadius, boolean secondPairOfEyes, boolean rollbackReady, boolean canaryDeployed,
                               boolean monitoringInPlace, boolean symptomVerifiedGone, boolean noNewErrors) {
    }

    @RegisterForReflection
    public record UpdateSummary(int seq, Instant postedAt, IncidentStatus status, Instant nextUpdateAt) {
    }

    /** A full status update: the template's fields and the paste-ready text. */
    @RegisterForReflection
    public record StatusUpdateView(long id, long incidentId, int seq, Instant postedAt, String postedBy, IncidentStatus status,
                                   Priority priority, String symptom, String scope, String started, List<Tried> tried,
                                   List<NextStep> nextSteps, String workaround, Instant nextUpdateAt, String text) {
    }

    @RegisterForReflection
    public record Tried(String what, TriedResult result) {
    }

    @RegisterForReflection
    public record NextStep(String action, Integer etaMinutes) {
    }

    @RegisterForReflection
    public record TimelineEntry(long id, Instant at, String actor, String type, String summary) {
    }

    @RegisterForReflection
    public record Timeline(long incidentId, List<TimelineEntry> events) {
    }
}
