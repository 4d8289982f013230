package io.hindsight.incident.alert;

import io.hindsight.incident.domain.Roles;
import io.hindsight.problem.Problem;
import io.hindsight.problem.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.persistence.PersistenceException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Alert ingestion: Prometheus Alertmanager webhooks (version 4) and PagerDuty Events API v2 events. */
@Path("/api/alerts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Alerts")
public class AlertResource {

    @RegisterForReflection
    public record Results(List<AlertService.Outcome> results) {
    }

    @RegisterForReflection
    public record PagerDutyAccepted(String status, String message, @com.fasterxml.jackson.annotation.JsonProperty("dedup_key") String dedupKey,
                                    String action, Long incidentId) {
    }

    private static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

    private final AlertService alerts;
    private final SecurityIdentity identity;

    public AlertResource(AlertService alerts, SecurityIdentity identity) {
        this.alerts = alerts;
        this.identity = identity;
    }

    @POST
    @Path("/alertmanager")
    @RolesAllowed({Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Alertmanager webhook (version 4)", description = "A firing alert opens an incident, or attaches to the open "
            + "incident its fingerprint opened; a resolved alert is recorded on that incident's timeline.")
    public Results alertmanager(@NotNull @Valid AlertmanagerWebhook hook) {
        if (!"4".equals(hook.version())) {
            throw new ProblemException(Problem.of(400, "Bad Request", "Only Alertmanager webhook version 4 is understood, got " + hook.version())
                    .withViolations(List.of(new Problem.Violation("version", "must be \"4\""))));
        }
        List<AlertService.Outcome> out = new ArrayList<>();
        for (AlertmanagerWebhook.Alert a : hook.alerts()) {
            Map<String, String> labels = a.labels();
            Map<String, String> ann = a.annotations() == null ? Map.of() : a.annotations();
            String name = labels.getOrDefault("alertname", "alert");
            String service = firstOf(labels, "service", "job", "app", "component", "namespace");
            out.add(ingest(new AlertService.AlertInput("alertmanager", a.fingerprint(), !"resolved".equals(a.status()), false, name,
                    ann.getOrDefault("summary", name), ann.get("description"), labels.getOrDefault("severity", "warning"),
                    List.of(service == null ? "unknown" : AlertService.cut(service, 100)), labels,
                    a.startsAt() == null || a.startsAt().equals(ZERO_TIME) ? null : a.startsAt())));
        }
        return new Results(out);
    }

    @POST
    @Path("/pagerduty")
    @RolesAllowed({Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "PagerDuty Events API v2-compatible endpoint", description = "trigger opens or attaches by dedup_key, "
            + "acknowledge acknowledges, resolve is recorded on the timeline. Answers 202 like PagerDuty.")
    public Response pagerduty(@NotNull @Valid PagerDutyEvent event) {
        boolean trigger = event.eventAction().equals("trigger");
        if (trigger && event.payload() == null) {
            throw new ProblemException(Problem.of(400, "Bad Request", "A trigger event needs a payload")
                    .withViolations(List.of(new Problem.Violation("payload", "must not be null for trigger"))));
        }
        if (!trigger && (event.dedupKey() == null || event.dedupKey().isBlank())) {
            throw new ProblemException(Problem.of(400, "Bad Request", event.eventAction() + " needs the dedup_key of the trigger")
                    .withViolations(List.of(new Problem.Violation("dedup_key", "must not be blank for " + event.eventAction()))));
        }
        String key = event.dedupKey() == null || event.dedupKey().isBlank() ? UUID.randomUUID().toString() : event.dedupKey();
        PagerDutyEvent.Payload p = event.payload();
        Map<String, String> labels = new java.util.TreeMap<>();
        String service = null;
        if (p != null) {
            labels.put("source", AlertService.cut(p.source(), 200));
            labels.put("severity", p.severity());
            if (p.component() != null && !p.component().isBlank()) {
                labels.put("component", AlertService.cut(p.component(), 200));
            }
            if (p.group() != null && !p.group().isBlank()) {
                labels.put("group", AlertService.cut(p.group(), 200));
            }
            if (p.eventClass() != null && !p.eventClass().isBlank()) {
                labels.put("class", AlertService.cut(p.eventClass(), 200));
            }
            service = p.component() != null && !p.component().isBlank() ? p.component() : p.source();
        }
        AlertService.Outcome o = ingest(new AlertService.AlertInput("pagerduty", key, !event.eventAction().equals("resolve"),
                event.eventAction().equals("acknowledge"), p == null ? key : p.summary(), p == null ? key : p.summary(), null,
                p == null ? "info" : p.severity(), List.of(service == null ? "unknown" : AlertService.cut(service, 100)), labels, null));
        return Response.accepted(new PagerDutyAccepted("success", "Event processed", key, o.action().name(), o.incidentId())).build();
    }

    private AlertService.Outcome ingest(AlertService.AlertInput in) {
        String actor = identity.getPrincipal().getName();
        try {
            return alerts.ingestOnce(in, actor);
        } catch (PersistenceException e) {
            // the same alert arrived concurrently and opened the incident first: attach to it
            return alerts.ingestOnce(in, actor);
        }
    }

    private static String firstOf(Map<String, String> labels, String... names) {
        for (String n : names) {
            String v = labels.get(n);
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
