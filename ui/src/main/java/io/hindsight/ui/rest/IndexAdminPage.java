package io.hindsight.ui.rest;

import io.hindsight.ui.client.IndexAdminClient;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * The search index for admins: per feed how far it is applied, its lag, its last successful read and cursor heals,
 * and the dead letters (feed entries search could not apply and went past), each retried or discarded from here.
 * The status part refreshes itself (htmx, every 10 s). The figures and the retry are search-service's.
 */
@Path("/admin/index")
@RolesAllowed("admin")
@Produces(MediaType.TEXT_HTML)
public class IndexAdminPage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance index(IndexAdminClient.Status status, IndexAdminClient.DeadLetters deadLetters, Flash.Notice notice,
                                             String error);

        static native TemplateInstance index$status(IndexAdminClient.Status status);
    }

    private final IndexAdminClient admin;
    private final Flash flash;

    public IndexAdminPage(@RestClient IndexAdminClient admin, Flash flash) {
        this.admin = admin;
        this.flash = flash;
    }

    @GET
    public Response page(@CookieParam(Flash.COOKIE) String cookie) {
        Flash.Notice notice = flash.read(cookie);
        try {
            return Response.ok(Templates.index(admin.status(), admin.deadLetters(), notice, null)).build();
        } catch (WebApplicationException | ProcessingException e) {
            return Response.status(503).entity(Templates.index(null, null, notice,
                    "The search index status is unavailable right now (search-service does not answer).")).build();
        }
    }

    /** The status table alone, for the page's periodic refresh. */
    @GET
    @Path("status")
    public Response status() {
        try {
            return Response.ok(Templates.index$status(admin.status())).build();
        } catch (WebApplicationException | ProcessingException e) {
            return Response.status(503).entity(Templates.index$status(null)).build();
        }
    }

    @POST
    @Path("dead-letters/retry")
    public Response retryAll() {
        try {
            return flash.ok("/admin/index", summary(admin.retryAll()));
        } catch (WebApplicationException e) {
            return flash.failed("/admin/index", Problems.describe(e));
        } catch (ProcessingException e) {
            return flash.failed("/admin/index", "search-service does not answer; nothing was retried.");
        }
    }

    @POST
    @Path("dead-letters/{feed}/{seq}/retry")
    public Response retry(@PathParam("feed") String feed, @PathParam("seq") long seq) {
        try {
            return flash.ok("/admin/index", summary(admin.retry(feed, seq)));
        } catch (WebApplicationException e) {
            return flash.failed("/admin/index", Problems.describe(e));
        } catch (ProcessingException e) {
            return flash.failed("/admin/index", "search-service does not answer; nothing was retried.");
        }
    }

    @POST
    @Path("dead-letters/{feed}/{seq}/discard")
    public Response discard(@PathParam("feed") String feed, @PathParam("seq") long seq) {
        try {
            admin.discard(feed, seq);
            return flash.ok("/admin/index", "Dead letter " + feed + "/" + seq + " discarded.");
        } catch (WebApplicationException e) {
            return flash.failed("/admin/index", Problems.describe(e));
        } catch (ProcessingException e) {
            return flash.failed("/admin/index", "search-service does not answer; nothing was discarded.");
        }
    }

    /** "Retried 3: 2 applied, 1 failed again. 1 dead letter left." */
    static String summary(IndexAdminClient.RetryResults results) {
        List<IndexAdminClient.RetryOutcome> outcomes = results.outcomes() == null ? List.of() : results.outcomes();
        if (outcomes.isEmpty()) {
            return "There was nothing to retry.";
        }
        Map<String, Integer> by = new TreeMap<>();
        outcomes.forEach(o -> by.merge(o.outcome(), 1, Integer::sum));
        StringBuilder s = new StringBuilder("Retried ").append(outcomes.size()).append(':');
        String sep = " ";
        for (var e : by.entrySet()) {
            String what = switch (e.getKey()) {
                case "APPLIED" -> "applied";
                case "FAILED" -> "failed again";
                case "GONE" -> "no longer on the feed (removed)";
                default -> e.getKey().toLowerCase();
            };
            s.append(sep).append(e.getValue()).append(' ').append(what);
            sep = ", ";
        }
        s.append(". ").append(results.remaining()).append(results.remaining() == 1 ? " dead letter" : " dead letters").append(" left.");
        return s.toString();
    }
}
