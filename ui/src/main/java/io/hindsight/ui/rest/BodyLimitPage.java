package io.hindsight.ui.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.VertxHttpRecorder;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request whose declared body is over {@code quarkus.http.limits.max-body-size} is refused with a friendly
 * {@code 413} page before anything else runs, sign-in included: without this the sign-in redirect came first
 * (a 10.6 MB form post to an unauthenticated UI got its {@code 302}) and Quarkus's own check answers an empty
 * {@code 413}. The page stands alone (no signed-in user is known yet): what happened, what to do, a way back.
 * <p>
 * A signed-in user's body that turns out too large while it is read (sent chunked, without a length; a field over
 * {@code quarkus.http.limits.max-form-attribute-size}; more fields than {@code quarkus.http.limits.max-parameters}) gets the
 * same page from {@link ErrorPages} ({@link ChunkedBodyCount} counts a body without a length).
 */
@ApplicationScoped
public class BodyLimitPage {

    /** Just after the configured headers (security headers stay on this page too), before authentication. */
    static final int ORDER = Integer.MIN_VALUE + 10;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    Optional<MemorySize> maxBodySize;

    void register(@Observes Router router) {
        if (maxBodySize.isEmpty()) {
            return;
        }
        long limit = maxBodySize.get().asLongValue();
        router.route().order(ORDER).handler(ctx -> refuseIfTooLarge(ctx, limit));
        // after Quarkus's own check: a body without a length is counted by ChunkedBodyCount, whose excess is this page;
        // the body reader's own count (an empty 413 straight on the connection) stays as a safety net at twice the limit
        router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT + 1).handler(BodyLimitPage::countedByFilter);
    }

    static void countedByFilter(RoutingContext ctx) {
        Object limit = ctx.get(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY);
        if (limit instanceof Long bytes && bytes > 0) {
            ctx.put(VertxHttpRecorder.MAX_REQUEST_SIZE_KEY, bytes > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : bytes * 2);
        }
        ctx.next();
    }

    /** The configured limit of a whole body, or -1. */
    static long bodyLimit() {
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(-1L);
    }

    /** The answer of a page that was sent too much, after sign-in: the same page, the rest of the body left unread. */
    public static jakarta.ws.rs.core.Response response() {
        return jakarta.ws.rs.core.Response.status(413).type("text/html;charset=UTF-8")
                .header("Cache-Control", "no-store").header("Connection", "close").entity(page(bodyLimit())).build();
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
        answerAndClose(ctx, 413, page(limit));
    }

    /** Answers an error page straight from a route, before sign-in and JAX-RS, and closes the connection afterwards. */
    static void answerAndClose(RoutingContext ctx, int status, String page) {
        ctx.response().setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(v -> ctx.request().connection().close());
        ctx.response().end(page);
    }

    static String page(long limit) {
        long megabytes = Math.max(1, limit / (1024 * 1024));
        long field = ConfigProvider.getConfig().getOptionalValue("quarkus.http.limits.max-form-attribute-size", MemorySize.class)
                .map(MemorySize::asLongValue).orElse(0L);
        String fieldNote = field >= 1024 * 1024 ? " (at most " + field / (1024 * 1024) + " MB in one field)"
                : field > 0 ? " (at most " + field / 1024 + " KB in one field)" : "";
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Too much to send – Hindsight</title>
                  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
                  <link rel="stylesheet" href="/static/hindsight.css">
                </head>
                <body>
                <main id="main">
                <h1>Too much to send</h1>
                <p class="alert" role="alert">What you sent is larger than the %d MB a page of Hindsight accepts%s, so nothing was saved.
                Shorten the longest fields (or split a long text into a linked document) and send it again.</p>
                <p><a href="/incidents">Incidents</a> · <a href="/postmortems">Post-mortems</a> · <a href="/search">Search</a></p>
                </main>
                </body>
                </html>
                """.formatted(megabytes, fieldNote);
    }
}
