package io.hindsight.incident.domain;

/** SEVER Effect: what is broken. */
public enum Effect {
    DATA_LOSS, SECURITY_BREACH, SERVICE_DOWN, MAJOR_FEATURE_BROKEN, PERFORMANCE_DEGRADED, MINOR_FEATURE_BROKEN, UI_GLITCH
}
