package io.hindsight.postmortem.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The review workflow draft → in review → published, and what publishing requires: the seed's success
 * indicators all ticked, and at least one action item or a stated reason for none. Plain Java: the service
 * asks, the unit tests reach it without Quarkus.
 */
public final class ReviewWorkflow {

    /** What the workflow needs to know about a post-mortem to decide. */
    public record Facts(PostmortemStatus status, Checklist checklist, int actionItems, String noActionItemsReason,
                        String rootCause) {
    }

    public enum Action { SUBMIT, APPROVE, REQUEST_CHANGES, REOPEN }

    /** The outcome of asking for a transition: the new status, or why not. */
    public record Decision(PostmortemStatus next, List<RuleViolation> violations, String refusal) {
        public boolean allowed() {
            return refusal == null && violations.isEmpty();
        }
    }

    private ReviewWorkflow() {
    }

    /** The reasons a post-mortem may not be published yet; empty when it may. */
    public static List<RuleViolation> publicationGaps(Facts facts) {
        List<RuleViolation> gaps = new ArrayList<>();
        Checklist c = facts.checklist() == null ? Checklist.EMPTY : facts.checklist();
        if (!c.rootCauseExplained()) {
            gaps.add(new RuleViolation("checklist.rootCauseExplained", "the root cause must be explained"));
        }
        if (!c.fixAddressesCause()) {
            gaps.add(new RuleViolation("checklist.fixAddressesCause", "the fix must address that specific cause"));
        }
        if (!c.metricsConfirmResolution()) {
            gaps.add(new RuleViolation("checklist.metricsConfirmResolution", "metrics must confirm the resolution"));
        }
        if (!c.fixDocumented()) {
            gaps.add(new RuleViolation("checklist.fixDocumented", "the fix must be documented"));
        }
        if (!c.preventionIdentified()) {
            gaps.add(new RuleViolation("checklist.preventionIdentified", "prevention steps must be identified"));
        }
        if (c.rootCauseExplained() && blank(facts.rootCause())) {
            gaps.add(new RuleViolation("rootCause", "the checklist says the root cause is explained, but it is empty"));
        }
        if (facts.actionItems() == 0 && blank(facts.noActionItemsReason())) {
            gaps.add(new RuleViolation("actionItems", "add at least one action item, or state in noActionItemsReason why there are none"));
        }
        return List.copyOf(gaps);
    }

    /**
     * Decides a transition. Submitting and approving both require the publication rules (a reviewer reviews a
     * complete post-mortem); only a leader (or admin) approves or requests changes.
     */
    public static Decision decide(Action action, Facts facts, boolean callerIsReviewer) {
        PostmortemStatus status = facts.status();
        return switch (action) {
            case SUBMIT -> status != PostmortemStatus.DRAFT
                    ? refuse(status, "only a draft can be submitted for review; it is " + status)
                    : gated(facts, PostmortemStatus.IN_REVIEW);
            case APPROVE -> !callerIsReviewer
                    ? refuse(status, "only a leader approves a post-mortem")
                    : status != PostmortemStatus.IN_REVIEW
                    ? refuse(status, "only a post-mortem in review can be approved; it is " + status)
                    : gated(facts, PostmortemStatus.PUBLISHED);
            case REQUEST_CHANGES -> !callerIsReviewer
                    ? refuse(status, "only a leader sends a post-mortem back")
                    : status != PostmortemStatus.IN_REVIEW
                    ? refuse(status, "only a post-mortem in review can be sent back; it is " + status)
                    : new Decision(PostmortemStatus.DRAFT, List.of(), null);
            case REOPEN -> status != PostmortemStatus.PUBLISHED
                    ? refuse(status, "only a published post-mortem can be reopened; it is " + status)
                    : new Decision(PostmortemStatus.DRAFT, List.of(), null);
        };
    }

    /**
     * What an action item of a published post-mortem says (its title, priority and link) was reviewed with it; only its
     * progress (status, owner, due date) moves on without a new revision. Returns the reviewed fields an edit would
     * change: empty when the edit may go ahead.
     */
    public static List<String> reviewedItemChanges(ItemContent before, ItemContent after) {
        List<String> changed = new ArrayList<>();
        if (!java.util.Objects.equals(before.title(), after.title())) {
            changed.add("title");
        }
        if (!java.util.Objects.equals(before.priority(), after.priority())) {
            changed.add("priority");
        }
        if (!java.util.Objects.equals(before.link(), after.link())) {
            changed.add("link");
        }
        return List.copyOf(changed);
    }

    /** The reviewed part of an action item. */
    public record ItemContent(String title, Priority priority, String link) {
    }

    /** What to do instead of changing a published post-mortem; the detail of every such 409. */
    public static String publishedIsReadOnly(long id, String what) {
        return "Post-mortem " + id + " is published: " + what + " only through a new revision. Reopen it"
                + " (POST /api/postmortems/" + id + "/reopen), edit, submit it for review, and a leader publishes it again";
    }

    /** Published post-mortems are read-only until reopened; drafts and those in review can be edited. */
    public static boolean editable(PostmortemStatus status) {
        return status != PostmortemStatus.PUBLISHED;
    }

    private static Decision gated(Facts facts, PostmortemStatus next) {
        return new Decision(next, publicationGaps(facts), null);
    }

    private static Decision refuse(PostmortemStatus status, String why) {
        return new Decision(status, List.of(), why);
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
