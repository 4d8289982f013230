package io.hindsight.postmortem.rest;

import io.hindsight.postmortem.client.IncidentNotFound;
import io.hindsight.postmortem.client.IncidentPrefill;
import io.hindsight.postmortem.client.IncidentPrefiller;
import io.hindsight.postmortem.domain.ReviewWorkflow;
import io.hindsight.postmortem.domain.Roles;
import io.hindsight.postmortem.service.ActionItemService;
import io.hindsight.postmortem.service.LessonService;
import io.hindsight.postmortem.service.PostmortemExporter;
import io.hindsight.postmortem.service.PostmortemService;
import io.hindsight.problem.Problem;
import io.hindsight.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/postmortems")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Post-mortems")
public class PostmortemResource {


    private final PostmortemService service;
    private final ActionItemService actionItems;
    private final LessonService lessons;
    private final IncidentPrefiller prefiller;
    private final SecurityIdentity identity;

    public PostmortemResource(PostmortemService service, ActionItemService actionItems, LessonService lessons,
                              IncidentPrefiller prefiller, SecurityIdentity identity) {
        this.service = service;
        this.actionItems = actionItems;
        this.lessons = lessons;
        this.prefiller = prefiller;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AUTHOR, Roles.ADMIN})
    @Operation(summary = "Start a post-mortem draft",
            description = "With incidentId, pre-fills impact window, priority, services, timeline, status updates, hypotheses and"
                    + " changes from incident-service (the caller's token is passed on). If incident-service is unavailable the"
                    + " draft is still created, with incidentNote saying so.")
    public Response create(@NotNull @Valid CreatePostmortemRequest request, UriInfo uri) {
        IncidentPrefill prefill = request.incidentId() == null ? null : readIncident(request.incidentId());
        PostmortemView view = service.create(request, prefill, Caller.name(identity));
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(view.id())).build())
                .tag(tag(view)).entity(view).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "One post-mortem", description = "Drafts are visible to authors and admins only; leaders also see post-mortems in review.")
    public Response get(@PathParam("id") long id) {
        PostmortemView view = visible(id);
        return Response.ok(view).tag(tag(view)).build();
    }

    @GET
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Post-mortems the caller may see, newest first")
    public List<PostmortemView> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return service.newest(Caller.visibility(identity), limit);
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AUTHOR, Roles.ADMIN})
    @Operation(summary = "Save the post-mortem document",
            description = "Requires If-Match with the version last read; a stale version gets 409 with the current one. Keeps a revision.")
    public Response update(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch,
                           @NotNull @Valid UpdatePostmortemRequest request) {
        PostmortemView view = service.update(id, Caller.ifMatch(ifMatch), request, Caller.name(identity));
        return Response.ok(view).tag(tag(view)).build();
    }

    @POST
    @Path("/{id}/submit")
    @RolesAllowed({Roles.AUTHOR, Roles.ADMIN})
    @Operation(summary = "Submit a draft for review", description = "Requires the success-indicator checklist and an action item or a reason for none.")
    public Response submit(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, @Valid TransitionRequest body) {
        return transition(id, ifMatch, body, ReviewWorkflow.Action.SUBMIT);
    }

    @POST
    @Path("/{id}/approve")
    @RolesAllowed({Roles.LEADER, Roles.ADMIN})
    @Operation(summary = "Approve a post-mortem in review: it is published")
    public Response approve(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, @Valid TransitionRequest body) {
        return transition(id, ifMatch, body, ReviewWorkflow.Action.APPROVE);
    }

    @POST
    @Path("/{id}/request-changes")
    @RolesAllowed({Roles.LEADER, Roles.ADMIN})
    @Operation(summary = "Send a post-mortem in review back to draft, with a comment")
    public Response requestChanges(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, @Valid TransitionRequest body) {
        return transition(id, ifMatch, body, ReviewWorkflow.Action.REQUEST_CHANGES);
    }

    @POST
    @Path("/{id}/reopen")
    @RolesAllowed({Roles.AUTHOR, Roles.ADMIN})
    @Operation(summary = "Reopen a published post-mortem as a draft")
    public Response reopen(@PathParam("id") long id, @HeaderParam("If-Match") String ifMatch, @Valid TransitionRequest body) {
        return transition(id, ifMatch, body, ReviewWorkflow.Action.REOPEN);
    }

    @POST
    @Path("/{id}/incident-refresh")
    @RolesAllowed({Roles.AUTHOR, Roles.ADMIN})
    @Operation(summary = "Re-read the incident: fill empty impact window, priority, services; merge new timeline events")
    public Response refreshFromIncident(@PathParam("id") long id) {
        PostmortemView current = visible(id);
        if (current.incidentId() == null) {
            throw new ProblemException(Problem.of(409, "Conflict", "Post-mortem " + id + " is not linked to an incident"));
        }
        PostmortemView view = service.refreshFromIncident(id, readIncident(current.incidentId()), Caller.name(identity));
        return Response.ok(view).tag(tag(view)).build();
    }

    @GET
    @Path("/{id}/revisions")
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Revisions of a post-mortem, newest first (author and time of each save)",
            description = "Only the revisions saved in a status the caller may see: readers see published revisions only.")
    public List<RevisionView> revisions(@PathParam("id") long id,
                                        @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                        @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(500) int limit) {
        visible(id);
        return service.revisions(id, Caller.visibility(identity), offset, limit);
    }

    @GET
    @Path("/{id}/revisions/{revision}")
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "One revision with the post-mortem as it was")
    public RevisionView revision(@PathParam("id") long id, @PathParam("revision") long revision) {
        visible(id);
        return service.revision(id, revision, Caller.visibility(identity));
    }

    @GET
    @Path("/{id}/diff")
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "What changed between two revisions: one entry per field, with a line diff for text")
    public RevisionView.Diff diff(@PathParam("id") long id, @QueryParam("from") @NotNull @Min(0) Long from,
                                  @QueryParam("to") @NotNull @Min(0) Long to) {
        visible(id);
        return service.diff(id, from, to, Caller.visibility(identity));
    }

    @GET
    @Path("/{id}/export")
    @Produces({"text/markdown", MediaType.TEXT_HTML})
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Export as Markdown (format=markdown) or as a printable HTML page (format=html)")
    public Response export(@PathParam("id") long id,
                           @QueryParam("format") @DefaultValue("markdown") @Pattern(regexp = "markdown|html", message = "must be markdown or html") String format) {
        PostmortemView view = visible(id);
        String file = "postmortem-" + id;
        if (format.equals("html")) {
            return Response.ok(PostmortemExporter.html(view), MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                    .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
                    .header("Content-Disposition", "inline; filename=\"" + file + ".html\"").build();
        }
        return Response.ok(PostmortemExporter.markdown(view), "text/markdown; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"" + file + ".md\"").build();
    }

    @POST
    @Path("/{id}/action-items")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AUTHOR, Roles.ADMIN})
    @Operation(summary = "Add an action item (owner, due date, priority, status, link)")
    public Response addActionItem(@PathParam("id") long id, @NotNull @Valid ActionItemRequest request, UriInfo uri) {
        ActionItemView item = actionItems.add(id, request);
        return Response.created(uri.getBaseUriBuilder().path("api/action-items").path(String.valueOf(item.id())).build())
                .tag(String.valueOf(item.version())).entity(item).build();
    }

    @POST
    @Path("/{id}/lessons")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AUTHOR, Roles.ADMIN})
    @Operation(summary = "Link a lesson: an existing one (lessonId) or a new one (reused when its title exists)")
    public Response linkLesson(@PathParam("id") long id, @NotNull @Valid LinkLessonRequest request) {
        PostmortemView view;
        try {
            view = lessons.link(id, request, Caller.name(identity));
        } catch (RuntimeException e) {
            if (!LessonService.titleTaken(e)) {
                throw e;
            }
            // another linking created this lesson at the same moment and has committed: link that one
            view = lessons.link(id, request, Caller.name(identity));
        }
        return Response.ok(view).tag(tag(view)).build();
    }

    @DELETE
    @Path("/{id}/lessons/{lessonId}")
    @RolesAllowed({Roles.AUTHOR, Roles.ADMIN})
    @Operation(summary = "Unlink a lesson from a post-mortem")
    public Response unlinkLesson(@PathParam("id") long id, @PathParam("lessonId") long lessonId) {
        PostmortemView view = lessons.unlink(id, lessonId, Caller.name(identity));
        return Response.ok(view).tag(tag(view)).build();
    }

    private Response transition(long id, String ifMatch, TransitionRequest body, ReviewWorkflow.Action action) {
        visible(id);
        PostmortemView view = service.transition(id, Caller.optionalIfMatch(ifMatch), action,
                body == null ? null : body.comment(), Caller.name(identity), Caller.reviewer(identity));
        return Response.ok(view).tag(tag(view)).build();
    }

    private IncidentPrefill readIncident(long incidentId) {
        try {
            return prefiller.read(incidentId, Caller.bearer(identity));
        } catch (IncidentNotFound e) {
            throw new ProblemException(Problem.of(422, "Unprocessable Content", e.getMessage())
                    .withViolations(List.of(new Problem.Violation("incidentId", "no such incident visible to you"))));
        }
    }

    private PostmortemView visible(long id) {
        return service.visible(id, Caller.visibility(identity));
    }

    private static EntityTag tag(PostmortemView view) {
        return new EntityTag(String.valueOf(view.version()));
    }
}
