package io.hindsight.postmortem.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.Locale;

/** A lesson learned, reusable across the post-mortems that taught it. Tags are JSON text. */
@Entity
@Table(name = "lesson")
public class Lesson {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String title;

    /** The title folded for uniqueness: one lesson per title, whatever its case and spacing. */
    @Column(name = "title_key")
    public String titleKey;

    public String body;

    /**
     * The post-mortem this lesson was first written in; null for a library lesson written on its own. Decides whether
     * the lesson is public before any published post-mortem teaches it ({@code LessonVisibility}).
     */
    @Column(name = "origin_postmortem_id")
    public Long originPostmortemId;

    @Column(name = "tags")
    public String tagsJson = "[]";

    @Column(name = "created_by")
    public String createdBy;

    @Column(name = "created_at")
    public Instant createdAt;

    @Column(name = "updated_at")
    public Instant updatedAt;

    @Version
    public long version;

    public boolean library() {
        return originPostmortemId == null;
    }

    public static String keyOf(String title) {
        return title.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
