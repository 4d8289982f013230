package io.hindsight.postmortem.client;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Reads incidents from incident-service. Every read is idempotent, so it is retried; each call has a timeout,
 * and a circuit breaker stops calling a service that keeps failing. A 4xx answer (no such incident, not allowed)
 * is an answer, not a failure: it is neither retried nor counted by the breaker.
 */
@ApplicationScoped
public class IncidentGateway {

    private final IncidentApi api;

    public IncidentGateway(@RestClient IncidentApi api) {
        this.api = api;
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = IncidentNotFound.class)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = IncidentNotFound.class)
    public IncidentSnapshot incident(long id, String bearer) {
        try {
            return api.incident(id, "Bearer " + bearer);
        } catch (WebApplicationException e) {
            throw translate(id, e);
        }
    }

    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = IncidentNotFound.class)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = IncidentNotFound.class)
    public List<IncidentSnapshot.Event> timeline(long id, String bearer) {
        try {
            IncidentSnapshot.Timeline t = api.timeline(id, "Bearer " + bearer);
            return t == null || t.events() == null ? List.of() : t.events();
        } catch (WebApplicationException e) {
            throw translate(id, e);
        }
    }

    private static RuntimeException translate(long id, WebApplicationException e) {
        int status = e.getResponse() == null ? 0 : e.getResponse().getStatus();
        if (status >= 400 && status < 500 && status != 408 && status != 429) {
            return new IncidentNotFound(id, status);
        }
        return e;
    }
}
