package io.hindsight.incident.domain;

/** The STATUS line of the seed's status-update template, in lifecycle order. */
public enum IncidentStatus {
    INVESTIGATING("Investigating"),
    ROOT_CAUSE_FOUND("Root cause found"),
    FIX_IN_PROGRESS("Fix in progress"),
    DEPLOYED("Deployed"),
    RESOLVED("Resolved");

    private final String label;

    IncidentStatus(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
