package io.hindsight.ui.rest;

import io.hindsight.ui.client.ActionItems;
import io.hindsight.ui.client.PostmortemClient;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/**
 * Action items across post-mortems: filters by owner, status and overdue, and the completion statistics. Which
 * items a user sees, what counts as overdue and the completion rate are postmortem-service's.
 */
@Path("/action-items")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class ActionItemsPage {

    static final List<String> STATUSES = List.of("OPEN", "IN_PROGRESS", "DONE", "WONT_DO");

    /** The statuses an action item may have (postmortem-service's enum), for the status pickers. */
    @io.quarkus.qute.TemplateGlobal
    static List<String> actionStatuses() {
        return STATUSES;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance items(List<ActionItems.Item> items, ActionItems.Stats stats, String owner, String status,
                                             boolean overdue, List<String> statuses, Flash.Notice notice, String error);
    }

    private final PostmortemClient postmortems;
    private final Flash flash;

    public ActionItemsPage(@RestClient PostmortemClient postmortems, Flash flash) {
        this.flash = flash;
        this.postmortems = postmortems;
    }

    @GET
    public Response list(@QueryParam("owner") String owner, @QueryParam("status") String status, @QueryParam("overdue") String overdue,
                         @CookieParam(Flash.COOKIE) String notice) {
        String o = blank(owner);
        String s = status != null && STATUSES.contains(status) ? status : null;
        boolean late = "on".equals(overdue) || "true".equals(overdue);
        try {
            List<ActionItems.Item> items = postmortems.actionItems(o, s, late, 200);
            ActionItems.Stats stats = postmortems.actionItemStats(o);
            return Response.ok(Templates.items(items, stats, o, s, late, STATUSES, flash.read(notice), null)).build();
        } catch (WebApplicationException | ProcessingException e) {
            return Response.status(503).entity(Templates.items(List.of(), null, o, s, late, STATUSES, null,
                    "Action items are unavailable right now (postmortem-service does not answer).")).build();
        }
    }

    /** Changes an item's status (the rest of the item as it is); back to where the form was. */
    @POST
    @Path("{id}/status")
    public Response status(@PathParam("id") long id, @RestForm String status, @RestForm String back) {
        String target = back != null && back.startsWith("/") && !back.startsWith("//") ? back : "/action-items";
        if (status == null || !STATUSES.contains(status)) {
            return flash.failed(target, "Unknown status.");
        }
        try {
            ActionItems.Item item = postmortems.actionItem(id);
            postmortems.updateActionItem(id, String.valueOf(item.version()), new PostmortemClient.UpdateActionItem(item.title(),
                    item.owner(), item.dueDate(), item.priority(), status, item.link()));
            return flash.ok(target, "“" + item.title() + "” is now " + status.replace('_', ' ').toLowerCase() + ".");
        } catch (WebApplicationException e) {
            return flash.failed(target, Problems.describe(e));
        }
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
