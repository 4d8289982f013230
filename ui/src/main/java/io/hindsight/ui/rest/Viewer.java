package io.hindsight.ui.rest;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import java.util.List;
import java.util.Set;

/**
 * The signed-in user as the pages see them ({@code {inject:viewer.name}} in templates). The roles only decide
 * what is shown; every service checks the user's token again for what is allowed.
 */
@Named("viewer")
@RequestScoped
public class Viewer {

    private static final List<String> SUITE_ROLES = List.of("responder", "author", "leader", "runbook", "admin");

    private final SecurityIdentity identity;

    public Viewer(SecurityIdentity identity) {
        this.identity = identity;
    }

    public String name() {
        return identity.isAnonymous() ? "" : identity.getPrincipal().getName();
    }

    /** The suite's roles the user holds, in a stable order. */
    public List<String> roles() {
        Set<String> held = identity.getRoles();
        return SUITE_ROLES.stream().filter(held::contains).toList();
    }

    public boolean has(String role) {
        return identity.hasRole(role);
    }

    /** May declare and work incidents. */
    public boolean canRespond() {
        return has("responder") || has("admin");
    }

    /** May write post-mortems. */
    public boolean canAuthor() {
        return has("author") || has("admin");
    }

    /** May see and administer the search index (status, dead letters). */
    public boolean canAdminister() {
        return has("admin");
    }

    /** May read trend reports. */
    public boolean canReadReports() {
        return has("leader") || has("admin");
    }
}
