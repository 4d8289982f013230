package io.hindsight.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * No NUL character in a query or path parameter ({@code ?service=x%00y}): PostgreSQL text cannot hold one, so a filter
 * built from it failed the query with a 500 (found by e2e {@code ParameterEdgesTest} on incident-service's
 * {@code service}, postmortem-service's {@code owner} and {@code tag}). The same rule as {@link StrictJson} for bodies:
 * a 400 problem naming the parameter, for every operation of every service, before any code of the operation runs.
 */
public class ParameterText {

    @ServerRequestFilter
    public Response refuseNul(ContainerRequestContext request) {
        String bad = withNul(request.getUriInfo().getQueryParameters());
        if (bad == null) {
            bad = withNul(request.getUriInfo().getPathParameters());
        }
        if (bad == null) {
            return null;
        }
        return new ProblemException(Problem.of(400, "Bad Request", "The parameter " + bad + " contains a NUL character (%00)")
                .withViolations(List.of(new Problem.Violation(bad, "a NUL character is not allowed in text"))))
                .toResponse();
    }

    private static String withNul(MultivaluedMap<String, String> parameters) {
        for (Map.Entry<String, List<String>> p : parameters.entrySet()) {
            for (String v : p.getValue()) {
                if (v != null && v.indexOf('\u0000') >= 0) {
                    return p.getKey().replace('\u0000', '\uFFFD');
                }
            }
        }
        return null;
    }
}
