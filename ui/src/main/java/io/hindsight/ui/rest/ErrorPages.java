package io.hindsight.ui.rest;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Friendly HTML error pages: what happened, in words, and where to go next; never a stack trace. */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    @CheckedTemplate(basePath = "")
    static class Templates {
        static native TemplateInstance error(int status, String title, String message);
    }

    @ServerExceptionMapper
    public Response notFound(NotFoundException e) {
        return page(404, "Not found", e.getMessage() != null && !e.getMessage().startsWith("HTTP")
                ? e.getMessage() : "There is nothing at this address.");
    }

    @ServerExceptionMapper
    public Response badReportPeriod(ReportsPage.BadReportPeriod e) {
        return page(400, "Report period not understood", e.getMessage());
    }

    @ServerExceptionMapper
    public Response backend(ProcessingException e) {
        LOG.warnf("backend unreachable: %s", e.getMessage());
        return page(503, "A service is unavailable", "A part of Hindsight does not answer right now. The rest keeps working; try again in a moment.");
    }

    /** A body counted too large while it was read ({@link ChunkedBodyCount}): the same page as a too-large declared body. */
    @ServerExceptionMapper
    public Response bodyTooLarge(ChunkedBodyCount.BodyTooLarge e) {
        return BodyLimitPage.response();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status == 413 || ChunkedBodyCount.BodyTooLarge.in(e).isPresent()) {
            return BodyLimitPage.response(); // a form field over quarkus.http.limits.max-form-attribute-size, or the count
        }
        if (status == 401 || status == 403) {
            return page(403, "Not allowed", "Your roles do not allow this. Ask an admin if you need it.");
        }
        if (status >= 500) {
            LOG.warnf("backend answered %d: %s", status, e.getMessage());
            return page(503, "A service is unavailable", "A part of Hindsight answered with an error. Try again in a moment.");
        }
        return page(status, "Request not understood", "The page could not handle this request.");
    }

    /**
     * Anything else that escapes a page is our bug: the user gets a calm page with a reference to quote, the log gets the
     * stack trace under the same reference. (Security exceptions keep their own, more specific, mappers: sign-in redirects
     * and 401/403 are not errors.)
     */
    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (tooMuchSent(e)) {
            return BodyLimitPage.response();
        }
        String reference = java.util.UUID.randomUUID().toString().substring(0, 8);
        LOG.errorf(e, "unexpected error on a page, reference %s", reference);
        return page(500, "Something went wrong", "This page failed on our side; nothing you did caused it. Try again, or "
                + "quote reference " + reference + " to an admin.");
    }

    /**
     * The form parser's refusals that are the sender's, not ours: the count of {@link ChunkedBodyCount} (wrapped), or more
     * fields than {@code quarkus.http.limits.max-parameters} (a plain RuntimeException "Param limit of N was exceeded").
     */
    static boolean tooMuchSent(Throwable e) {
        if (ChunkedBodyCount.BodyTooLarge.in(e).isPresent()) {
            return true;
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass() == RuntimeException.class && t.getMessage() != null && t.getMessage().startsWith("Param limit of ")) {
                return true;
            }
        }
        return false;
    }

    private static Response page(int status, String title, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(Templates.error(status, title, message)).build();
    }
}
