package io.hindsight.postmortem.client;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.jboss.logging.Logger;

/**
 * Reads what a post-mortem is pre-filled with (the incident and its timeline), called outside any database
 * transaction. When incident-service is down, slow or its breaker is open, the fallback answers with a note
 * instead, so the post-mortem is still created and its timeline can be refreshed later.
 */
@ApplicationScoped
public class IncidentPrefiller {

    private static final Logger LOG = Logger.getLogger(IncidentPrefiller.class);

    private final IncidentGateway gateway;

    public IncidentPrefiller(IncidentGateway gateway) {
        this.gateway = gateway;
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "unavailable", skipOn = IncidentNotFound.class)
    public IncidentPrefill read(long incidentId, String bearer) {
        IncidentSnapshot incident = gateway.incident(incidentId, bearer);
        return new IncidentPrefill(incident, gateway.timeline(incidentId, bearer), null);
    }

    IncidentPrefill unavailable(long incidentId, String bearer, Throwable cause) {
        String why = cause instanceof CircuitBreakerOpenException ? "its circuit breaker is open after repeated failures"
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        LOG.warnf("incident-service unavailable for incident %d: %s", incidentId, why);
        return IncidentPrefill.unavailable("Incident " + incidentId + " could not be read from incident-service at "
                + Instant.now().truncatedTo(ChronoUnit.SECONDS) + " (" + why + "). Impact window, priority, services,"
                + " timeline and what was tried were not pre-filled; refresh them later with"
                + " POST /api/postmortems/{id}/incident-refresh.");
    }
}
