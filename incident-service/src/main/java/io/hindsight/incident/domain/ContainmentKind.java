package io.hindsight.incident.domain;

/** The seed's containment actions: stop the bleeding before understanding the wound. */
public enum ContainmentKind {
    ROLLBACK, FEATURE_FLAG_OFF, FAILOVER, SCALE_UP
}
