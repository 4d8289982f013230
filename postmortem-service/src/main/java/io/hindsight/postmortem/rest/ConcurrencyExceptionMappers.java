package io.hindsight.postmortem.rest;

import io.hindsight.problem.Problem;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.hibernate.StaleObjectStateException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A write that lost a race with another one (version changed underneath it) is a 409, not a 500. */
public class ConcurrencyExceptionMappers {

    @ServerExceptionMapper
    public Response optimisticLock(OptimisticLockException e, UriInfo uri) {
        return conflict(uri);
    }

    @ServerExceptionMapper
    public Response staleObject(StaleObjectStateException e, UriInfo uri) {
        return conflict(uri);
    }

    private static Response conflict(UriInfo uri) {
        return Problem.of(409, "Conflict", "Someone else changed this at the same time; reload and re-apply your edit")
                .withInstance(uri.getPath()).toResponse();
    }
}
