package io.hindsight.incident.domain;

/** Where the crisis-response cycle stands: triage, contain, investigate, fix, verify. */
public enum Phase {
    TRIAGE, CONTAIN, INVESTIGATE, FIX, VERIFY
}
