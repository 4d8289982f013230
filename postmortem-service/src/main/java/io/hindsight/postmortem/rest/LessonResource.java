package io.hindsight.postmortem.rest;

import io.hindsight.postmortem.domain.Roles;
import io.hindsight.postmortem.service.LessonService;
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
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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

/** Lessons learned: reusable, linked to the post-mortems that taught them, most recurring first. */
@Path("/api/lessons")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Lessons")
public class LessonResource {

    private final LessonService service;
    private final SecurityIdentity identity;

    public LessonResource(LessonService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @GET
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Lessons the caller may see, most recurring first; optionally with a tag",
            description = "A lesson written in a post-mortem is seen once a post-mortem the caller may see teaches it; postmortemIds"
                    + " and recurrence count only those post-mortems.")
    public List<LessonView> list(@QueryParam("tag") @Size(max = 60) String tag,
                                 @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                 @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return service.list(tag == null || tag.isBlank() ? null : tag.strip().toLowerCase(java.util.Locale.ROOT),
                Caller.visibility(identity), offset, limit);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "One lesson with the post-mortems that taught it")
    public Response get(@PathParam("id") long id) {
        LessonView view = service.find(id, Caller.visibility(identity));
        return Response.ok(view).tag(String.valueOf(view.version())).build();
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AUTHOR, Roles.ADMIN})
    @Operation(summary = "Create a lesson (409 naming the existing one if the title is taken)")
    public Response create(@NotNull @Valid LessonRequest request, UriInfo uri) {
        LessonView view;
        try {
            view = service.create(request, identity.getPrincipal().getName());
        } catch (RuntimeException e) {
            if (!LessonService.titleTaken(e)) {
                throw e;
            }
            // lost the race for this title to a creation that has committed: point at it, as for any duplicate
            throw service.duplicate(request.title());
        }
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(view.id())).build())
                .tag(String.valueOf(view.version())).entity(view).build();
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AUTHOR, Roles.ADMIN})
    @Operation(summary = "Edit a lesson; requires If-Match")
    public Response update(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, @NotNull @Valid LessonRequest request) {
        LessonView view;
        try {
            view = service.update(id, Caller.ifMatch(ifMatch), request, Caller.visibility(identity));
        } catch (RuntimeException e) {
            if (!LessonService.titleTaken(e)) {
                throw e;
            }
            throw new ProblemException(Problem.of(409, "Conflict", "Another lesson has this title")
                    .withViolations(List.of(new Problem.Violation("title", "already used by another lesson"))));
        }
        return Response.ok(view).tag(String.valueOf(view.version())).build();
    }
}
