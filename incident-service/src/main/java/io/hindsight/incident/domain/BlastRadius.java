package io.hindsight.incident.domain;

/** Fix-safety checklist: can this fix make things worse. */
public enum BlastRadius {
    LOW, MEDIUM, HIGH
}
