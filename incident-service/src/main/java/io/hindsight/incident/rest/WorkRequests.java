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
import io.hindsight.incident.domain.Revenue;
import io.hindsight.incident.domain.Scope;
import io.hindsight.incident.domain.TriedResult;
import io.hindsight.incident.domain.Visibility;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The request bodies that work an incident. */
public final class WorkRequests {

    private WorkRequests() {
    }

    /** SEVER answers and the quick questions; booleans default to false, monitoringPresent to true. */
    public record Triage(@NotNull Scope scope, @NotNull Effect effect, @NotNull Visibility visibility,
                         @NotNull Escalation escalation, @NotNull Revenue revenue,
                         Boolean dataAtRisk, Boolean criticalFlowsBroken, Boolean spreading,
                         Boolean monitoringPresent, Boolean safeRollback, @Valid Override override) {
    }

    public record Override(@NotNull Priority priority, @NotBlank @Size(max = 1000) String reason) {
    }

    public record Transition(@NotNull IncidentStatus status, @Size(max = 2000) String note,
                             Boolean force, @Size(max = 1000) String forceReason) {
    }

    public record PhaseChange(@NotNull Phase phase, @Size(max = 2000) String note) {
    }

    public record Note(@Size(max = 2000) String note) {
    }

    public enum TimestampField { impactStartedAt, detectedAt, acknowledgedAt, mitigatedAt, resolvedAt }

    public record TimestampCorrection(@NotNull TimestampField field, @NotNull Instant value,
                                      @NotBlank @Size(max = 1000) String reason) {
    }

    public record Roles(@Size(max = 200) String commander, @Size(max = 200) String commsLead,
                        @Size(max = 50) List<@NotBlank @Size(max = 200) String> responders) {
    }

    /** Edits; absent fields stay as they are. */
    public record Edit(@Size(min = 1, max = 200) String title, @Size(min = 1, max = 4000) String symptom,
                       @Size(min = 1, max = 20) List<@NotBlank @Size(max = 100) String> services,
                       @Size(max = 30) Map<@NotBlank @Size(max = 100) String, @NotBlank @Size(max = 200) String> labels,
                       Boolean drill) {
    }

    public record TriedItem(@NotBlank @Size(max = 500) String what, @NotNull TriedResult result) {
    }

    public record NextStepItem(@NotBlank @Size(max = 500) String action, @Min(0) @Max(1440) Integer etaMinutes) {
    }

    /** The status-update template; status, when given and different, also moves the incident. */
    public record StatusUpdate(IncidentStatus status, @Size(max = 4000) String symptom, @Size(max = 1000) String scope,
                               @Size(max = 200) String started,
                               @Size(max = 30) List<@NotNull @Valid TriedItem> tried,
                               @Size(max = 30) List<@NotNull @Valid NextStepItem> nextSteps,
                               @Size(max = 2000) String workaround, Instant nextUpdateAt) {
    }

    public record NewHypothesis(@NotBlank @Size(max = 2000) String statement, @NotBlank @Size(max = 2000) String prediction,
                                @NotBlank @Size(max = 2000) String howToTest, @Min(1) @Max(1440) Integer timeBoxMinutes) {
    }

    public record HypothesisDecision(@NotNull HypothesisOutcome outcome, @Size(max = 2000) String note) {
    }

    public record NewChange(@NotBlank @Size(max = 2000) String description, Long hypothesisId,
                            @NotBlank @Size(max = 2000) String revertPlan, Boolean force, @Size(max = 1000) String forceReason) {
    }

    public record ChangeVerdict(@NotNull ChangeOutcome outcome, @Size(max = 2000) String note) {
    }

    public record Containment(@NotNull ContainmentKind kind, @NotBlank @Size(max = 2000) String description, Boolean mitigated) {
    }

    /** The seed's fix-safety checklist; absent answers count as "no". */
    public record FixChecklist(BlastRadius blastRadius, Boolean secondPairOfEyes, Boolean rollbackReady, Boolean canaryDeployed,
                               Boolean monitoringInPlace, Boolean symptomVerifiedGone, Boolean noNewErrors) {
    }
}
