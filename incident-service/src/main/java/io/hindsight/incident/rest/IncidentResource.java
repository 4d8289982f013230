package io.hindsight.incident.rest;

import io.hindsight.incident.domain.Roles;
import io.hindsight.incident.service.IncidentService;
import io.hindsight.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class IncidentResource {

    private final IncidentService service;
    private final SecurityIdentity identity;

    public IncidentResource(IncidentService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Declare an incident", description = "Opens an incident in status Investigating. Returns 201 with its Location.")
    public Response declare(@NotNull @Valid DeclareIncidentRequest request, UriInfo uri) {
        IncidentView view = service.declare(request, identity.getPrincipal().getName());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(view.id())).build())
                .tag(String.valueOf(view.version()))
                .entity(view).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "One incident")
    public Response get(@PathParam("id") long id) {
        IncidentView view = service.find(id).orElseThrow(() -> ProblemException.notFound("No incident " + id));
        return Response.ok(view).tag(String.valueOf(view.version())).build();
    }

    @GET
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Incidents, newest first", description = "Cursor pagination: pass nextCursor of a page as cursor for the next.")
    public IncidentPage list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                             @QueryParam("cursor") String cursor) {
        Long before = parseCursor(cursor);
        List<IncidentView> items = service.newestBefore(before, limit);
        String next = items.size() == limit ? String.valueOf(items.get(items.size() - 1).id()) : null;
        return new IncidentPage(items, next);
    }

    private static Long parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            return Long.parseLong(cursor);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("cursor '" + cursor + "' is not a cursor returned by this API");
        }
    }
}
