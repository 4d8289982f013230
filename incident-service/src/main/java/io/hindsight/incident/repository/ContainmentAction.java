package io.hindsight.incident.repository;

import io.hindsight.incident.domain.ContainmentKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A containment action: rollback, feature flag off, failover, scale up. */
@Entity
@Table(name = "containment_action")
public class ContainmentAction {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "incident_id")
    public long incidentId;
    @Enumerated(EnumType.STRING)
    public ContainmentKind kind;
    public String description;
    public boolean mitigated;
    @Column(name = "taken_by")
    public String takenBy;
    @Column(name = "taken_at")
    public Instant takenAt;
}
