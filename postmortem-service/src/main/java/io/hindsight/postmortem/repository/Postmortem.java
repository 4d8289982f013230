package io.hindsight.postmortem.repository;

import io.hindsight.postmortem.domain.PostmortemStatus;
import io.hindsight.postmortem.domain.Priority;
import io.hindsight.postmortem.domain.SourceKind;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.OptimisticLock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A post-mortem as stored; API types are mapped from it explicitly. List-valued fields (timeline, factors,
 * services, categories) are JSON text written and read by the service.
 */
@Entity
@Table(name = "postmortem")
public class Postmortem {

    /** From a pooled sequence (V5), so that inserts can be sent in JDBC batches (imports). */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "postmortem_seq")
    @SequenceGenerator(name = "postmortem_seq", sequenceName = "postmortem_seq", allocationSize = SequenceIds.ALLOCATION)
    public Long id;

    @Column(name = "incident_id")
    public Long incidentId;

    public String title;

    public String summary;

    @Enumerated(EnumType.STRING)
    public PostmortemStatus status;

    @Column(name = "impact_users")
    public String impactUsers;

    @Column(name = "impact_duration_minutes")
    public Integer impactDurationMinutes;

    @Column(name = "impact_revenue")
    public String impactRevenue;

    @Column(name = "impact_sla")
    public String impactSla;

    @Column(name = "root_cause")
    public String rootCause;

    @Column(name = "contributing_factors")
    public String contributingFactorsJson = "[]";

    public String detection;

    @Column(name = "went_well")
    public String wentWell;

    @Column(name = "went_badly")
    public String wentBadly;

    public String prevention;

    @Column(name = "timeline")
    public String timelineJson = "[]";

    /** What incident-service knew: status updates, hypotheses and changes (JSON), as read when pre-filling. */
    @Column(name = "incident_context")
    public String incidentContextJson;

    @Column(name = "incident_note")
    public String incidentNote;

    @Column(name = "services")
    public String servicesJson = "[]";

    @Enumerated(EnumType.STRING)
    public Priority priority;

    @Column(name = "categories")
    public String categoriesJson = "[]";

    @Column(name = "impact_started_at")
    public Instant impactStartedAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_kind")
    public SourceKind sourceKind = SourceKind.NATIVE;

    @Column(name = "source_id")
    public String sourceId;

    @Column(name = "source_url")
    public String sourceUrl;

    @Column(name = "source_company")
    public String sourceCompany;

    @Column(name = "source_key")
    public String sourceKey;

    @Column(name = "check_root_cause_explained")
    public boolean checkRootCauseExplained;

    @Column(name = "check_fix_addresses_cause")
    public boolean checkFixAddressesCause;

    @Column(name = "check_metrics_confirm")
    public boolean checkMetricsConfirm;

    @Column(name = "check_fix_documented")
    public boolean checkFixDocumented;

    @Column(name = "check_prevention_identified")
    public boolean checkPreventionIdentified;

    @Column(name = "no_action_items_reason")
    public String noActionItemsReason;

    @Column(name = "submitted_at")
    public Instant submittedAt;

    @Column(name = "approved_by")
    public String approvedBy;

    @Column(name = "review_comment")
    public String reviewComment;

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "updated_by")
    public String updatedBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    /** Items change on their own (If-Match on the item), so they do not bump the post-mortem's version. */
    @OneToMany(mappedBy = "postmortem")
    @OrderBy("id")
    @OptimisticLock(excluded = true)
    public List<ActionItem> actionItems = new ArrayList<>();

    @ManyToMany
    @JoinTable(name = "postmortem_lesson",
            joinColumns = @JoinColumn(name = "postmortem_id"),
            inverseJoinColumns = @JoinColumn(name = "lesson_id"))
    @OrderBy("id")
    public Set<Lesson> lessons = new LinkedHashSet<>();
}
