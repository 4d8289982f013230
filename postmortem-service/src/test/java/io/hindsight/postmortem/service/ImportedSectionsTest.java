package io.hindsight.postmortem.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The root-cause section of an imported Markdown post-mortem, found in linear time whatever its headings hold. */
class ImportedSectionsTest {

    @Test
    void findsTheRootCauseSection() {
        assertEquals("A null check went missing.", ImportedSections.rootCause("# Outage\nintro\n## Root Cause ##\nA null check went missing.\n\n## Fix\nx"));
        assertEquals("deep", ImportedSections.rootCause("### The underlying issue\ndeep"));
        assertNull(ImportedSections.rootCause("# Outage\nno such section\n#\n"));
    }

    @Test
    void aHeadingLineFullOfSpacesDoesNotHangTheImport() {
        // the former pattern took 54 s over the 2,004-character line, and grew cubically with it
        String markdown = "# a" + " ".repeat(100_000) + "b\n## Root cause\nfound";
        assertEquals("found", assertTimeoutPreemptively(Duration.ofSeconds(2), () -> ImportedSections.rootCause(markdown)));
    }
}
