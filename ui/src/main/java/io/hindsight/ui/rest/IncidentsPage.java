package io.hindsight.ui.rest;

import io.hindsight.ui.client.IncidentClient;
import io.hindsight.ui.client.IncidentPage;
import io.hindsight.ui.client.IncidentSummary;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** The incidents list (open first, priority colours, overdue and red-flag markers, filters) and one incident. */
@Path("/incidents")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class IncidentsPage {

    private static final Logger LOG = Logger.getLogger(IncidentsPage.class);
    private static final Set<String> PRIORITIES = Set.of("P0", "P1", "P2");

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<IncidentSummary> incidents, String show, String priority, String service,
                                            String nextCursor, String error);

    }

    private final IncidentClient incidents;

    public IncidentsPage(@RestClient IncidentClient incidents) {
        this.incidents = incidents;
    }

    @GET
    public Response list(@QueryParam("show") String show, @QueryParam("priority") String priority,
                         @QueryParam("service") String service, @QueryParam("cursor") String cursor) {
        String scope = "closed".equals(show) || "all".equals(show) ? show : "open";
        Boolean open = switch (scope) {
            case "closed" -> false;
            case "all" -> null;
            default -> true;
        };
        String prio = priority != null && PRIORITIES.contains(priority) ? priority : null;
        String svc = service == null || service.isBlank() ? null : service.strip();
        try {
            IncidentPage page = incidents.list(50, blankToNull(cursor), open, prio, svc);
            List<IncidentSummary> sorted = page.items().stream()
                    .sorted(Comparator.comparing(IncidentSummary::open).reversed()
                            .thenComparing(i -> i.priority() == null ? "P9" : i.priority())
                            .thenComparing(Comparator.comparingLong(IncidentSummary::id).reversed()))
                    .toList();
            return Response.ok(Templates.list(sorted, scope, prio, svc, page.nextCursor(), null)).build();
        } catch (WebApplicationException | ProcessingException e) {
            LOG.warnf("incident-service unavailable: %s", e.getMessage());
            return Response.status(503).header("Retry-After", "10").entity(Templates.list(List.of(), scope, prio, svc, null,
                    "The incident list is unavailable right now (incident-service does not answer). Search still works.")).build();
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
