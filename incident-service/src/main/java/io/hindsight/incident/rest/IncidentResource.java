package io.hindsight.incident.rest;

import io.hindsight.incident.domain.IncidentStatus;
import io.hindsight.incident.domain.Priority;
import io.hindsight.incident.domain.Roles;
import io.hindsight.incident.repository.IncidentRepository;
import io.hindsight.incident.service.IdempotencyKeys;
import io.hindsight.incident.service.IncidentService;
import io.hindsight.incident.service.IncidentService.Written;
import io.hindsight.problem.Problem;
import io.hindsight.problem.ParameterValues;
import io.hindsight.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.PersistenceException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Incidents over HTTP. Writes accept {@code If-Match} (the ETag of the version the caller read; a stale one gets 409 with
 * the current version); creates accept {@code Idempotency-Key} (a retry returns the first result).
 */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class IncidentResource {

    private static final String IF_MATCH = "If-Match";
    private static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final IncidentService service;
    private final IdempotencyKeys keys;
    private final SecurityIdentity identity;

    public IncidentResource(IncidentService service, IdempotencyKeys keys, SecurityIdentity identity) {
        this.service = service;
        this.keys = keys;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Declare an incident", description = "Opens an incident in status Investigating. Returns 201 with its Location. "
            + "With an Idempotency-Key header a retry returns the first result instead of a second incident.")
    public Response declare(@NotNull @Valid DeclareIncidentRequest request, UriInfo uri,
                            @HeaderParam(IDEMPOTENCY_KEY) @Size(min = 1, max = 200) String idempotencyKey) {
        String actor = actor();
        Written<IncidentView> w = idempotent(idempotencyKey, () -> service.declare(request, actor, idempotencyKey));
        return Response.created(uri.getBaseUriBuilder().path("api/incidents").path(String.valueOf(w.body().id())).build())
                .tag(String.valueOf(w.version()))
                .header("Idempotent-Replayed", w.replayed() ? "true" : null)
                .entity(w.body()).build();
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
    @Operation(summary = "Incidents, newest first", description = "Cursor pagination: pass nextCursor of a page as cursor for the next. "
            + "Filters: status, priority, service, open (true: not resolved; false: resolved), since (created at or after), drill. "
            + "Each item carries its red flags.")
    public IncidentPage list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit,
                             @QueryParam("cursor") String cursor,
                             @QueryParam("status") String status,
                             @QueryParam("priority") String priority,
                             @QueryParam("service") @Size(max = 100) String serviceName,
                             @QueryParam("open") Boolean open,
                             @QueryParam("since") String since,
                             @QueryParam("drill") Boolean drill) {
        Long before = parseCursor(cursor);
        IncidentRepository.Filter filter = new IncidentRepository.Filter(
                parseEnum("status", status, IncidentStatus.class), parseEnum("priority", priority, Priority.class),
                serviceName == null || serviceName.isBlank() ? null : serviceName.strip(), open, parseSince(since), drill);
        List<IncidentView> items = service.newestBefore(before, limit, filter);
        String next = items.size() == limit ? String.valueOf(items.get(items.size() - 1).id()) : null;
        return new IncidentPage(items, next);
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Edit title, symptom, services, labels or drill flag")
    public Response edit(@PathParam("id") long id, @HeaderParam(IF_MATCH) String ifMatch, @NotNull @Valid WorkRequests.Edit body) {
        return ok(service.edit(id, version(ifMatch), actor(), body));
    }

    @POST
    @Path("/{id}/triage")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "SEVER triage", description = "Computes P0/P1/P2 with reasons; an optional override (priority + reason) is kept. "
            + "Re-triage adds to the history.")
    public Response triage(@PathParam("id") long id, @HeaderParam(IF_MATCH) String ifMatch, @NotNull @Valid WorkRequests.Triage body) {
        return ok(service.triage(id, version(ifMatch), actor(), body));
    }

    @GET
    @Path("/{id}/triage")
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Triage history, oldest first")
    public List<IncidentView.Triage> triageHistory(@PathParam("id") long id) {
        return service.triageHistory(id);
    }

    @POST
    @Path("/{id}/triage/override")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Override the computed priority, with a reason that is kept")
    public Response override(@PathParam("id") long id, @HeaderParam(IF_MATCH) String ifMatch, @NotNull @Valid WorkRequests.Override body) {
        return ok(service.override(id, version(ifMatch), actor(), body));
    }

    @POST
    @Path("/{id}/transitions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Move the status", description = "Investigating → Root cause found → Fix in progress → Deployed → Resolved. "
            + "A transition the lifecycle forbids, or an incomplete fix-safety checklist, gets 409 saying why.")
    public Response transition(@PathParam("id") long id, @HeaderParam(IF_MATCH) String ifMatch, @NotNull @Valid WorkRequests.Transition body) {
        return ok(service.transition(id, version(ifMatch), actor(), body));
    }

    @POST
    @Path("/{id}/phase")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Set the phase (triage, contain, investigate, fix, verify)")
    public Response phase(@PathParam("id") long id, @HeaderParam(IF_MATCH) String ifMatch, @NotNull @Valid WorkRequests.PhaseChange body) {
        return ok(service.phase(id, version(ifMatch), actor(), body));
    }

    @POST
    @Path("/{id}/acknowledge")
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Acknowledge: sets acknowledgedAt; the caller becomes commander if there is none")
    public Response acknowledge(@PathParam("id") long id, @HeaderParam(IF_MATCH) String ifMatch) {
        return ok(service.acknowledge(id, version(ifMatch), actor(), null));
    }

    @POST
    @Path("/{id}/mitigate")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Record that the impact is mitigated (sets mitigatedAt)")
    public Response mitigate(@PathParam("id") long id, @HeaderParam(IF_MATCH) String ifMatch, @Valid WorkRequests.Note body) {
        return ok(service.mitigate(id, version(ifMatch), actor(), body == null ? null : body.note()));
    }

    @POST
    @Path("/{id}/timestamp-corrections")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Correct a lifecycle timestamp", description = "Audited: the old and new value and the reason go on the timeline.")
    public Response correct(@PathParam("id") long id, @HeaderParam(IF_MATCH) String ifMatch,
                            @NotNull @Valid WorkRequests.TimestampCorrection body) {
        return ok(service.correctTimestamp(id, version(ifMatch), actor(), body));
    }

    @PUT
    @Path("/{id}/roles")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Set commander, comms lead and responders")
    public Response roles(@PathParam("id") long id, @HeaderParam(IF_MATCH) String ifMatch, @NotNull @Valid WorkRequests.Roles body) {
        return ok(service.roles(id, version(ifMatch), actor(), body));
    }

    @POST
    @Path("/{id}/updates")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Post a status update", description = "The template's fields; returns the update with its paste-ready text. "
            + "A status different from the incident's moves it (responder, admin); a runbook's update may not (403). "
            + "nextUpdateAt defaults to the priority's cadence (P0 15 min, P1 30 min, P2 configured) and may not exceed it.")
    public Response postUpdate(@PathParam("id") long id, @HeaderParam(IF_MATCH) String ifMatch,
                               @HeaderParam(IDEMPOTENCY_KEY) @Size(min = 1, max = 200) String idempotencyKey,
                               @NotNull @Valid WorkRequests.StatusUpdate body, UriInfo uri) {
        String actor = actor();
        Written<IncidentView.StatusUpdateView> w = idempotent(idempotencyKey,
                () -> service.postUpdate(id, version(ifMatch), actor, body, idempotencyKey, worksIncidents()));
        return Response.created(uri.getBaseUriBuilder().path("api/incidents").path(String.valueOf(id)).path("updates").build())
                .tag(String.valueOf(w.version())).header("Idempotent-Replayed", w.replayed() ? "true" : null)
                .entity(w.body()).build();
    }

    @GET
    @Path("/{id}/updates")
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "All status updates of an incident, in order, with their paste-ready text")
    public List<IncidentView.StatusUpdateView> updates(@PathParam("id") long id) {
        return service.updates(id);
    }

    @POST
    @Path("/{id}/hypotheses")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Write down a hypothesis: statement, prediction (if X we should see Y), how to test, optional time-box")
    public Response addHypothesis(@PathParam("id") long id, @HeaderParam(IF_MATCH) String ifMatch,
                                  @HeaderParam(IDEMPOTENCY_KEY) @Size(min = 1, max = 200) String idempotencyKey,
                                  @NotNull @Valid WorkRequests.NewHypothesis body) {
        String actor = actor();
        return replayable(idempotent(idempotencyKey, () -> service.once(actor, idempotencyKey, IncidentService.Created.HYPOTHESIS, id, body,
                () -> service.addHypothesis(id, version(ifMatch), actor, body), IncidentView.HypothesisView::id)));
    }

    @POST
    @Path("/{id}/hypotheses/{hid}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Confirm, rule out or abandon a hypothesis")
    public Response decideHypothesis(@PathParam("id") long id, @PathParam("hid") long hid, @HeaderParam(IF_MATCH) String ifMatch,
                                     @NotNull @Valid WorkRequests.HypothesisDecision body) {
        return ok(service.decideHypothesis(id, hid, version(ifMatch), actor(), body));
    }

    @POST
    @Path("/{id}/changes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Record a change", description = "One change at a time: while a change is unverified another gets 409, "
            + "unless force=true with a forceReason (recorded).")
    public Response addChange(@PathParam("id") long id, @HeaderParam(IF_MATCH) String ifMatch,
                    @HeaderParam(IDEMPOTENCY_KEY) @Size(min = 1, max = 200) String idempotencyKey, @NotNull @Valid WorkRequests.NewChange body) {
        String actor = actor();
        return replayable(idempotent(idempotencyKey, () -> service.once(actor, idempotencyKey, IncidentService.Created.CHANGE, id, body,
                () -> service.addChange(id, version(ifMatch), actor, body), IncidentView.ChangeView::id)));
    }

    @POST
    @Path("/{id}/changes/{cid}/outcome")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Record what a change did: IMPROVED, NO_EFFECT, WORSE, REVERTED")
    public Response judgeChange(@PathParam("id") long id, @PathParam("cid") long cid, @HeaderParam(IF_MATCH) String ifMatch,
                                @NotNull @Valid WorkRequests.ChangeVerdict body) {
        return ok(service.judgeChange(id, cid, version(ifMatch), actor(), body));
    }

    @POST
    @Path("/{id}/containment")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "Record a containment action: ROLLBACK, FEATURE_FLAG_OFF, FAILOVER, SCALE_UP")
    public Response contain(@PathParam("id") long id, @HeaderParam(IF_MATCH) String ifMatch,
                    @HeaderParam(IDEMPOTENCY_KEY) @Size(min = 1, max = 200) String idempotencyKey, @NotNull @Valid WorkRequests.Containment body) {
        String actor = actor();
        return replayable(idempotent(idempotencyKey, () -> service.once(actor, idempotencyKey, IncidentService.Created.CONTAINMENT, id, body,
                () -> service.contain(id, version(ifMatch), actor, body), IncidentView.ContainmentView::id)));
    }

    @PUT
    @Path("/{id}/fix-checklist")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.ADMIN})
    @Operation(summary = "The fix-safety checklist", description = "Deployed needs the blast radius assessed (HIGH: second pair of eyes) "
            + "and a rollback ready; Resolved needs the symptom verified gone and no new errors.")
    public Response fixChecklist(@PathParam("id") long id, @HeaderParam(IF_MATCH) String ifMatch, @NotNull @Valid WorkRequests.FixChecklist body) {
        return ok(service.fixChecklist(id, version(ifMatch), actor(), body));
    }

    @GET
    @Path("/{id}/timeline")
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "The append-only timeline: every event with actor and time")
    public IncidentView.Timeline timeline(@PathParam("id") long id) {
        return service.timeline(id);
    }

    /** A runbook's or responder's own timeline entry. */
    public record NewEvent(@jakarta.validation.constraints.NotBlank @Size(max = 4000) String summary) {
    }

    @POST
    @Path("/{id}/timeline")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Append a note to the timeline")
    public Response note(@PathParam("id") long id,
                    @HeaderParam(IDEMPOTENCY_KEY) @Size(min = 1, max = 200) String idempotencyKey, @NotNull @Valid NewEvent body) {
        String actor = actor();
        return replayable(idempotent(idempotencyKey, () -> service.once(actor, idempotencyKey, IncidentService.Created.NOTE, id, body,
                () -> service.note(id, actor, "NOTE", body.summary().strip()), IncidentView.TimelineEntry::id)));
    }

    // ----------------------------------------------------------------------------------------------

    private String actor() {
        return identity.getPrincipal().getName();
    }

    /** A responder or admin works incidents; a runbook only reports on them (README, "What a runbook may do"). */
    private boolean worksIncidents() {
        return identity.hasRole(Roles.RESPONDER) || identity.hasRole(Roles.ADMIN);
    }

    private <T> Written<T> idempotent(String key, Supplier<Written<T>> create) {
        if (key == null) {
            return create.get();
        }
        try {
            return create.get();
        } catch (PersistenceException e) {
            // a concurrent request with the same key won the claim: replay its result
            if (keys.find(actor(), key).isPresent()) {
                return create.get();
            }
            throw e;
        }
    }

    private static Response ok(Written<?> w) {
        return Response.ok(w.body()).tag(String.valueOf(w.version())).build();
    }

    private static Response replayable(Written<?> w) {
        return Response.status(201).entity(w.body()).tag(String.valueOf(w.version()))
                .header("Idempotent-Replayed", w.replayed() ? "true" : null).build();
    }

    private static Response created(Written<?> w) {
        return Response.status(201).entity(w.body()).tag(String.valueOf(w.version())).build();
    }

    /** The version in an If-Match header ("3", W/"3" or 3); null when absent or "*". */
    static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return null;
        }
        String v = ifMatch.strip();
        if (v.startsWith("W/")) {
            v = v.substring(2);
        }
        v = v.replace("\"", "");
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new ProblemException(Problem.of(400, "Bad Request", "If-Match '" + ifMatch + "' is not an ETag of this API")
                    .withViolations(List.of(new Problem.Violation("If-Match", "must be the ETag of the incident, e.g. \"3\""))));
        }
    }

    private static Long parseCursor(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        return ParameterValues.wholeNumber("cursor", cursor, 1, Long.MAX_VALUE);
    }

    private static <E extends Enum<E>> E parseEnum(String name, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            String allowed = java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(java.util.stream.Collectors.joining(", "));
            throw new ProblemException(Problem.of(400, "Bad Request", name + " '" + value + "' is not one of " + allowed)
                    .withViolations(List.of(new Problem.Violation(name, "must be one of " + allowed))));
        }
    }

    private static Instant parseSince(String since) {
        return ParameterValues.instant("since", since);
    }
}
