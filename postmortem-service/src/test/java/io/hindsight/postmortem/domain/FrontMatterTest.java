package io.hindsight.postmortem.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class FrontMatterTest {

    @Test
    void readsScalarsInlineListsAndBlockLists() {
        FrontMatter fm = FrontMatter.parse("""
                ---
                title: "Checkout: promo codes broke"
                company: Acme
                date: 2024-03-01
                categories: [deploy, 'database']
                tags:
                  - one
                  - two
                # a comment
                ---

                ## Summary
                It broke.
                """);
        assertEquals("Checkout: promo codes broke", fm.text("title"));
        assertEquals("Acme", fm.text("company"));
        assertEquals("2024-03-01", fm.text("date"));
        assertEquals(List.of("deploy", "database"), fm.list("categories"));
        assertEquals(List.of("one", "two"), fm.list("tags"));
        assertNull(fm.text("url"));
        assertEquals("## Summary\nIt broke.", fm.body());
    }

    @Test
    void missingFrontMatterIsLineOne() {
        var e = assertThrows(FrontMatter.Malformed.class, () -> FrontMatter.parse("# Just markdown"));
        assertEquals(1, e.line());
    }

    @Test
    void unclosedFrontMatterIsAnError() {
        assertThrows(FrontMatter.Malformed.class, () -> FrontMatter.parse("---\ntitle: x\n"));
    }

    @Test
    void badLineIsNamed() {
        var e = assertThrows(FrontMatter.Malformed.class, () -> FrontMatter.parse("---\ntitle: x\nnonsense\n---\nbody"));
        assertEquals(3, e.line());
    }

    @Test
    void windowsLineEndingsAreRead() {
        assertEquals("x", FrontMatter.parse("---\r\ntitle: x\r\n---\r\nbody").text("title"));
    }
}
