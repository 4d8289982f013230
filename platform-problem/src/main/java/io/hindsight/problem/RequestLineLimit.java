package io.hindsight.problem;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The length limit of the request line ({@code GET /api/search?q=… HTTP/1.1}), answered as a {@code 414}
 * problem. The HTTP codec's own limit ({@code quarkus.http.limits.max-initial-line-length}) answers an empty
 * {@code 414} from Vert.x's default invalid-request handler, which Quarkus gives no way to replace (the
 * {@code HttpServer} it creates is not reachable, and {@code HttpServerOptions} has no such handler). So each
 * service raises the codec's limit well above the intended one (64 KB) and this route, the first after the configured
 * headers and before authentication, refuses a line over {@code hindsight.http.max-request-line-length} (4096 bytes,
 * the codec's former default) with a problem that says what to do. A line beyond the codec's raised limit still gets
 * the codec's empty {@code 414}.
 */
@ApplicationScoped
public class RequestLineLimit {

    /** With the first routes (configured headers, access log), before the body handler and authentication. */
    public static final int ORDER = Integer.MIN_VALUE;
    public static final String TITLE = "URI Too Long";
    private static final Logger LOG = Logger.getLogger(RequestLineLimit.class);

    @ConfigProperty(name = "hindsight.http.max-request-line-length", defaultValue = "4096")
    int limit;

    @ConfigProperty(name = "quarkus.http.limits.max-initial-line-length", defaultValue = "4096")
    int codecLimit;

    void register(@Observes Router router) {
        if (codecLimit <= limit) {
            LOG.warnf("quarkus.http.limits.max-initial-line-length (%d) is not above hindsight.http.max-request-line-length (%d):"
                    + " a too-long request line gets the HTTP codec's empty 414, not a problem", codecLimit, limit);
        }
        router.route().order(ORDER).handler(ctx -> refuseIfTooLong(ctx, limit));
    }

    /** The length of the request line as the HTTP codec counts it: method, URI and version, without the CRLF. */
    public static int length(HttpServerRequest request) {
        String uri = request.uri();
        return request.method().name().length() + 1 + (uri == null ? 0 : uri.length()) + 1 + "HTTP/1.1".length();
    }

    public static String detail(int limit) {
        return "The request line (method, path and query string) is longer than " + limit + " bytes. Shorten the query "
                + "string (fewer or shorter parameters), or send long input in a request body where the operation takes one "
                + "(e.g. POST /api/search/similar).";
    }

    static void refuseIfTooLong(RoutingContext ctx, int limit) {
        int length = length(ctx.request());
        if (length <= limit) {
            ctx.next();
            return;
        }
        // a body that came with the request is not read: close the connection after the answer, as the codec does
        BodyLimitProblem.answerAndClose(ctx, Problem.of(414, TITLE, detail(limit)).withInstance(ctx.request().path())
                .withExtensions(Map.of("limit", limit, "length", length)));
    }
}
