package io.hindsight.ui.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.ui.client.PostmortemDoc;
import jakarta.ws.rs.core.MultivaluedHashMap;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The editor's timeline rows and the report links, without a server. */
class FormParsingTest {

    private static MultivaluedHashMap<String, String> rows(List<String> at, List<String> actor, List<String> type, List<String> summary) {
        MultivaluedHashMap<String, String> f = new MultivaluedHashMap<>();
        f.put("tl-at", at);
        f.put("tl-actor", actor);
        f.put("tl-type", type);
        f.put("tl-summary", summary);
        return f;
    }

    @Test
    void timelineRowsBecomeEventsSkippingTheEmptyRowAndRemovedOnes() {
        var f = rows(List.of("2026-11-29T10:00:00Z", "2026-11-29T10:05", "2026-11-29T10:09:00Z", ""),
                List.of("ops", "", "x", ""), List.of("NOTE", "", "", ""), List.of("declared", "rolled back", "gone", ""));
        f.add("tl-remove", "2");
        List<PostmortemDoc.Timeline> t = PostmortemsPage.timeline(f, List.of());
        assertEquals(2, t.size());
        assertEquals(new PostmortemDoc.Timeline(Instant.parse("2026-11-29T10:00:00Z"), "ops", "NOTE", "declared"), t.get(0));
        assertEquals(new PostmortemDoc.Timeline(Instant.parse("2026-11-29T10:05:00Z"), null, null, "rolled back"), t.get(1));
    }

    @Test
    void aFormWithoutTimelineRowsKeepsTheCurrentTimeline() {
        List<PostmortemDoc.Timeline> current = List.of(new PostmortemDoc.Timeline(Instant.EPOCH, null, null, "x"));
        assertSame(current, PostmortemsPage.timeline(new MultivaluedHashMap<>(), current));
    }

    @Test
    void aRowWithABadTimeIsNamed() {
        var f = rows(List.of("yesterday"), List.of(""), List.of(""), List.of("something"));
        var e = assertThrows(PostmortemsPage.InvalidForm.class, () -> PostmortemsPage.timeline(f, List.of()));
        assertTrue(e.getMessage().startsWith("Timeline event 1:"), e.getMessage());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"+300000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "1969-12-31T23:59:59Z"})
    void aRowWithATimeOutsideTheSupportedYearsIsNamed(String at) {
        var f = rows(List.of(at), List.of(""), List.of(""), List.of("something"));
        var e = assertThrows(PostmortemsPage.InvalidForm.class, () -> PostmortemsPage.timeline(f, List.of()));
        assertTrue(e.getMessage().contains("outside the years 1970–9999"), e.getMessage());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"abc", "1.5", "99999999999", "-"})
    void anImpactDurationThatIsNotAWholeNumberIsRefusedNotDropped(String duration) {
        MultivaluedHashMap<String, String> f = new MultivaluedHashMap<>();
        f.add("impactDuration", duration);
        var e = assertThrows(PostmortemsPage.InvalidForm.class, () -> PostmortemsPage.fromForm(f, null));
        assertTrue(e.getMessage().startsWith("The impact duration must be a whole number of minutes"), e.getMessage());
    }

    @Test
    void reportLinksCarryPeriodAndEncodedService() {
        assertEquals("from=2026-01-01&to=2026-11-29", ReportsPage.query("2026-01-01", "2026-11-29", null));
        assertEquals("from=2026-01-01&to=2026-11-29&service=a+b%26c", ReportsPage.query("2026-01-01", "2026-11-29", "a b&c"));
    }
}
