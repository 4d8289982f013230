package io.hindsight.incident.repository;

import io.hindsight.incident.domain.BlastRadius;
import io.hindsight.incident.domain.IncidentStatus;
import io.hindsight.incident.domain.Phase;
import io.hindsight.incident.domain.Priority;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A live or past incident as stored; API types are mapped from it explicitly. */
@Entity
@Table(name = "incident")
public class Incident {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String title;

    public String symptom;

    @Enumerated(EnumType.STRING)
    public IncidentStatus status;

    @Enumerated(EnumType.STRING)
    public Phase phase = Phase.TRIAGE;

    /** The effective priority: the override of the latest triage if any, else its computed priority. */
    @Enumerated(EnumType.STRING)
    public Priority priority;

    public boolean drill;

    @Column(name = "declared_by")
    public String declaredBy;

    @Column(name = "impact_started_at")
    public Instant impactStartedAt;

    @Column(name = "detected_at")
    public Instant detectedAt;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "mitigated_at")
    public Instant mitigatedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    public String commander;

    @Column(name = "comms_lead")
    public String commsLead;

    @Column(name = "next_update_due")
    public Instant nextUpdateDue;

    /** Number of status updates so far; the next one gets this plus one, under the incident's row lock. */
    @Column(name = "update_count")
    public int updateCount;

    @Enumerated(EnumType.STRING)
    @Column(name = "fix_blast_radius")
    public BlastRadius fixBlastRadius;

    @Column(name = "fix_second_pair_of_eyes")
    public boolean fixSecondPairOfEyes;

    @Column(name = "fix_rollback_ready")
    public boolean fixRollbackReady;

    @Column(name = "fix_canary")
    public boolean fixCanary;

    @Column(name = "fix_monitoring")
    public boolean fixMonitoring;

    @Column(name = "fix_symptom_verified_gone")
    public boolean fixSymptomVerifiedGone;

    @Column(name = "fix_no_new_errors")
    public boolean fixNoNewErrors;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    /** The version when this transaction locked the incident (see IncidentService#lock): the snapshot a write starts from. */
    @Transient
    public Long lockedVersion;

    @ElementCollection
    @CollectionTable(name = "incident_service", joinColumns = @JoinColumn(name = "incident_id"))
    @OrderColumn(name = "position")
    @Column(name = "service")
    public List<String> services = new ArrayList<>();

    @ElementCollection
    @CollectionTable(name = "incident_label", joinColumns = @JoinColumn(name = "incident_id"))
    @MapKeyColumn(name = "name")
    @Column(name = "label_value")
    public Map<String, String> labels = new TreeMap<>();

    @ElementCollection
    @CollectionTable(name = "incident_responder", joinColumns = @JoinColumn(name = "incident_id"))
    @OrderColumn(name = "position")
    @Column(name = "responder")
    public List<String> responders = new ArrayList<>();

    public boolean isOpen() {
        return status != IncidentStatus.RESOLVED;
    }
}
