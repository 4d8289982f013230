package io.hindsight.ui.rest;

import io.hindsight.ui.client.SearchClient;
import io.hindsight.ui.client.SearchResults;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** The search page: a query box and the results from search-service, fetched with the user's token. */
@Path("/search")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class SearchPage {

    private static final Logger LOG = Logger.getLogger(SearchPage.class);
    static final int PAGE_SIZE = 20;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance search(String q, SearchResults results, String error, int page, boolean hasNext);
    }

    private final SearchClient search;

    public SearchPage(@RestClient SearchClient search) {
        this.search = search;
    }


    @GET
    public Response search(@QueryParam("q") @DefaultValue("") String q, @QueryParam("page") @DefaultValue("1") int page) {
        int pageNo = Math.max(1, Math.min(page, 500));
        try {
            SearchResults results = search.search(q, (pageNo - 1) * PAGE_SIZE, PAGE_SIZE);
            boolean hasNext = results.total() > (long) pageNo * PAGE_SIZE;
            return Response.ok(Templates.search(q, results, null, pageNo, hasNext)).build();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 400) {
                return Response.status(400).entity(Templates.search(q, null, problemDetail(e), pageNo, false)).build();
            }
            LOG.warnf("search-service answered %d", status);
            return unavailable(q, pageNo);
        } catch (ProcessingException e) {
            LOG.warnf("search-service unreachable: %s", e.getMessage());
            return unavailable(q, pageNo);
        }
    }

    private Response unavailable(String q, int page) {
        return Response.status(503).header("Retry-After", "10")
                .entity(Templates.search(q, null, "Search is unavailable right now. Incidents can still be declared and worked; try the search again in a moment.",
                        page, false)).build();
    }

    @SuppressWarnings("unchecked")
    private static String problemDetail(WebApplicationException e) {
        try {
            Map<String, Object> problem = e.getResponse().readEntity(Map.class);
            Object detail = problem.get("detail");
            return detail == null ? "The query was not understood." : detail.toString();
        } catch (RuntimeException unreadable) {
            return "The query was not understood.";
        }
    }
}
