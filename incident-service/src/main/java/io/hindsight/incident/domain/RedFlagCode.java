package io.hindsight.incident.domain;

/** The red flags the service raises by itself. */
public enum RedFlagCode {
    CHANGES_WITHOUT_IMPROVEMENT, CHANGE_WITHOUT_HYPOTHESIS, UPDATE_OVERDUE, TIMEBOX_EXPIRED
}
