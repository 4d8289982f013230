package io.hindsight.postmortem.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** One saved state of a post-mortem: who saved it, when, and the full JSON as the API showed it. */
@Entity
@Table(name = "postmortem_revision")
public class PostmortemRevision {

    /** From a pooled sequence (V5), so that inserts can be sent in JDBC batches (imports). */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "postmortem_revision_seq")
    @SequenceGenerator(name = "postmortem_revision_seq", sequenceName = "postmortem_revision_seq", allocationSize = SequenceIds.ALLOCATION)
    public Long id;

    @Column(name = "postmortem_id")
    public long postmortemId;

    public long revision;

    public String author;

    /** The status the post-mortem was saved in: who may read this revision depends on it, not on today's status. */
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    public io.hindsight.postmortem.domain.PostmortemStatus status;

    @Column(name = "created_at")
    public Instant createdAt;

    public String snapshot;
}
