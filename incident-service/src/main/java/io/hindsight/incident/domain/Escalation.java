package io.hindsight.incident.domain;

/** SEVER Escalation: is it getting worse. */
public enum Escalation {
    WORSENING, SPREADING, STABLE
}
