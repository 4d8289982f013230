package io.hindsight.postmortem.rest;

import io.hindsight.postmortem.domain.ActionItemStatus;
import io.hindsight.postmortem.domain.Roles;
import io.hindsight.postmortem.service.ActionItemService;
import io.hindsight.problem.Problem;
import io.hindsight.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Action items across post-mortems (only those of post-mortems the caller may see). */
@Path("/api/action-items")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Action items")
public class ActionItemResource {

    private final ActionItemService service;
    private final SecurityIdentity identity;

    public ActionItemResource(ActionItemService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Action items filtered by owner, status, overdue (open and past due), soonest due first")
    public List<ActionItemView> search(@QueryParam("owner") @Size(max = 200) String owner,
                                       @QueryParam("status") String status,
                                       @QueryParam("overdue") @DefaultValue("false") boolean overdue,
                                       @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                       @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return service.search(blankToNull(owner), status(status), overdue, Caller.visibleStatuses(identity), offset, limit);
    }

    @GET
    @Path("/stats")
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Completion statistics: counts by status, open, overdue, done on time, completion rate (done / not won't-do)")
    public ActionItemService.Stats stats(@QueryParam("owner") @Size(max = 200) String owner) {
        return service.stats(blankToNull(owner), Caller.visibleStatuses(identity));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "One action item")
    public Response get(@PathParam("id") long id) {
        ActionItemView view = service.find(id, Caller.visibleStatuses(identity));
        return Response.ok(view).tag(String.valueOf(view.version())).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AUTHOR, Roles.ADMIN})
    @Operation(summary = "Replace an action item (e.g. mark it DONE); requires If-Match")
    public Response update(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch,
                           @NotNull @Valid ActionItemRequest request) {
        ActionItemView view = service.update(id, Caller.ifMatch(ifMatch), request);
        return Response.ok(view).tag(String.valueOf(view.version())).build();
    }

    /** Parsed here so that a wrong value is a 400 naming the parameter (JAX-RS would answer 404). */
    private static ActionItemStatus status(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return ActionItemStatus.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ProblemException(Problem.of(400, "Bad Request", "Unknown action item status " + value)
                    .withViolations(List.of(new Problem.Violation("status", "must be one of " + List.of(ActionItemStatus.values())))));
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
