package io.hindsight.ui.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** incident-service's API, called with the user's token; timeouts in {@code quarkus.rest-client.incidents.*}. */
@RegisterRestClient(configKey = "incidents")
@RegisterProvider(BearerTokenPropagation.class)
@Path("/api")
@Consumes(MediaType.APPLICATION_JSON)
public interface IncidentClient {

    @GET
    @Path("/incidents")
    IncidentPage list(@QueryParam("limit") int limit, @QueryParam("cursor") String cursor, @QueryParam("open") Boolean open,
                      @QueryParam("priority") String priority, @QueryParam("service") String service);

    @GET
    @Path("/incidents/{id}")
    IncidentDetail get(@PathParam("id") long id);

    @GET
    @Path("/incidents/{id}/timeline")
    TimelineEntry.Timeline timeline(@PathParam("id") long id);

    @GET
    @Path("/incidents/{id}/updates")
    List<StatusUpdate> updates(@PathParam("id") long id);

    @POST
    @Path("/incidents")
    IncidentDetail declare(Declare body, @HeaderParam("Idempotency-Key") String idempotencyKey);

    @POST
    @Path("/incidents/{id}/updates")
    StatusUpdate postUpdate(@PathParam("id") long id, @HeaderParam("If-Match") String version, StatusUpdate body);

    @POST
    @Path("/incidents/{id}/hypotheses")
    IncidentDetail addHypothesis(@PathParam("id") long id, @HeaderParam("If-Match") String version, NewHypothesis body);

    @POST
    @Path("/incidents/{id}/hypotheses/{hid}/outcome")
    IncidentDetail decideHypothesis(@PathParam("id") long id, @PathParam("hid") long hid, @HeaderParam("If-Match") String version,
                                    Verdict body);

    @POST
    @Path("/incidents/{id}/changes")
    IncidentDetail addChange(@PathParam("id") long id, @HeaderParam("If-Match") String version, NewChange body);

    @POST
    @Path("/incidents/{id}/changes/{cid}/outcome")
    IncidentDetail judgeChange(@PathParam("id") long id, @PathParam("cid") long cid, @HeaderParam("If-Match") String version,
                               Verdict body);

    @POST
    @Path("/incidents/{id}/transitions")
    IncidentDetail transition(@PathParam("id") long id, @HeaderParam("If-Match") String version, Transition body);

    @POST
    @Path("/incidents/{id}/containment")
    IncidentDetail contain(@PathParam("id") long id, Containment body);

    @jakarta.ws.rs.PUT
    @Path("/incidents/{id}/fix-checklist")
    IncidentDetail fixChecklist(@PathParam("id") long id, FixChecklist body);

    @jakarta.ws.rs.PUT
    @Path("/incidents/{id}/roles")
    IncidentDetail roles(@PathParam("id") long id, Roles body);

    @POST
    @Path("/triage/preview")
    TriagePreview previewTriage(Triage body);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Declare(String title, String symptom, List<String> services, Boolean drill, Map<String, String> labels, Triage triage) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Triage(String scope, String effect, String visibility, String escalation, String revenue, Boolean dataAtRisk,
                  Boolean criticalFlowsBroken, Boolean spreading, Boolean monitoringPresent, Boolean safeRollback) {
    }

    record TriagePreview(String priority, List<String> reasons) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NewHypothesis(String statement, String prediction, String howToTest, Integer timeBoxMinutes) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NewChange(String description, Long hypothesisId, String revertPlan, Boolean force, String forceReason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Verdict(String outcome, String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Transition(String status, String note) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Containment(String kind, String description, Boolean mitigated) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record FixChecklist(String blastRadius, Boolean secondPairOfEyes, Boolean rollbackReady, Boolean canaryDeployed,
                        Boolean monitoringInPlace, Boolean symptomVerifiedGone, Boolean noNewErrors) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Roles(String commander, String commsLead, List<String> responders) {
    }
}
