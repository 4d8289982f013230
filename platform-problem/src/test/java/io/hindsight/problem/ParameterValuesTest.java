package io.hindsight.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ParameterValuesTest {

    @ParameterizedTest
    @ValueSource(strings = {"+300000000-01-01", "+300000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+10000-01-01",
            "1969-12-31", "1969-12-31T23:59:59.999Z", "0000-01-01", "2026-13-45", "2026-02-30", "2026-11-27T25:00:00Z", "yesterday"})
    void datesOutsideTheSupportedYearsOrImpossibleAreRefusedNamingTheParameter(String value) {
        ProblemException e = assertThrows(ProblemException.class, () -> ParameterValues.dateOrInstantMillis("from", value, false));
        assertEquals(400, e.problem().status());
        assertTrue(e.problem().detail().startsWith("from '"), e.problem().detail());
        assertEquals("from", e.problem().violations().get(0).field());
        assertTrue(e.problem().violations().get(0).message().contains("1970–9999"));
        assertThrows(ProblemException.class, () -> ParameterValues.dateOrInstantMillis("to", value, true));
        assertThrows(ProblemException.class, () -> ParameterValues.instant("since", value));
        assertThrows(ProblemException.class, () -> ParameterValues.date("due", value));
    }

    @Test
    void theEdgesOfTheRangeAreAccepted() {
        assertEquals(0L, ParameterValues.dateOrInstantMillis("from", "1970-01-01", false));
        assertEquals(ParameterValues.LATEST.toEpochMilli(), ParameterValues.dateOrInstantMillis("to", "9999-12-31", true));
        assertEquals(Instant.parse("2026-11-27T10:00:00Z"), ParameterValues.instant("since", " 2026-11-27T10:00:00Z "));
        assertEquals(LocalDate.parse("9999-12-31"), ParameterValues.date("due", "9999-12-31"));
        assertEquals(Instant.parse("2026-11-28T00:00:00Z").toEpochMilli() - 1, ParameterValues.dateOrInstantMillis("to", "2026-11-27", true));
    }

    @Test
    void absentOrBlankIsNull() {
        assertNull(ParameterValues.dateOrInstantMillis("from", null, false));
        assertNull(ParameterValues.instant("since", " "));
        assertNull(ParameterValues.wholeNumber("cursor", "", 1, 9));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "10", "abc", "1.5", "1e3", "99999999999999999999", "-9223372036854775809"})
    void wholeNumbersOutsideTheirRangeAreRefused(String value) {
        ProblemException e = assertThrows(ProblemException.class, () -> ParameterValues.wholeNumber("cursor", value, 1, 9));
        assertEquals("cursor", e.problem().violations().get(0).field());
        assertTrue(e.problem().violations().get(0).message().contains("whole number from 1 to 9"));
    }
}
