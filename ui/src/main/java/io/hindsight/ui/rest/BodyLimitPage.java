package io.hindsight.ui.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request whose declared body is over {@code quarkus.http.limits.max-body-size} is refused with a friendly
 * {@code 413} page before anything else runs, sign-in included: without this the sign-in redirect came first
 * (a 10.6 MB form post to an unauthenticated UI got its {@code 302}) and Quarkus's own check answers an empty
 * {@code 413}. The page stands alone (no signed-in user is known yet): what happened, what to do, a way back.
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
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/html;charset=UTF-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .endHandler(v -> ctx.request().connection().close());
        ctx.response().end(page(limit));
    }

    static String page(long limit) {
        long megabytes = Math.max(1, limit / (1024 * 1024));
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
                <p class="alert" role="alert">What you sent is larger than the %d MB a page of Hindsight accepts, so nothing was saved.
                Shorten the longest fields (or split a long text into a linked document) and send it again.</p>
                <p><a href="/incidents">Incidents</a> · <a href="/postmortems">Post-mortems</a> · <a href="/search">Search</a></p>
                </main>
                </body>
                </html>
                """.formatted(megabytes);
    }
}
