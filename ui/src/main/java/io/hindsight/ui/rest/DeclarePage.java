package io.hindsight.ui.rest;

import io.hindsight.ui.client.IncidentClient;
import io.hindsight.ui.client.IncidentDetail;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;

/** Declaring an incident: the SEVER form, with the priority incident-service computes shown while it is filled. */
@Path("/declare")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class DeclarePage {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance declare(String error, String requestId);

        static native TemplateInstance triage(IncidentClient.TriagePreview preview, String error);
    }

    private final IncidentClient incidents;

    public DeclarePage(@RestClient IncidentClient incidents) {
        this.incidents = incidents;
    }

    @GET
        public TemplateInstance declareForm() {
        return Templates.declare(null, UUID.randomUUID().toString());
    }

    @POST
    @Path("preview")
    public TemplateInstance preview(@RestForm String scope, @RestForm String effect, @RestForm String visibility,
                                    @RestForm String escalation, @RestForm String revenue, @RestForm String dataAtRisk,
                                    @RestForm String criticalFlowsBroken, @RestForm String spreading,
                                    @RestForm String monitoringPresent, @RestForm String safeRollback) {
        try {
            return Templates.triage(incidents.previewTriage(triage(scope, effect, visibility, escalation, revenue, dataAtRisk,
                    criticalFlowsBroken, spreading, monitoringPresent, safeRollback)), null);
        } catch (WebApplicationException e) {
            return Templates.triage(null, e.getResponse().getStatus() == 400 ? "Answer every SEVER question to see the priority."
                    : Problems.describe(e));
        }
    }

    @POST
    public Response declare(@RestForm String title, @RestForm String symptom, @RestForm String services, @RestForm String drill,
                            @RestForm String scope, @RestForm String effect, @RestForm String visibility,
                            @RestForm String escalation, @RestForm String revenue, @RestForm String dataAtRisk,
                            @RestForm String criticalFlowsBroken, @RestForm String spreading,
                            @RestForm String monitoringPresent, @RestForm String safeRollback, @RestForm String requestId) {
        List<String> serviceList = services == null ? List.of()
                : Arrays.stream(services.split("[,\\s]+")).filter(s -> !s.isBlank()).toList();
        IncidentClient.Triage triage = scope == null || scope.isBlank() ? null : triage(scope, effect, visibility, escalation,
                revenue, dataAtRisk, criticalFlowsBroken, spreading, monitoringPresent, safeRollback);
        try {
            IncidentDetail created = incidents.declare(new IncidentClient.Declare(title, symptom, serviceList,
                    "on".equals(drill) ? Boolean.TRUE : null, null, triage), requestId == null || requestId.isBlank() ? null : requestId);
            return Response.seeOther(URI.create("/incidents/" + created.id() + "?declared=1")).build();
        } catch (WebApplicationException e) {
            return Response.status(e.getResponse().getStatus() == 400 ? 400 : 409)
                    .entity(Templates.declare(Problems.describe(e), UUID.randomUUID().toString())).build();
        }
    }

    private static IncidentClient.Triage triage(String scope, String effect, String visibility, String escalation, String revenue,
                                                String dataAtRisk, String criticalFlowsBroken, String spreading,
                                                String monitoringPresent, String safeRollback) {
        return new IncidentClient.Triage(blank(scope), blank(effect), blank(visibility), blank(escalation), blank(revenue),
                yes(dataAtRisk), yes(criticalFlowsBroken), yes(spreading), yes(monitoringPresent), yes(safeRollback));
    }

    private static Boolean yes(String checkbox) {
        return "on".equals(checkbox) || "true".equals(checkbox);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
