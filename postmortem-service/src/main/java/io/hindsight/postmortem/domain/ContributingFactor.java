package io.hindsight.postmortem.domain;

/**
 * The taxonomy of contributing factors: the seed's common mistakes of crisis response and the technical
 * categories of what broke. A post-mortem is tagged with any number of them.
 */
public enum ContributingFactor {
    // how the response went wrong (the seed's common mistakes)
    SHOTGUN_DEBUGGING(Kind.RESPONSE_MISTAKE, "Shotgun debugging"),
    WRONG_ENVIRONMENT(Kind.RESPONSE_MISTAKE, "Wrong environment (works on my machine)"),
    IGNORING_THE_LOGS(Kind.RESPONSE_MISTAKE, "Ignoring the logs"),
    PREMATURE_OPTIMISATION(Kind.RESPONSE_MISTAKE, "Premature optimisation"),
    GOING_SILENT(Kind.RESPONSE_MISTAKE, "Going silent"),
    // what broke
    CONFIG_CHANGE(Kind.TECHNICAL, "Config change"),
    DEPLOY(Kind.TECHNICAL, "Deploy"),
    CAPACITY(Kind.TECHNICAL, "Capacity"),
    DEPENDENCY_FAILURE(Kind.TECHNICAL, "Dependency failure"),
    MISSING_INDEX_SLOW_QUERY(Kind.TECHNICAL, "Missing index / slow query"),
    MEMORY_LEAK_UNBOUNDED_CACHE(Kind.TECHNICAL, "Memory leak / unbounded cache"),
    RACE_CONDITION(Kind.TECHNICAL, "Race condition"),
    CASCADING_FAILURE_NO_TIMEOUTS(Kind.TECHNICAL, "Cascading failure / no timeouts"),
    HARDWARE(Kind.TECHNICAL, "Hardware"),
    TIME(Kind.TECHNICAL, "Time (clocks, time zones, leap seconds, expiry)"),
    SECURITY(Kind.TECHNICAL, "Security"),
    DATA(Kind.TECHNICAL, "Data");

    public enum Kind { RESPONSE_MISTAKE, TECHNICAL }

    private final Kind kind;
    private final String label;

    ContributingFactor(Kind kind, String label) {
        this.kind = kind;
        this.label = label;
    }

    public Kind kind() {
        return kind;
    }

    public String label() {
        return label;
    }
}
