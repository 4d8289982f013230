package io.hindsight.postmortem.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The visibility rule of post-mortems (and of each revision, judged by the status it was saved in), as a table. */
class PostmortemVisibilityTest {

    @ParameterizedTest(name = "{0} sees DRAFT={1} IN_REVIEW={2} PUBLISHED={3}")
    @CsvSource({
            // roles (space-separated), sees DRAFT, sees IN_REVIEW, sees PUBLISHED
            "responder,        false, false, true",
            "runbook,          false, false, true",
            "leader,           false, true,  true",
            "author,           true,  true,  true",
            "admin,            true,  true,  true",
            "responder leader, false, true,  true",
            "leader author,    true,  true,  true",
            "indexer,          false, false, true",
            "'',               false, false, true",
    })
    void whoSeesWhichState(String roles, boolean draft, boolean review, boolean published) {
        PostmortemVisibility v = PostmortemVisibility.of(Set.copyOf(Arrays.asList(roles.isBlank() ? new String[0] : roles.split(" "))));
        assertEquals(draft, v.sees(PostmortemStatus.DRAFT), "DRAFT");
        assertEquals(review, v.sees(PostmortemStatus.IN_REVIEW), "IN_REVIEW");
        assertEquals(published, v.sees(PostmortemStatus.PUBLISHED), "PUBLISHED");
        assertEquals(false, v.sees(null), "no status");
    }

    @ParameterizedTest(name = "the audience of {0} is {1}")
    @CsvSource({"PUBLISHED, readers", "IN_REVIEW, reviewers", "DRAFT, writers"})
    void theNarrowestAudienceOfEachState(PostmortemStatus status, String audience) {
        PostmortemVisibility a = PostmortemVisibility.audienceOf(status);
        assertEquals(audience, a.toString());
        assertEquals(true, a.sees(status));
        // nested: whoever sees a state sees every more public one
        for (PostmortemStatus s : PostmortemStatus.values()) {
            if (s.ordinal() >= status.ordinal()) {
                assertEquals(true, a.sees(s), s.name());
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"responder, PUBLISHED", "leader, IN_REVIEW PUBLISHED", "author, DRAFT IN_REVIEW PUBLISHED"})
    void statusesForQueries(String role, String statuses) {
        assertEquals(Arrays.stream(statuses.split(" ")).map(PostmortemStatus::valueOf).toList(),
                PostmortemVisibility.of(List.of(role)).statuses());
    }
}
