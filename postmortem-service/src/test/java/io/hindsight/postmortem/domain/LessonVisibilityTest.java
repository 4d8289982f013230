package io.hindsight.postmortem.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The visibility rule of lessons, as a table: a lesson is as public as the most public post-mortem teaching it. */
class LessonVisibilityTest {

    @ParameterizedTest(name = "library={0}, taught by [{1}] → {2}; responder {3}, leader {4}, author {5}")
    @CsvSource({
            // library, statuses of the post-mortems teaching it, lesson status, seen by responder, leader, author
            "false, '',                        DRAFT,     false, false, true",
            "false, DRAFT,                     DRAFT,     false, false, true",
            "false, DRAFT DRAFT,               DRAFT,     false, false, true",
            "false, IN_REVIEW,                 IN_REVIEW, false, true,  true",
            "false, DRAFT IN_REVIEW,           IN_REVIEW, false, true,  true",
            "false, PUBLISHED,                 PUBLISHED, true,  true,  true",
            "false, DRAFT IN_REVIEW PUBLISHED, PUBLISHED, true,  true,  true",
            "true,  '',                        PUBLISHED, true,  true,  true",
            "true,  DRAFT,                     PUBLISHED, true,  true,  true",
    })
    void howPublicALessonIs(boolean library, String taughtBy, PostmortemStatus status, boolean responder, boolean leader,
                            boolean author) {
        List<PostmortemStatus> links = taughtBy.isBlank() ? List.of()
                : Arrays.stream(taughtBy.split(" ")).map(PostmortemStatus::valueOf).toList();
        assertEquals(status, LessonVisibility.status(library, links));
        assertEquals(responder, LessonVisibility.visible(PostmortemVisibility.READERS, library, links));
        assertEquals(leader, LessonVisibility.visible(PostmortemVisibility.REVIEWERS, library, links));
        assertEquals(author, LessonVisibility.visible(PostmortemVisibility.WRITERS, library, links));
    }

    @ParameterizedTest(name = "{0} is told [{1}] (recurrence {2})")
    @CsvSource({"responder, 3, 1", "leader, 2 3, 2", "author, 1 2 3, 3", "runbook, 3, 1"})
    void theTeachingPostmortemsACallerIsToldAreThoseItSees(String role, String ids, int recurrence) {
        Map<Long, PostmortemStatus> taught = new LinkedHashMap<>();
        taught.put(3L, PostmortemStatus.PUBLISHED);
        taught.put(1L, PostmortemStatus.DRAFT);
        taught.put(2L, PostmortemStatus.IN_REVIEW);
        List<Long> told = LessonVisibility.postmortemIds(PostmortemVisibility.of(List.of(role)), taught);
        assertEquals(Arrays.stream(ids.split(" ")).map(Long::valueOf).toList(), told);
        assertEquals(recurrence, told.size());
    }
}
