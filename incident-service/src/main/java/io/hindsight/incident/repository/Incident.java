package io.hindsight.incident.repository;

import io.hindsight.incident.domain.IncidentStatus;
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
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
    public Priority priority;

    public boolean drill;

    @Column(name = "declared_by")
    public String declaredBy;

    @Column(name = "detected_at")
    public Instant detectedAt;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    @ElementCollection
    @CollectionTable(name = "incident_service", joinColumns = @JoinColumn(name = "incident_id"))
    @OrderColumn(name = "position")
    @Column(name = "service")
    public List<String> services = new ArrayList<>();
}
