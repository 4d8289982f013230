package io.hindsight.incident.repository;

import io.hindsight.incident.domain.HypothesisOutcome;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** "If X, we should see Y": a hypothesis with how to test it, an optional time-box and its outcome. */
@Entity
@Table(name = "hypothesis")
public class Hypothesis {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    @Column(name = "incident_id")
    public long incidentId;
    public String statement;
    public String prediction;
    @Column(name = "how_to_test")
    public String howToTest;
    @Column(name = "time_box_minutes")
    public Integer timeBoxMinutes;
    @Column(name = "time_box_ends_at")
    public Instant timeBoxEndsAt;
    @Enumerated(EnumType.STRING)
    public HypothesisOutcome outcome;
    @Column(name = "outcome_note")
    public String outcomeNote;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "decided_at")
    public Instant decidedAt;
}
