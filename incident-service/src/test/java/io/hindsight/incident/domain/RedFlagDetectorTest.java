package io.hindsight.incident.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.incident.domain.RedFlagDetector.Change;
import io.hindsight.incident.domain.RedFlagDetector.Hypothesis;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RedFlagDetectorTest {

    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
    private static final Instant LATER = NOW.plusSeconds(600);

    private static List<Change> outcomes(ChangeOutcome... outcomes) {
        List<Change> list = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            list.add(new Change(i + 1, 1L, outcomes[i]));
        }
        return list;
    }

    static Stream<Arguments> cases() {
        ChangeOutcome n = ChangeOutcome.NO_EFFECT;
        return Stream.of(
                Arguments.of("no changes, update not due: nothing", List.of(), List.of(), LATER, List.of()),
                Arguments.of("3 changes without improvement: not yet", outcomes(n, n, n), List.of(), LATER, List.of()),
                Arguments.of("4 changes without improvement", outcomes(n, ChangeOutcome.WORSE, ChangeOutcome.REVERTED, n), List.of(), LATER,
                        List.of(RedFlagCode.CHANGES_WITHOUT_IMPROVEMENT)),
                Arguments.of("4th change still pending counts", outcomes(n, n, n, ChangeOutcome.PENDING), List.of(), LATER,
                        List.of(RedFlagCode.CHANGES_WITHOUT_IMPROVEMENT)),
                Arguments.of("an improvement resets the count", outcomes(n, n, ChangeOutcome.IMPROVED, n, n, n), List.of(), LATER, List.of()),
                Arguments.of("change without hypothesis", List.of(new Change(7, null, ChangeOutcome.PENDING)), List.of(), LATER,
                        List.of(RedFlagCode.CHANGE_WITHOUT_HYPOTHESIS)),
                Arguments.of("update overdue", List.of(), List.of(), NOW.minusSeconds(1), List.of(RedFlagCode.UPDATE_OVERDUE)),
                Arguments.of("update due exactly now is not overdue", List.of(), List.of(), NOW, List.of()),
                Arguments.of("open hypothesis past its time-box", List.of(), List.of(new Hypothesis(3, HypothesisOutcome.OPEN, NOW.minusSeconds(60))),
                        LATER, List.of(RedFlagCode.TIMEBOX_EXPIRED)),
                Arguments.of("decided hypothesis past its time-box is fine", List.of(),
                        List.of(new Hypothesis(3, HypothesisOutcome.RULED_OUT, NOW.minusSeconds(60))), LATER, List.of()),
                Arguments.of("time-box still running", List.of(), List.of(new Hypothesis(3, HypothesisOutcome.OPEN, LATER)), LATER, List.of()),
                Arguments.of("all four at once", List.of(new Change(1, null, n), new Change(2, 1L, n), new Change(3, 1L, n), new Change(4, 1L, n)),
                        List.of(new Hypothesis(1, HypothesisOutcome.OPEN, NOW.minusSeconds(1))), NOW.minusSeconds(1),
                        List.of(RedFlagCode.CHANGES_WITHOUT_IMPROVEMENT, RedFlagCode.CHANGE_WITHOUT_HYPOTHESIS, RedFlagCode.UPDATE_OVERDUE,
                                RedFlagCode.TIMEBOX_EXPIRED)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void flagsAreRaisedByTheSeedsRules(String name, List<Change> changes, List<Hypothesis> hypotheses, Instant due, List<RedFlagCode> expected) {
        List<RedFlagCode> flags = RedFlagDetector.detect(true, NOW, due, changes, hypotheses).stream().map(RedFlagDetector.Flag::code).toList();
        assertEquals(expected, flags, name);
    }

    @Test
    void resolvedIncidentRaisesNone() {
        assertTrue(RedFlagDetector.detect(false, NOW, NOW.minusSeconds(3600), outcomes(ChangeOutcome.NO_EFFECT, ChangeOutcome.NO_EFFECT,
                ChangeOutcome.NO_EFFECT, ChangeOutcome.NO_EFFECT), List.of()).isEmpty());
    }

    @Test
    void messagesNameTheOffendingChange() {
        var flags = RedFlagDetector.detect(true, NOW, LATER, List.of(new Change(42, null, ChangeOutcome.PENDING)), List.of());
        assertTrue(flags.get(0).message().contains("42"));
    }
}
