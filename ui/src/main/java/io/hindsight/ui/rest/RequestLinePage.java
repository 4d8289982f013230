package io.hindsight.ui.rest;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * A request line ({@code GET /search?q=… HTTP/1.1}) over {@code hindsight.http.max-request-line-length} (4096 bytes) is
 * refused with a friendly {@code 414} page before anything else runs, sign-in included, like {@link BodyLimitPage}'s
 * {@code 413}. The HTTP codec's own limit answered an empty {@code 414} (Quarkus offers no way to replace Vert.x's
 * invalid-request handler), so it is raised to 64 KB ({@code quarkus.http.limits.max-initial-line-length}); a line
 * beyond that still gets the codec's empty {@code 414}. The API services do the same with a problem
 * ({@code platform-problem}'s {@code RequestLineLimit}).
 */
@ApplicationScoped
public class RequestLinePage {

    private static final Logger LOG = Logger.getLogger(RequestLinePage.class);

    @ConfigProperty(name = "hindsight.http.max-request-line-length", defaultValue = "4096")
    int limit;

    @ConfigProperty(name = "quarkus.http.limits.max-initial-line-length", defaultValue = "4096")
    int codecLimit;

    void register(@Observes Router router) {
        if (codecLimit <= limit) {
            LOG.warnf("quarkus.http.limits.max-initial-line-length (%d) is not above hindsight.http.max-request-line-length (%d):"
                    + " a too-long address gets the HTTP codec's empty 414, not the page", codecLimit, limit);
        }
        router.route().order(BodyLimitPage.ORDER - 1).handler(ctx -> refuseIfTooLong(ctx, limit));
    }

    static void refuseIfTooLong(RoutingContext ctx, int limit) {
        String uri = ctx.request().uri();
        int length = ctx.request().method().name().length() + 1 + (uri == null ? 0 : uri.length()) + 1 + "HTTP/1.1".length();
        if (length <= limit) {
            ctx.next();
            return;
        }
        BodyLimitPage.answerAndClose(ctx, 414, page(limit));
    }

    static String page(int limit) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <meta name="viewport" content="width=device-width, initial-scale=1">
                  <title>Address too long – Hindsight</title>
                  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
                  <link rel="stylesheet" href="/static/hindsight.css">
                </head>
                <body>
                <main id="main">
                <h1>Address too long</h1>
                <p class="alert" role="alert">The address of this page, with its search words and filters, is longer than the %d bytes
                Hindsight accepts, so nothing was done. Use fewer or shorter search words or filters and try again.</p>
                <p><a href="/incidents">Incidents</a> · <a href="/postmortems">Post-mortems</a> · <a href="/search">Search</a></p>
                </main>
                </body>
                </html>
                """.formatted(limit);
    }
}
