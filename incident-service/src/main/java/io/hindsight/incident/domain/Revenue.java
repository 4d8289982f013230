package io.hindsight.incident.domain;

/** SEVER Revenue: direct financial impact, SLA violations, legal issues, or none. */
public enum Revenue {
    DIRECT_LOSS, SLA_VIOLATION, LEGAL, NONE
}
