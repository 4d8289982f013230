package io.hindsight.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.search.index.IndexFields;
import io.hindsight.search.index.KnowledgeDocuments;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Search writes access as exclusions of DRAFT and REVIEW (Access#excludeHiddenFrom), which is only safe while every
 * document's visibility is one of the three known values: a new value must fail this test, not leak.
 */
class AccessTest {

    @Test
    void everyPostmortemStatusMapsToAKnownVisibility() {
        Set<String> known = Set.of(IndexFields.PUBLIC, IndexFields.REVIEW, IndexFields.DRAFT);
        for (String status : new String[]{"PUBLISHED", "IN_REVIEW", "DRAFT", "ARCHIVED", "", "published"}) {
            assertTrue(known.contains(KnowledgeDocuments.postmortemVisibility(status)), status);
        }
    }
}
