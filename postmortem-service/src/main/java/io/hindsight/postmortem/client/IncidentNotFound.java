package io.hindsight.postmortem.client;

/** incident-service answered that the incident does not exist or is not visible to the caller (not a failure to retry). */
public class IncidentNotFound extends RuntimeException {
    public IncidentNotFound(long id, int status) {
        super("incident-service has no incident " + id + " for this caller (HTTP " + status + ")", null, false, false);
    }
}
