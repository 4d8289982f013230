package io.hindsight.incident.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * SEVER triage as the seed teaches it: Scope, Effect, Visibility, Escalation, Revenue plus the quick questions
 * give a priority. The decision tree: data at risk or service down → P0; revenue impact or escalating → P1;
 * else P2. Every rule that fired is returned as a reason, followed by the advice of the quick questions.
 */
public final class TriageCalculator {

    /** The answers of one triage. */
    public record Input(Scope scope, Effect effect, Visibility visibility, Escalation escalation, Revenue revenue,
                        boolean dataAtRisk, boolean criticalFlowsBroken, boolean spreading,
                        boolean monitoringPresent, boolean safeRollback) {
        public Input {
            Objects.requireNonNull(scope, "scope");
            Objects.requireNonNull(effect, "effect");
            Objects.requireNonNull(visibility, "visibility");
            Objects.requireNonNull(escalation, "escalation");
            Objects.requireNonNull(revenue, "revenue");
        }
    }

    /** The computed priority and why. */
    public record Result(Priority priority, List<String> reasons) {
    }

    public Result assess(Input in) {
        List<String> p0 = new ArrayList<>();
        List<String> p1 = new ArrayList<>();
        boolean wide = in.scope() == Scope.ALL_USERS || in.scope() == Scope.OVER_10_PERCENT;

        // P0 - CRITICAL: data at risk or service down
        if (in.dataAtRisk()) {
            p0.add("User data is at risk (quick question: YES = P0)");
        }
        if (in.effect() == Effect.DATA_LOSS) {
            p0.add("Effect: data loss occurring");
        }
        if (in.effect() == Effect.SECURITY_BREACH) {
            p0.add("Effect: security breach");
        }
        if (in.effect() == Effect.SERVICE_DOWN && wide) {
            p0.add("Effect: service completely down for >10% of users");
        }
        if (in.criticalFlowsBroken() && wide) {
            p0.add("Users cannot complete critical flows, for >10% of users (service effectively down)");
        }

        // P1 - URGENT: revenue impact or escalating
        if (in.revenue() != Revenue.NONE) {
            p1.add("Revenue: " + switch (in.revenue()) {
                case DIRECT_LOSS -> "direct financial impact";
                case SLA_VIOLATION -> "SLA violation";
                case LEGAL -> "legal exposure";
                case NONE -> throw new IllegalStateException();
            });
        }
        if (in.escalation() != Escalation.STABLE || in.spreading()) {
            p1.add("Escalation: the issue is " + (in.escalation() == Escalation.WORSENING ? "getting worse" : "spreading")
                    + " (YES = escalate priority)");
        }
        if (in.criticalFlowsBroken() && !wide) {
            p1.add("Users cannot complete a critical flow (revenue-generating flow impaired)");
        }
        if (in.effect() == Effect.SERVICE_DOWN && !wide) {
            p1.add("Effect: service down for a subset of users");
        }
        if (in.effect() == Effect.MAJOR_FEATURE_BROKEN) {
            p1.add("Effect: major feature broken for a subset of users");
        }
        if (in.effect() == Effect.PERFORMANCE_DEGRADED) {
            p1.add("Effect: performance degraded >50%");
        }

        Priority priority;
        List<String> reasons = new ArrayList<>();
        if (!p0.isEmpty()) {
            priority = Priority.P0;
            reasons.addAll(p0);
            reasons.add("P0 - all hands on deck: immediate mitigation, perfect understanding comes later");
        } else if (!p1.isEmpty()) {
            priority = Priority.P1;
            reasons.addAll(p1);
            reasons.add("P1 - primary focus: focused debugging, time-box each theory");
        } else {
            priority = Priority.P2;
            reasons.add(switch (in.effect()) {
                case MINOR_FEATURE_BROKEN -> "Effect: non-critical feature broken";
                case UI_GLITCH -> "Effect: UI glitch";
                default -> "Effect: " + in.effect() + " without data at risk, revenue impact or escalation";
            });
            if (in.visibility() == Visibility.INTERNAL_TEAM || in.scope() == Scope.INTERNAL_ONLY) {
                reasons.add("Visibility: affects internal tools only");
            }
            reasons.add("P2 - important: document and queue, work during business hours");
        }
        if (!in.monitoringPresent()) {
            reasons.add("No monitoring or logs: first restore visibility");
        }
        if (in.safeRollback()) {
            reasons.add("A safe rollback exists: consider it (contain first, debug the rolled-back version)");
        }
        return new Result(priority, List.copyOf(reasons));
    }
}
