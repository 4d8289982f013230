package io.hindsight.incident.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatusUpdateTextTest {

    @Test
    void rendersTheSeedsExampleInTheTemplateLayout() {
        String text = StatusUpdateText.render(new StatusUpdateText.Content(
                Instant.parse("2026-11-27T14:37:00Z"), Priority.P1, IncidentStatus.ROOT_CAUSE_FOUND,
                "Checkout failing with 500 error", "~15% of users (those with promo codes)", "~14:20 UTC after deployment",
                List.of(new StatusUpdateText.Tried("Checked database - no issues", TriedResult.RULED_OUT),
                        new StatusUpdateText.Tried("Found exception in logs: NullPointerException in PromoValidator", TriedResult.WORKED),
                        new StatusUpdateText.Tried("Rolling back didn't help (bug was dormant)", TriedResult.DID_NOT_HELP)),
                List.of(new StatusUpdateText.NextStep("Add null check to PromoValidator", 5),
                        new StatusUpdateText.NextStep("Deploy to canary", 10),
                        new StatusUpdateText.NextStep("Monitor for 5 min, then full rollout", null)),
                "Users can checkout without promo codes", Instant.parse("2026-11-27T15:00:00Z")));
        assertEquals("""
                14:37 UTC - P1 Issue Update
                STATUS: Root cause found
                WHAT WE KNOW:
                - Symptom: Checkout failing with 500 error
                - Scope: ~15% of users (those with promo codes)
                - Started: ~14:20 UTC after deployment
                WHAT WE'VE TRIED:
                - ✅ Checked database - no issues (ruled out)
                - ✅ Found exception in logs: NullPointerException in PromoValidator
                - ❌ Rolling back didn't help (bug was dormant)
                NEXT STEPS:
                - Add null check to PromoValidator (ETA: 5 min)
                - Deploy to canary (ETA: 10 min)
                - Monitor for 5 min, then full rollout
                WORKAROUND: Users can checkout without promo codes
                NEXT UPDATE: 15:00 UTC
                """, text);
    }

    @Test
    void emptyFieldsSayUnknownOrNoneYet() {
        String text = StatusUpdateText.render(new StatusUpdateText.Content(Instant.parse("2026-11-27T23:50:00Z"), null,
                IncidentStatus.INVESTIGATING, "s", null, null, List.of(), List.of(), null, Instant.parse("2026-11-28T00:05:00Z")));
        assertEquals("""
                23:50 UTC - Untriaged Issue Update
                STATUS: Investigating
                WHAT WE KNOW:
                - Symptom: s
                - Scope: unknown
                - Started: unknown
                WHAT WE'VE TRIED:
                - Nothing yet
                NEXT STEPS:
                - None yet
                WORKAROUND: None yet
                NEXT UPDATE: 2026-11-28 00:05 UTC
                """, text);
    }

    @Test
    void cadenceFollowsPriority() {
        StatusCadence cadence = new StatusCadence(Duration.ofMinutes(120));
        assertEquals(Duration.ofMinutes(15), cadence.of(Priority.P0));
        assertEquals(Duration.ofMinutes(30), cadence.of(Priority.P1));
        assertEquals(Duration.ofMinutes(120), cadence.of(Priority.P2));
        assertEquals(Duration.ofMinutes(15), cadence.of(null));
        assertThrows(IllegalArgumentException.class, () -> new StatusCadence(Duration.ZERO));
    }
}
