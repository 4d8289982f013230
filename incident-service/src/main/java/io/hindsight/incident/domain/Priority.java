package io.hindsight.incident.domain;

/** Incident priority from SEVER triage: P0 all hands, P1 urgent, P2 important. */
public enum Priority {
    P0, P1, P2
}
