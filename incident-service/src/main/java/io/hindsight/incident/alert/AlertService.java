package io.hindsight.incident.alert;

import io.hindsight.incident.domain.Effect;
import io.hindsight.incident.domain.Escalation;
import io.hindsight.incident.domain.Revenue;
import io.hindsight.incident.domain.Scope;
import io.hindsight.incident.domain.Visibility;
import io.hindsight.incident.repository.Incident;
import io.hindsight.incident.rest.WorkRequests;
import io.hindsight.incident.service.IncidentService;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns alerts into incidents. An alert's fingerprint (Alertmanager) or dedup_key (PagerDuty) maps to the incident it
 * opened: while that incident is open, the same alert attaches to it (a timeline event) instead of opening another; a
 * resolved alert is recorded on the timeline and does not close the incident. Severity maps to triage input, the
 * {@code service} (or {@code job}, {@code app}, component) label to the affected service.
 */
@ApplicationScoped
public class AlertService {

    public enum Action { OPENED, ATTACHED, RESOLVED_RECORDED, INCIDENT_RESOLVED, ACKNOWLEDGED, IGNORED }

    @RegisterForReflection
    public record Outcome(String dedupKey, Action action, Long incidentId) {
    }

    /** One alert, whatever its source. */
    public record AlertInput(String source, String dedupKey, boolean firing, boolean acknowledge, String name, String summary,
                             String description, String severity, List<String> services, Map<String, String> labels, Instant startsAt) {
    }

    private final EntityManager em;
    private final IncidentService incidents;
    private final boolean resolveClosesIncident;

    public AlertService(EntityManager em, IncidentService incidents,
                        @org.eclipse.microprofile.config.inject.ConfigProperty(name = "hindsight.alerts.resolve-closes-incident",
                                defaultValue = "false") boolean resolveClosesIncident) {
        this.em = em;
        this.incidents = incidents;
        this.resolveClosesIncident = resolveClosesIncident;
    }

    /** One alert in its own transaction. A concurrent first firing of the same key fails on the key's primary key; callers retry once. */
    @Transactional
    public Outcome ingestOnce(AlertInput in, String actor) {
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery("select incident_id from alert_dedup where source = ?1 and dedup_key = ?2 for update")
                .setParameter(1, in.source()).setParameter(2, in.dedupKey()).getResultList();
        Long existing = rows.isEmpty() ? null : rows.get(0).longValue();
        if (existing != null) {
            Incident i = incidents.lock(existing, null);
            if (i.isOpen()) {
                if (in.acknowledge()) {
                    if (i.acknowledgedAt == null) {
                        incidents.acknowledge(existing, null, actor, "via " + in.source() + " " + in.dedupKey());
                    }
                    return new Outcome(in.dedupKey(), Action.ACKNOWLEDGED, existing);
                }
                setFiring(in, in.firing());
                if (in.firing()) {
                    incidents.recordAndPublish(i, actor, "ALERT_FIRING", in.source() + " alert " + in.name() + " (" + in.dedupKey()
                            + ") firing again: " + in.summary());
                    return new Outcome(in.dedupKey(), Action.ATTACHED, existing);
                }
                if (resolveClosesIncident && !anyFiring(existing)) {
                    incidents.resolveBecauseAlertsResolved(i, actor, in.source() + " alert " + in.name() + " (" + in.dedupKey()
                            + ") resolved, the last of its alerts still firing; closed automatically (hindsight.alerts.resolve-closes-incident=true)");
                    return new Outcome(in.dedupKey(), Action.INCIDENT_RESOLVED, existing);
                }
                incidents.recordAndPublish(i, actor, "ALERT_RESOLVED", in.source() + " alert " + in.name() + " (" + in.dedupKey()
                        + ") resolved; the incident stays open until it is resolved by its responders");
                return new Outcome(in.dedupKey(), Action.RESOLVED_RECORDED, existing);
            }
        }
        if (!in.firing() || in.acknowledge()) {
            return new Outcome(in.dedupKey(), Action.IGNORED, existing);
        }
        Incident opened = incidents.declareFromAlert(title(in), symptom(in), in.services(), labels(in), in.startsAt(), triage(in.severity()), actor);
        em.flush();
        if (existing == null) {
            em.createNativeQuery("insert into alert_dedup (source, dedup_key, incident_id, updated_at) values (?1, ?2, ?3, ?4)")
                    .setParameter(1, in.source()).setParameter(2, in.dedupKey()).setParameter(3, opened.id)
                    .setParameter(4, Timestamp.from(Instant.now())).executeUpdate();
        } else {
            em.createNativeQuery("update alert_dedup set incident_id = ?3, updated_at = ?4, firing = true where source = ?1 and dedup_key = ?2")
                    .setParameter(1, in.source()).setParameter(2, in.dedupKey()).setParameter(3, opened.id)
                    .setParameter(4, Timestamp.from(Instant.now())).executeUpdate();
        }
        incidents.recordAndPublish(opened, actor, "ALERT_FIRING", in.source() + " alert " + in.name() + " (" + in.dedupKey() + ") firing: "
                + in.summary());
        return new Outcome(in.dedupKey(), Action.OPENED, opened.id);
    }

    private void setFiring(AlertInput in, boolean firing) {
        em.createNativeQuery("update alert_dedup set firing = ?3, updated_at = ?4 where source = ?1 and dedup_key = ?2")
                .setParameter(1, in.source()).setParameter(2, in.dedupKey()).setParameter(3, firing)
                .setParameter(4, Timestamp.from(Instant.now())).executeUpdate();
    }

    private boolean anyFiring(long incidentId) {
        return !em.createNativeQuery("select 1 from alert_dedup where incident_id = ?1 and firing = true")
                .setParameter(1, incidentId).setMaxResults(1).getResultList().isEmpty();
    }

    private static String title(AlertInput in) {
        String t = in.summary() == null || in.summary().isBlank() || in.summary().equals(in.name()) ? in.name() : in.name() + ": " + in.summary();
        return cut(t, 200);
    }

    private static String symptom(AlertInput in) {
        String s = in.description() != null && !in.description().isBlank() ? in.description() : in.summary() != null ? in.summary() : in.name();
        return cut(s + " (severity " + in.severity() + ", " + in.source() + " alert " + in.dedupKey() + ")", 4000);
    }

    private static Map<String, String> labels(AlertInput in) {
        Map<String, String> out = new TreeMap<>();
        in.labels().entrySet().stream().filter(e -> e.getKey() != null && !e.getKey().isBlank() && e.getValue() != null && !e.getValue().isBlank())
                .limit(29).forEach(e -> out.put(cut(e.getKey(), 100), cut(e.getValue(), 200)));
        out.put("alert_source", in.source());
        return out;
    }

    /**
     * Severity as triage input: critical → the service is down for many users (P0); error/high/major → a major feature is
     * broken (P1); warning → performance degraded (P1); anything else → a minor feature (P2). A person re-triages with the facts.
     */
    static WorkRequests.Triage triage(String severity) {
        String s = severity == null ? "" : severity.toLowerCase(Locale.ROOT);
        Effect effect;
        Scope scope = Scope.UNDER_10_PERCENT;
        switch (s) {
            case "critical", "page", "p0", "sev1" -> {
                effect = Effect.SERVICE_DOWN;
                scope = Scope.OVER_10_PERCENT;
            }
            case "error", "high", "major", "p1", "sev2" -> effect = Effect.MAJOR_FEATURE_BROKEN;
            case "warning", "warn", "p2", "sev3" -> effect = Effect.PERFORMANCE_DEGRADED;
            default -> effect = Effect.MINOR_FEATURE_BROKEN;
        }
        return new WorkRequests.Triage(scope, effect, Visibility.EXTERNAL_CUSTOMERS, Escalation.STABLE, Revenue.NONE,
                false, false, false, true, false, null);
    }

    static String cut(String s, int max) {
        return s.length() <= max ? s : io.hindsight.problem.WellFormedText.prefix(s, max - 3) + "...";
    }
}
