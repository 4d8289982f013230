package io.hindsight.incident.repository;

import io.hindsight.incident.domain.ChangeOutcome;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One entry of the change ledger: what was changed, which hypothesis it tests, how to revert it, what it did. */
@Entity
@Table(name = "incident_change")
public class IncidentChange {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "incident_id")
    public long incidentId;
    public String description;
    @Column(name = "hypothesis_id")
    public Long hypothesisId;
    @Column(name = "revert_plan")
    public String revertPlan;
    @Enumerated(EnumType.STRING)
    public ChangeOutcome outcome;
    @Column(name = "outcome_note")
    public String outcomeNote;
    public boolean forced;
    @Column(name = "force_reason")
    public String forceReason;
    @Column(name = "applied_by")
    public String appliedBy;
    @Column(name = "applied_at")
    public Instant appliedAt;
    @Column(name = "verified_at")
    public Instant verifiedAt;
}
