package io.hindsight.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request whose {@code Content-Length} is over {@code quarkus.http.limits.max-body-size} is refused by the HTTP
 * layer before JAX-RS runs, with an empty body. This route runs just before that check and answers the same
 * {@code 413} as an {@code application/problem+json} document, so every error of the API has one shape.
 * <p>
 * Bodies without a length (chunked) are counted while they are read. Quarkus REST's own count would answer an
 * empty {@code 413} directly on the connection, past every mapper; for those requests a second route takes the
 * limit Quarkus hands to its body reader away again, and {@link ChunkedBodyLimit} counts instead, so that going
 * over the limit is the same problem (see {@link ProblemExceptionMappers}).
 */
@ApplicationScoped
public class BodyLimitProblem {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void register(@Observes Router router) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long limit = maxBodySize.get().asLongValue();
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(ctx -> refuseIfTooLarge(ctx, limit));
        // after Quarkus's own check (which leaves the limit of a body without a length for its body reader)
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(BodyLimitProblem::countedByInterceptor);
    }

    /**
     * A body without a length is counted by {@link ChunkedBodyLimit}, which answers a problem, not an empty 413. The
     * body reader's own count stays as a safety net for a body that no entity reader reads, at twice the limit, far
     * enough above it that the interceptor (which counts the bytes read, not the bytes received) always comes first.
     */
    static void countedByInterceptor(RoutingContext ctx) {
        Object limit = ctx.get(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY);
        if (limit instanceof Long bytes && bytes > 0) {
            ctx.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, bytes > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : bytes * 2);
        }
        ctx.next();
    }

    static Problem tooLarge(long limit) {
        return Problem.of(413, "Content Too Large", "The request body is larger than the limit of " + limit + " bytes");
    }

    static void refuseIfTooLarge(RoutingContext ctx, long limit) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long declared;
        try {
            declared = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            declared = -1; // the HTTP codec refuses a malformed length itself
        }
        if (declared <= limit) {
            ctx.next();
            return;
        }
        // the body is not read: close the connection after the answer, as the HTTP layer's own check does
        answerAndClose(ctx, tooLarge(limit).withInstance(ctx.request().path()));
    }

    /**
     * Answers {@code problem} straight from a route, before JAX-RS (and its mappers) runs, and closes the connection
     * afterwards: for refusals whose request body is left unread.
     */
    static void answerAndClose(RoutingContext ctx, Problem problem) {
        String body;
        try {
            body = JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"type\":\"about:blank\",\"title\":\"" + problem.title() + "\",\"status\":" + problem.status() + "}";
        }
        ctx.response().setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(v -> ctx.request().connection().close());
        ctx.response().end(body);
    }
}
