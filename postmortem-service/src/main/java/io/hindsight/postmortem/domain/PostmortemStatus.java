package io.hindsight.postmortem.domain;

/** The review workflow of a post-mortem: drafts are seen by authors and admins only. */
public enum PostmortemStatus {
    DRAFT, IN_REVIEW, PUBLISHED
}
