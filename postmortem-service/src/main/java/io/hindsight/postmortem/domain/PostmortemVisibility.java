package io.hindsight.postmortem.domain;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The one rule for who sees a post-mortem, written once and asked by every read path (the post-mortem itself, lists,
 * each revision, diffs, export, its action items, the lessons it teaches, counts). It depends on the state of the
 * thing read, never on the current state of something else: a revision is judged by the status it was saved in.
 *
 * <ul>
 *   <li>authors and admins (the writers) see every state: drafts are team work, any author may pick one up;</li>
 *   <li>leaders (the reviewers) also see what is in review: they approve it;</li>
 *   <li>everyone else with a role (responders, runbooks) sees published states only.</li>
 * </ul>
 * What a caller may not see answers 404, as if it did not exist (never 403, which would say it does).
 */
public final class PostmortemVisibility {

    public static final PostmortemVisibility WRITERS = new PostmortemVisibility(EnumSet.allOf(PostmortemStatus.class));
    public static final PostmortemVisibility REVIEWERS = new PostmortemVisibility(
            EnumSet.of(PostmortemStatus.IN_REVIEW, PostmortemStatus.PUBLISHED));
    public static final PostmortemVisibility READERS = new PostmortemVisibility(EnumSet.of(PostmortemStatus.PUBLISHED));

    private final Set<PostmortemStatus> visible;

    private PostmortemVisibility(Set<PostmortemStatus> visible) {
        this.visible = Set.copyOf(visible);
    }

    /** The visibility of a caller holding these realm roles. */
    public static PostmortemVisibility of(Collection<String> roles) {
        if (roles.contains(Roles.AUTHOR) || roles.contains(Roles.ADMIN)) {
            return WRITERS;
        }
        return roles.contains(Roles.LEADER) ? REVIEWERS : READERS;
    }

    /**
     * The narrowest audience that may see something in this state: a published thing is for every reader, a thing in
     * review for reviewers and writers, a draft for writers. The change feed writes what this audience may see.
     */
    public static PostmortemVisibility audienceOf(PostmortemStatus status) {
        return switch (status) {
            case PUBLISHED -> READERS;
            case IN_REVIEW -> REVIEWERS;
            case DRAFT -> WRITERS;
        };
    }

    public boolean sees(PostmortemStatus status) {
        return status != null && visible.contains(status);
    }

    /** The states this caller sees, for queries ({@code status in :visible}). */
    public List<PostmortemStatus> statuses() {
        return List.copyOf(EnumSet.copyOf(visible));
    }

    @Override
    public String toString() {
        return this == WRITERS ? "writers" : this == REVIEWERS ? "reviewers" : "readers";
    }
}
