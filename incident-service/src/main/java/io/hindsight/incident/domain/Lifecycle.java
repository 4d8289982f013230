package io.hindsight.incident.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The incident lifecycle: which status transitions are allowed, and the order the lifecycle timestamps must keep
 * (impact started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved).
 */
public final class Lifecycle {

    private Lifecycle() {
    }

    /** Why {@code from → to} is refused, or empty when it is allowed. */
    public static Optional<String> refusal(IncidentStatus from, IncidentStatus to) {
        if (from == to) {
            return Optional.of("The incident is already " + from.label());
        }
        if (from == IncidentStatus.RESOLVED) {
            return Optional.of("The incident is resolved; a resolved incident does not change status (declare a new one)");
        }
        return switch (to) {
            // back to investigating is always possible: the root cause was wrong, the fix did not hold
            case INVESTIGATING, ROOT_CAUSE_FOUND -> from == IncidentStatus.INVESTIGATING || to == IncidentStatus.INVESTIGATING
                    ? Optional.empty()
                    : Optional.of("Cannot go from " + from.label() + " to Root cause found; go back to Investigating first");
            // a fix may start from a found root cause, or straight away (rollback, feature flag off)
            case FIX_IN_PROGRESS -> Optional.empty();
            case DEPLOYED -> from == IncidentStatus.FIX_IN_PROGRESS
                    ? Optional.empty()
                    : Optional.of("Cannot deploy from " + from.label() + ": a fix must be in progress first");
            case RESOLVED -> from == IncidentStatus.DEPLOYED
                    ? Optional.empty()
                    : Optional.of("Cannot resolve from " + from.label()
                            + ": deploy a fix (or record the mitigation as Deployed) and verify it first");
        };
    }

    /** The phase a status moves the incident to, if the phase was behind it. */
    public static Phase phaseFor(IncidentStatus status, Phase current) {
        Phase implied = switch (status) {
            case INVESTIGATING -> Phase.INVESTIGATE;
            case ROOT_CAUSE_FOUND, FIX_IN_PROGRESS -> Phase.FIX;
            case DEPLOYED, RESOLVED -> Phase.VERIFY;
        };
        if (status == IncidentStatus.INVESTIGATING) {
            return current.ordinal() > Phase.INVESTIGATE.ordinal() ? Phase.INVESTIGATE : current;
        }
        return implied.ordinal() > current.ordinal() ? implied : current;
    }

    /** Names of the lifecycle timestamps, in the order they must keep. */
    public static final List<String> TIMESTAMPS = List.of("impactStartedAt", "detectedAt", "acknowledgedAt", "mitigatedAt", "resolvedAt");

    /**
     * Each timestamp that comes before an earlier one of the chain, with why; null entries are skipped.
     * The map must hold the names of {@link #TIMESTAMPS}.
     */
    public static List<String[]> orderViolations(Map<String, Instant> values) {
        List<String[]> out = new ArrayList<>();
        Map<String, Instant> seen = new LinkedHashMap<>();
        for (String name : TIMESTAMPS) {
            Instant value = values.get(name);
            if (value == null) {
                continue;
            }
            for (Map.Entry<String, Instant> earlier : seen.entrySet()) {
                if (value.isBefore(earlier.getValue())) {
                    out.add(new String[] {name, "must not be before " + earlier.getKey() + " (" + earlier.getValue() + ")"});
                    break;
                }
            }
            seen.put(name, value);
        }
        return out;
    }
}
