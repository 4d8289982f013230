package io.hindsight.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
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
 * Bodies without a length (chunked) are counted while they are read; going over the limit there is a
 * {@code WebApplicationException(413)}, which {@link ProblemExceptionMappers} already turns into a problem.
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
        String path = ctx.request().path();
        Problem problem = Problem.of(413, "Content Too Large",
                "The request body is larger than the limit of " + limit + " bytes").withInstance(path);
        String body;
        try {
            body = JSON.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            body = "{\"type\":\"about:blank\",\"title\":\"Content Too Large\",\"status\":413}";
        }
        // the body is not read: close the connection after the answer, as the HTTP layer's own check does
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(v -> ctx.request().connection().close());
        ctx.response().end(body);
    }
}
