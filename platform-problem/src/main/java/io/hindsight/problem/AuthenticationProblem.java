package io.hindsight.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A token that fails authentication (bad signature, expired, another issuer, malformed) is refused by the HTTP layer's
 * proactive authentication before JAX-RS runs: the mechanism sets {@code 401} and its {@code WWW-Authenticate}
 * challenge and fails the route. This failure handler (the way the Quarkus security guide documents for customising
 * that answer) keeps the status and the challenge and adds the problem body. A missing token and a missing role are
 * refused inside JAX-RS: {@link ProblemExceptionMappers} answers those.
 */
@ApplicationScoped
public class AuthenticationProblem {

    static final String TITLE = "Unauthorized";
    static final String INVALID_TOKEN = "The bearer token is not valid (expired, altered, or not issued by the hindsight realm); "
            + "get a new access token";
    private static final ObjectMapper JSON = new ObjectMapper();

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(AuthenticationProblem::answer);
    }

    static void answer(RoutingContext ctx) {
        if (!isAuthenticationFailure(ctx.failure()) || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        int status = ctx.response().getStatusCode() == 200 ? 401 : ctx.response().getStatusCode();
        Problem problem = Problem.of(status, status == 401 ? TITLE : "HTTP " + status, INVALID_TOKEN)
                .withInstance(ctx.request().path());
        String body;
        try {
            body = JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":" + status + "}";
        }
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE).end(body);
    }

    private static boolean isAuthenticationFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof AuthenticationFailedException) {
                return true;
            }
        }
        return false;
    }
}
