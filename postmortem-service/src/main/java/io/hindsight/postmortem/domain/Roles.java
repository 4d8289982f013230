package io.hindsight.postmortem.domain;

/** Realm roles of the hindsight Keycloak realm, as used in this service's role declarations. */
public final class Roles {
    public static final String RESPONDER = "responder";
    public static final String AUTHOR = "author";
    public static final String LEADER = "leader";
    public static final String RUNBOOK = "runbook";
    public static final String ADMIN = "admin";

    private Roles() {
    }
}
