package io.hindsight.postmortem.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.postmortem.domain.ReviewWorkflow.Action;
import io.hindsight.postmortem.domain.ReviewWorkflow.Facts;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ReviewWorkflowTest {

    private static final Checklist ALL = new Checklist(true, true, true, true, true);

    private static Facts facts(PostmortemStatus status, Checklist c, int items, String reason) {
        return new Facts(status, c, items, reason, "The N+1 query of 2.4.1 exhausted the pool");
    }

    static Stream<Arguments> publicationGaps() {
        return Stream.of(
                Arguments.of("complete with an action item", ALL, 1, null, List.of()),
                Arguments.of("complete with a reason for no action item", ALL, 0, "Third-party outage; nothing of ours to change", List.of()),
                Arguments.of("no action item and no reason", ALL, 0, null, List.of("actionItems")),
                Arguments.of("blank reason is no reason", ALL, 0, "  ", List.of("actionItems")),
                Arguments.of("nothing ticked", Checklist.EMPTY, 1, null, List.of("checklist.rootCauseExplained",
                        "checklist.fixAddressesCause", "checklist.metricsConfirmResolution", "checklist.fixDocumented",
                        "checklist.preventionIdentified")),
                Arguments.of("metrics unconfirmed", new Checklist(true, true, false, true, true), 1, null,
                        List.of("checklist.metricsConfirmResolution")),
                Arguments.of("prevention missing and no items", new Checklist(true, true, true, true, false), 0, null,
                        List.of("checklist.preventionIdentified", "actionItems")),
                Arguments.of("no checklist at all", null, 2, null, List.of("checklist.rootCauseExplained",
                        "checklist.fixAddressesCause", "checklist.metricsConfirmResolution", "checklist.fixDocumented",
                        "checklist.preventionIdentified")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void publicationGaps(String name, Checklist checklist, int items, String reason, List<String> fields) {
        assertEquals(fields, ReviewWorkflow.publicationGaps(facts(PostmortemStatus.DRAFT, checklist, items, reason))
                .stream().map(RuleViolation::field).toList());
    }

    @Test
    void tickedRootCauseNeedsARootCauseText() {
        var gaps = ReviewWorkflow.publicationGaps(new Facts(PostmortemStatus.DRAFT, ALL, 1, null, " "));
        assertEquals(List.of("rootCause"), gaps.stream().map(RuleViolation::field).toList());
    }

    static Stream<Arguments> transitions() {
        return Stream.of(
                // action, from, reviewer, expected next (null = refused)
                Arguments.of(Action.SUBMIT, PostmortemStatus.DRAFT, false, PostmortemStatus.IN_REVIEW),
                Arguments.of(Action.SUBMIT, PostmortemStatus.IN_REVIEW, false, null),
                Arguments.of(Action.SUBMIT, PostmortemStatus.PUBLISHED, false, null),
                Arguments.of(Action.APPROVE, PostmortemStatus.IN_REVIEW, true, PostmortemStatus.PUBLISHED),
                Arguments.of(Action.APPROVE, PostmortemStatus.IN_REVIEW, false, null),
                Arguments.of(Action.APPROVE, PostmortemStatus.DRAFT, true, null),
                Arguments.of(Action.REQUEST_CHANGES, PostmortemStatus.IN_REVIEW, true, PostmortemStatus.DRAFT),
                Arguments.of(Action.REQUEST_CHANGES, PostmortemStatus.IN_REVIEW, false, null),
                Arguments.of(Action.REQUEST_CHANGES, PostmortemStatus.PUBLISHED, true, null),
                Arguments.of(Action.REOPEN, PostmortemStatus.PUBLISHED, false, PostmortemStatus.DRAFT),
                Arguments.of(Action.REOPEN, PostmortemStatus.DRAFT, false, null));
    }

    @ParameterizedTest(name = "{0} from {1} (reviewer={2}) -> {3}")
    @MethodSource
    void transitions(Action action, PostmortemStatus from, boolean reviewer, PostmortemStatus expected) {
        var d = ReviewWorkflow.decide(action, facts(from, ALL, 1, null), reviewer);
        if (expected == null) {
            assertFalse(d.allowed());
            assertTrue(d.refusal() != null);
        } else {
            assertTrue(d.allowed(), () -> String.valueOf(d));
            assertEquals(expected, d.next());
        }
    }

    @Test
    void approvingAnIncompletePostmortemListsWhatIsMissing() {
        var d = ReviewWorkflow.decide(Action.APPROVE, facts(PostmortemStatus.IN_REVIEW, Checklist.EMPTY, 0, null), true);
        assertNull(d.refusal());
        assertFalse(d.allowed());
        assertEquals(6, d.violations().size());
    }

    @Test
    void onlyPublishedIsReadOnly() {
        assertTrue(ReviewWorkflow.editable(PostmortemStatus.DRAFT));
        assertTrue(ReviewWorkflow.editable(PostmortemStatus.IN_REVIEW));
        assertFalse(ReviewWorkflow.editable(PostmortemStatus.PUBLISHED));
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({
            // what changes, title, priority, link after the edit, reviewed fields changed
            "progress only (status or owner or due date), Add index, P1, https://t/1, ''",
            "title,                                    Add two indexes, P1, https://t/1, title",
            "priority,                                 Add index, P0, https://t/1, priority",
            "link,                                     Add index, P1, https://t/2, link",
            "link removed,                             Add index, P1, , link",
            "all three,                                Other, P3, , title priority link",
    })
    void onAPublishedPostmortemOnlyTheProgressOfAnItemMovesOn(String what, String title, Priority priority, String link,
                                                              String changed) {
        var before = new ReviewWorkflow.ItemContent("Add index", Priority.P1, "https://t/1");
        assertEquals(changed.isBlank() ? java.util.List.of() : java.util.List.of(changed.split(" ")),
                ReviewWorkflow.reviewedItemChanges(before, new ReviewWorkflow.ItemContent(title, priority, link)), what);
    }
}
