package io.hindsight.incident.domain;

import java.time.Duration;

/**
 * How often stakeholders hear from an incident: P0 every 15 minutes, P1 every 30, P2 at a configured interval.
 * An untriaged incident is treated as urgent: "Investigating X, update in 15 min".
 */
public final class StatusCadence {

    private final Duration p2;

    public StatusCadence(Duration p2) {
        if (p2.isNegative() || p2.isZero()) {
            throw new IllegalArgumentException("P2 cadence must be positive");
        }
        this.p2 = p2;
    }

    public Duration of(Priority priority) {
        if (priority == null) {
            return Duration.ofMinutes(15);
        }
        return switch (priority) {
            case P0 -> Duration.ofMinutes(15);
            case P1 -> Duration.ofMinutes(30);
            case P2 -> p2;
        };
    }
}
