package io.hindsight.incident.domain;

/** What a change did: pending until verified, then improved, no effect, worse or reverted. */
public enum ChangeOutcome {
    PENDING, IMPROVED, NO_EFFECT, WORSE, REVERTED
}
