package io.hindsight.incident.repository;

import io.hindsight.incident.domain.IncidentStatus;
import io.hindsight.incident.domain.Priority;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One status update in the template's fields; {@code seq} orders an incident's updates totally. */
@Entity
@Table(name = "status_update")
public class StatusUpdate {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "incident_id")
    public long incidentId;
    public int seq;
    @Column(name = "posted_at")
    public Instant postedAt;
    @Column(name = "posted_by")
    public String postedBy;
    @Enumerated(EnumType.STRING)
    public IncidentStatus status;
    @Enumerated(EnumType.STRING)
    public Priority priority;
    public String symptom;
    public String scope;
    public String started;
    /** JSON array of {what, result}. */
    public String tried;
    /** JSON array of {action, etaMinutes}. */
    @Column(name = "next_steps")
    public String nextSteps;
    public String workaround;
    @Column(name = "next_update_at")
    public Instant nextUpdateAt;
    public String rendered;
}
