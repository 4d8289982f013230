package io.hindsight.incident.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** One row per rule of the seed's SEVER triage and quick questions. */
class TriageCalculatorTest {

    private final TriageCalculator calculator = new TriageCalculator();

    /** A calm baseline: a UI glitch for a few users, stable, no revenue, nothing at risk → P2. */
    private static Builder calm() {
        return new Builder();
    }

    static Stream<Arguments> rules() {
        return Stream.of(
                // P0: data at risk or service down
                Arguments.of("user data at risk (quick question YES = P0)", calm().dataAtRisk(), Priority.P0, "data is at risk"),
                Arguments.of("data loss occurring", calm().effect(Effect.DATA_LOSS), Priority.P0, "data loss"),
                Arguments.of("security breach", calm().effect(Effect.SECURITY_BREACH), Priority.P0, "security breach"),
                Arguments.of("service down for all users", calm().effect(Effect.SERVICE_DOWN).scope(Scope.ALL_USERS), Priority.P0, "completely down"),
                Arguments.of("service down for >10% of users", calm().effect(Effect.SERVICE_DOWN).scope(Scope.OVER_10_PERCENT), Priority.P0, "completely down"),
                Arguments.of("critical flows broken for >10% (NO = P0)", calm().criticalFlowsBroken().scope(Scope.ALL_USERS), Priority.P0, "critical flows"),
                Arguments.of("P0 wins over revenue and escalation", calm().dataAtRisk().revenue(Revenue.DIRECT_LOSS).escalation(Escalation.WORSENING), Priority.P0, "all hands"),
                // P1: revenue impact or escalating
                Arguments.of("direct revenue impact", calm().revenue(Revenue.DIRECT_LOSS), Priority.P1, "direct financial impact"),
                Arguments.of("SLA violation", calm().revenue(Revenue.SLA_VIOLATION), Priority.P1, "SLA violation"),
                Arguments.of("legal issue", calm().revenue(Revenue.LEGAL), Priority.P1, "legal"),
                Arguments.of("getting worse over time", calm().escalation(Escalation.WORSENING), Priority.P1, "getting worse"),
                Arguments.of("spreading (SEVER escalation)", calm().escalation(Escalation.SPREADING), Priority.P1, "spreading"),
                Arguments.of("spreading (quick question YES = escalate)", calm().spreading(), Priority.P1, "spreading"),
                Arguments.of("critical flow broken for a subset (NO = P1)", calm().criticalFlowsBroken().scope(Scope.UNDER_10_PERCENT), Priority.P1, "critical flow"),
                Arguments.of("service down for a subset", calm().effect(Effect.SERVICE_DOWN).scope(Scope.SINGLE_CUSTOMER), Priority.P1, "subset"),
                Arguments.of("major feature broken for a subset", calm().effect(Effect.MAJOR_FEATURE_BROKEN), Priority.P1, "major feature"),
                Arguments.of("performance degraded >50%", calm().effect(Effect.PERFORMANCE_DEGRADED), Priority.P1, "performance degraded"),
                // P2: everything else
                Arguments.of("non-critical feature broken", calm().effect(Effect.MINOR_FEATURE_BROKEN), Priority.P2, "non-critical feature"),
                Arguments.of("UI glitch", calm(), Priority.P2, "UI glitch"),
                Arguments.of("internal tools only", calm().visibility(Visibility.INTERNAL_TEAM).scope(Scope.INTERNAL_ONLY), Priority.P2, "internal tools only"),
                Arguments.of("data at risk is P0 even for one customer", calm().dataAtRisk().scope(Scope.SINGLE_CUSTOMER), Priority.P0, "data is at risk"),
                // quick questions that advise without changing the priority
                Arguments.of("no monitoring: restore visibility first", calm().noMonitoring(), Priority.P2, "restore visibility"),
                Arguments.of("safe rollback: consider it", calm().safeRollback(), Priority.P2, "consider it"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rules")
    void eachRuleGivesItsPriorityAndSaysWhy(String rule, Builder input, Priority expected, String reason) {
        TriageCalculator.Result result = calculator.assess(input.build());
        assertEquals(expected, result.priority(), rule);
        assertTrue(result.reasons().stream().anyMatch(r -> r.toLowerCase().contains(reason.toLowerCase())),
                rule + ": reasons " + result.reasons() + " should mention '" + reason + "'");
    }

    @Test
    void everyFiredRuleIsListed() {
        TriageCalculator.Result result = calculator.assess(calm().revenue(Revenue.SLA_VIOLATION).escalation(Escalation.WORSENING).build());
        assertEquals(Priority.P1, result.priority());
        assertTrue(result.reasons().stream().anyMatch(r -> r.contains("SLA")));
        assertTrue(result.reasons().stream().anyMatch(r -> r.contains("getting worse")));
    }

    static final class Builder {
        Scope scope = Scope.UNDER_10_PERCENT;
        Effect effect = Effect.UI_GLITCH;
        Visibility visibility = Visibility.EXTERNAL_CUSTOMERS;
        Escalation escalation = Escalation.STABLE;
        Revenue revenue = Revenue.NONE;
        boolean dataAtRisk;
        boolean criticalFlowsBroken;
        boolean spreading;
        boolean monitoringPresent = true;
        boolean safeRollback;

        Builder scope(Scope s) { scope = s; return this; }
        Builder effect(Effect e) { effect = e; return this; }
        Builder visibility(Visibility v) { visibility = v; return this; }
        Builder escalation(Escalation e) { escalation = e; return this; }
        Builder revenue(Revenue r) { revenue = r; return this; }
        Builder dataAtRisk() { dataAtRisk = true; return this; }
        Builder criticalFlowsBroken() { criticalFlowsBroken = true; return this; }
        Builder spreading() { spreading = true; return this; }
        Builder noMonitoring() { monitoringPresent = false; return this; }
        Builder safeRollback() { safeRollback = true; return this; }

        TriageCalculator.Input build() {
            return new TriageCalculator.Input(scope, effect, visibility, escalation, revenue, dataAtRisk, criticalFlowsBroken, spreading,
                    monitoringPresent, safeRollback);
        }

        @Override
        public String toString() {
            return build().toString();
        }
    }
}
