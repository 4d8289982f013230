package io.hindsight.incident.domain;

/** Where a hypothesis stands: open until confirmed, ruled out or abandoned. */
public enum HypothesisOutcome {
    OPEN, CONFIRMED, RULED_OUT, ABANDONED
}
