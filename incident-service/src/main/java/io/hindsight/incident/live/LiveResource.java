package io.hindsight.incident.live;

import io.hindsight.incident.domain.Roles;
import io.hindsight.incident.rest.IncidentView;
import io.hindsight.incident.service.IncidentService;
import io.hindsight.problem.ProblemException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.mutiny.Multi;
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

    private final LiveViewers viewers;
    private final IncidentService incidents;

    public LiveResource(LiveViewers viewers, IncidentService incidents) {
        this.viewers = viewers;
        this.incidents = incidents;
    }

    /**
     * The stream holds no database connection: the first snapshot is read in a short transaction of its own, which
     * ends (and gives its connection back) before the stream is returned; later snapshots come from the change feed
     * ({@link LiveFeedTail}). A client that goes away cancels its subscription, which removes it from {@link LiveViewers}.
     */
    @GET
    @Path("/{id}/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Live snapshots of one incident (SSE): the current one first, then one per change")
    @io.smallrye.common.annotation.Blocking
    public Multi<IncidentView> incident(@PathParam("id") long id) {
        // listen first, then read: a change committed in between is then kept (bounded) and shown if newer than the
        // first snapshot; a client that falls LiveViewers.BUFFER snapshots behind gets an error and reconnects
        LiveViewers.Viewer viewer = viewers.register(id);
        IncidentView current;
        try {
            current = QuarkusTransaction.requiringNew().call(() -> incidents.find(id))
                    .orElseThrow(() -> ProblemException.notFound("No incident " + id));
        } catch (RuntimeException e) {
            viewers.remove(viewer);
            throw e;
        }
        return viewers.stream(viewer, current);
    }

    @GET
    @Path("/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Live changes of the open-incident list (SSE)", description = "One snapshot per change of any incident that "
            + "was open; a snapshot with status RESOLVED means it leaves the open list. Each carries its red flags.")
    public Multi<IncidentView> open() {
        return viewers.all();
    }
}
