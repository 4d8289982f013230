package io.hindsight.incident.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The seed's red flags ("stop and reassess") that the service can see by itself: more than 3 changes without
 * improvement, a change with no hypothesis, a status update past its due time, an expired time-box.
 * A resolved incident raises none.
 */
public final class RedFlagDetector {

    public static final int MAX_CHANGES_WITHOUT_IMPROVEMENT = 3;

    public record Change(long id, Long hypothesisId, ChangeOutcome outcome) {
    }

    public record Hypothesis(long id, HypothesisOutcome outcome, Instant timeBoxEndsAt) {
    }

    public record Flag(RedFlagCode code, String message) {
    }

    private RedFlagDetector() {
    }

    /** Flags in a stable order; {@code changes} and {@code hypotheses} in the order they were recorded. */
    public static List<Flag> detect(boolean open, Instant now, Instant nextUpdateDue, List<Change> changes, List<Hypothesis> hypotheses) {
        List<Flag> flags = new ArrayList<>();
        if (!open) {
            return flags;
        }
        int sinceImprovement = 0;
        for (Change c : changes) {
            sinceImprovement = c.outcome() == ChangeOutcome.IMPROVED ? 0 : sinceImprovement + 1;
        }
        if (sinceImprovement > MAX_CHANGES_WITHOUT_IMPROVEMENT) {
            flags.add(new Flag(RedFlagCode.CHANGES_WITHOUT_IMPROVEMENT, sinceImprovement
                    + " changes without improvement: stop and reassess (roll back to the last known state, re-read the logs)"));
        }
        List<Long> blind = changes.stream().filter(c -> c.hypothesisId() == null).map(Change::id).toList();
        if (!blind.isEmpty()) {
            flags.add(new Flag(RedFlagCode.CHANGE_WITHOUT_HYPOTHESIS, "Change" + (blind.size() > 1 ? "s " : " ")
                    + blind.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " tested no hypothesis: write the hypothesis down before changing anything"));
        }
        if (nextUpdateDue != null && now.isAfter(nextUpdateDue)) {
            flags.add(new Flag(RedFlagCode.UPDATE_OVERDUE, "Status update overdue since " + nextUpdateDue + ": never go silent"));
        }
        List<Long> expired = hypotheses.stream()
                .filter(h -> h.outcome() == HypothesisOutcome.OPEN && h.timeBoxEndsAt() != null && now.isAfter(h.timeBoxEndsAt()))
                .map(Hypothesis::id).toList();
        if (!expired.isEmpty()) {
            flags.add(new Flag(RedFlagCode.TIMEBOX_EXPIRED, "Time-box expired for hypothesis "
                    + expired.stream().map(String::valueOf).collect(Collectors.joining(", ")) + ": pivot or decide"));
        }
        return flags;
    }
}
