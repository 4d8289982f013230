package io.hindsight.incident.repository;

import io.hindsight.incident.domain.Effect;
import io.hindsight.incident.domain.Escalation;
import io.hindsight.incident.domain.Priority;
import io.hindsight.incident.domain.Revenue;
import io.hindsight.incident.domain.Scope;
import io.hindsight.incident.domain.Visibility;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One SEVER triage of an incident; re-triage adds a row, so the history is kept. */
@Entity
@Table(name = "triage_assessment")
public class TriageAssessment {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "incident_id")
    public long incidentId;
    @Enumerated(EnumType.STRING)
    public Scope scope;
    @Enumerated(EnumType.STRING)
    public Effect effect;
    @Enumerated(EnumType.STRING)
    public Visibility visibility;
    @Enumerated(EnumType.STRING)
    public Escalation escalation;
    @Enumerated(EnumType.STRING)
    public Revenue revenue;
    @Column(name = "data_at_risk")
    public boolean dataAtRisk;
    @Column(name = "critical_flows_broken")
    public boolean criticalFlowsBroken;
    public boolean spreading;
    @Column(name = "monitoring_present")
    public boolean monitoringPresent;
    @Column(name = "safe_rollback")
    public boolean safeRollback;
    @Enumerated(EnumType.STRING)
    @Column(name = "computed_priority")
    public Priority computedPriority;
    /** The reasons, one per line. */
    public String reasons;
    @Enumerated(EnumType.STRING)
    @Column(name = "override_priority")
    public Priority overridePriority;
    @Column(name = "override_reason")
    public String overrideReason;
    @Column(name = "override_by")
    public String overrideBy;
    @Column(name = "override_at")
    public Instant overrideAt;
    @Column(name = "assessed_by")
    public String assessedBy;
    @Column(name = "assessed_at")
    public Instant assessedAt;

    public Priority effectivePriority() {
        return overridePriority != null ? overridePriority : computedPriority;
    }
}
