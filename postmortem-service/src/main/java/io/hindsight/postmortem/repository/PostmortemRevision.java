package io.hindsight.postmortem.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One saved state of a post-mortem: who saved it, when, and the full JSON as the API showed it. */
@Entity
@Table(name = "postmortem_revision")
public class PostmortemRevision {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "postmortem_id")
    public long postmortemId;

    public long revision;

    public String author;

    @Column(name = "created_at")
    public Instant createdAt;

    public String snapshot;
}
