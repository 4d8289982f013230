package io.hindsight.incident.rest;

import io.hindsight.incident.domain.Priority;
import io.hindsight.incident.domain.Roles;
import io.hindsight.incident.domain.TriageCalculator;
import io.hindsight.incident.service.IncidentService;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/triage")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Triage")
public class TriageResource {

    /** The computed priority of a triage and the seed's reasons for it. */
    @RegisterForReflection
    public record TriagePreview(Priority priority, List<String> reasons) {
    }

    private final IncidentService service;

    public TriageResource(IncidentService service) {
        this.service = service;
    }

    @POST
    @Path("/preview")
    @RolesAllowed({Roles.RESPONDER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Compute a SEVER priority without recording it",
            description = "The same rules as triaging an incident; used by the declare form to show the priority while it is filled.")
    public TriagePreview preview(@NotNull @Valid WorkRequests.Triage triage) {
        TriageCalculator.Result result = service.previewTriage(triage);
        return new TriagePreview(result.priority(), result.reasons());
    }
}
