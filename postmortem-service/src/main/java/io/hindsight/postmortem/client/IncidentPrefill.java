package io.hindsight.postmortem.client;

import java.util.List;

/**
 * What incident-service told us about an incident for a new post-mortem, or, when it could not be reached,
 * nothing but a note saying so.
 */
public record IncidentPrefill(IncidentSnapshot incident, List<IncidentSnapshot.Event> timeline, String note) {

    public boolean available() {
        return incident != null;
    }

    public static IncidentPrefill unavailable(String note) {
        return new IncidentPrefill(null, List.of(), note);
    }
}
