package io.hindsight.incident.live;

import io.hindsight.incident.domain.Roles;
import io.hindsight.incident.rest.IncidentView;
import io.hindsight.incident.service.IncidentService;
import io.hindsight.problem.ProblemException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Server-Sent Events: the snapshot of an incident after every committed change. */
@Path("/api/incidents")
@Tag(name = "Live")
public class LiveResource {

    private final IncidentBroadcaster broadcaster;
    private final IncidentService incidents;

    public LiveResource(IncidentBroadcaster broadcaster, IncidentService incidents) {
        this.broadcaster = broadcaster;
        this.incidents = incidents;
    }

    @GET
    @Path("/{id}/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Live snapshots of one incident (SSE): the current one first, then one per change")
    @io.smallrye.common.annotation.Blocking
    public Multi<IncidentView> incident(@PathParam("id") long id) {
        // listen first, then read: a change committed in between is then in the buffer, never lost; the buffer is bounded
        // (a client that falls 256 snapshots behind gets an error and reconnects, as SSE clients do)
        UnicastProcessor<IncidentView> changes = UnicastProcessor.create(new java.util.concurrent.ArrayBlockingQueue<>(256), null);
        broadcaster.stream().filter(v -> v.id() == id).subscribe(changes);
        IncidentView current;
        try {
            current = incidents.find(id).orElseThrow(() -> ProblemException.notFound("No incident " + id));
        } catch (RuntimeException e) {
            changes.cancel();
            throw e;
        }
        return Multi.createBy().concatenating().streams(Multi.createFrom().item(current), changes);
    }

    @GET
    @Path("/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Live changes of the open-incident list (SSE)", description = "One snapshot per change of any incident that "
            + "was open; a snapshot with status RESOLVED means it leaves the open list. Each carries its red flags.")
    public Multi<IncidentView> open() {
        return broadcaster.stream();
    }
}
