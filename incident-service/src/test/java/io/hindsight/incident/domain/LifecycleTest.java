package io.hindsight.incident.domain;

import static io.hindsight.incident.domain.IncidentStatus.DEPLOYED;
import static io.hindsight.incident.domain.IncidentStatus.FIX_IN_PROGRESS;
import static io.hindsight.incident.domain.IncidentStatus.INVESTIGATING;
import static io.hindsight.incident.domain.IncidentStatus.RESOLVED;
import static io.hindsight.incident.domain.IncidentStatus.ROOT_CAUSE_FOUND;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class LifecycleTest {

    @ParameterizedTest(name = "{0} -> {1} allowed={2}")
    @CsvSource({
            "INVESTIGATING, ROOT_CAUSE_FOUND, true",
            "INVESTIGATING, FIX_IN_PROGRESS, true",
            "INVESTIGATING, DEPLOYED, false",
            "INVESTIGATING, RESOLVED, false",
            "INVESTIGATING, INVESTIGATING, false",
            "ROOT_CAUSE_FOUND, FIX_IN_PROGRESS, true",
            "ROOT_CAUSE_FOUND, INVESTIGATING, true",
            "ROOT_CAUSE_FOUND, DEPLOYED, false",
            "FIX_IN_PROGRESS, DEPLOYED, true",
            "FIX_IN_PROGRESS, ROOT_CAUSE_FOUND, false",
            "FIX_IN_PROGRESS, INVESTIGATING, true",
            "DEPLOYED, RESOLVED, true",
            "DEPLOYED, INVESTIGATING, true",
            "DEPLOYED, FIX_IN_PROGRESS, true",
            "RESOLVED, INVESTIGATING, false",
            "RESOLVED, DEPLOYED, false"})
    void transitionsFollowTheLifecycle(IncidentStatus from, IncidentStatus to, boolean allowed) {
        assertEquals(allowed, Lifecycle.refusal(from, to).isEmpty(), () -> String.valueOf(Lifecycle.refusal(from, to)));
    }

    @Test
    void refusalSaysWhy() {
        assertTrue(Lifecycle.refusal(INVESTIGATING, DEPLOYED).orElseThrow().contains("fix must be in progress"));
        assertTrue(Lifecycle.refusal(RESOLVED, INVESTIGATING).orElseThrow().contains("resolved"));
    }

    @Test
    void statusMovesThePhaseForwardOnly() {
        assertEquals(Phase.FIX, Lifecycle.phaseFor(ROOT_CAUSE_FOUND, Phase.CONTAIN));
        assertEquals(Phase.VERIFY, Lifecycle.phaseFor(DEPLOYED, Phase.FIX));
        assertEquals(Phase.INVESTIGATE, Lifecycle.phaseFor(INVESTIGATING, Phase.VERIFY));
        assertEquals(Phase.TRIAGE, Lifecycle.phaseFor(INVESTIGATING, Phase.TRIAGE));
        assertEquals(Phase.FIX, Lifecycle.phaseFor(FIX_IN_PROGRESS, Phase.FIX));
    }

    @Test
    void timestampsMustKeepTheirOrder() {
        Instant t = Instant.parse("2026-11-27T10:00:00Z");
        Map<String, Instant> ok = new HashMap<>();
        ok.put("impactStartedAt", t);
        ok.put("detectedAt", t.plusSeconds(60));
        ok.put("mitigatedAt", t.plusSeconds(600));
        assertTrue(Lifecycle.orderViolations(ok).isEmpty());

        Map<String, Instant> bad = new HashMap<>(ok);
        bad.put("acknowledgedAt", t.plusSeconds(30));
        var violations = Lifecycle.orderViolations(bad);
        assertEquals(1, violations.size());
        assertEquals("acknowledgedAt", violations.get(0)[0]);
        assertTrue(violations.get(0)[1].contains("detectedAt"));

        Map<String, Instant> reversed = new HashMap<>();
        reversed.put("detectedAt", t);
        reversed.put("resolvedAt", t.minusSeconds(1));
        assertEquals("resolvedAt", Lifecycle.orderViolations(reversed).get(0)[0]);
    }
}
