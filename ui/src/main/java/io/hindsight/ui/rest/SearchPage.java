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
import java.util.List;
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
    private static final List<String> FACETS = List.of("type", "service", "priority", "category", "status");
    private static final java.util.Set<String> TYPES = java.util.Set.of("incident", "postmortem", "lesson", "action-item");
    private static final java.util.Set<String> PRIORITIES = java.util.Set.of("P0", "P1", "P2");
    private static final java.util.Set<String> SORTS = java.util.Set.of("relevance", "recent");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance search(String q, Filters filters, SearchResults results, String error, int page,
                                              boolean hasNext);

        static native TemplateInstance suggestions(List<SearchClient.Suggestion> suggestions);
    }

    /** The filters of the search form, echoed into the page and its links. */
    public record Filters(String type, String service, String priority, String sort) {

        /** The filter part of a result-page link. */
        public String query() {
            return param("type", type) + param("service", service) + param("priority", priority) + param("sort", sort);
        }

        private static String param(String name, String value) {
            return value == null ? "" : "&" + name + "=" + java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final SearchClient search;

    public SearchPage(@RestClient SearchClient search) {
        this.search = search;
    }


    @GET
    public Response search(@QueryParam("q") @DefaultValue("") String q, @QueryParam("page") @DefaultValue("1") int page,
                           @QueryParam("type") String type, @QueryParam("service") String service,
                           @QueryParam("priority") String priority, @QueryParam("sort") String sort) {
        int pageNo = Math.max(1, Math.min(page, 500));
        Filters filters = new Filters(oneOf(type, TYPES), blank(service), oneOf(priority, PRIORITIES), oneOf(sort, SORTS));
        try {
            SearchResults results = search.search(q, filters.type(), filters.service(), filters.priority(), filters.sort(), FACETS,
                    (pageNo - 1) * PAGE_SIZE, PAGE_SIZE);
            boolean hasNext = results.total() > (long) pageNo * PAGE_SIZE;
            return Response.ok(Templates.search(q, filters, results, null, pageNo, hasNext)).build();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 400) {
                return Response.status(400).entity(Templates.search(q, filters, null, problemDetail(e), pageNo, false)).build();
            }
            LOG.warnf("search-service answered %d", status);
            return unavailable(q, filters, pageNo);
        } catch (ProcessingException e) {
            LOG.warnf("search-service unreachable: %s", e.getMessage());
            return unavailable(q, filters, pageNo);
        }
    }

    private Response unavailable(String q, Filters filters, int page) {
        return Response.status(503).header("Retry-After", "10")
                .entity(Templates.search(q, filters, null, "Search is unavailable right now. Incidents can still be declared and worked; try the search again in a moment.",
                        page, false)).build();
    }

    /** Suggestions for the search box (titles, services, exception names), as datalist options. */
    @GET
    @Path("suggest")
    public TemplateInstance suggest(@QueryParam("q") String q) {
        if (q == null || q.isBlank() || q.length() > 100) {
            return Templates.suggestions(List.of());
        }
        try {
            return Templates.suggestions(search.suggest(q.strip(), 8));
        } catch (WebApplicationException | ProcessingException e) {
            return Templates.suggestions(List.of());
        }
    }

    private static String oneOf(String value, java.util.Set<String> allowed) {
        return value != null && allowed.contains(value) ? value : null;
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
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
