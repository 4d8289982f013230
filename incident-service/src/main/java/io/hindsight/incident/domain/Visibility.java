package io.hindsight.incident.domain;

/** SEVER Visibility: who notices. */
public enum Visibility {
    EXTERNAL_CUSTOMERS, INTERNAL_TEAM
}
