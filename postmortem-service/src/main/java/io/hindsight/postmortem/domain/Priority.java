package io.hindsight.postmortem.domain;

/** Priority of an incident (as incident-service computes it) or of an action item. */
public enum Priority {
    P0, P1, P2, P3
}
