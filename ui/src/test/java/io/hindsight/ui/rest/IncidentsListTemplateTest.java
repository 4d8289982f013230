package io.hindsight.ui.rest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The incidents list with more than one page: the link to older incidents keeps the filters that are set. */
@QuarkusTest
class IncidentsListTemplateTest {

    @Test
    void olderIncidentsLinkWithoutFilters() {
        String html = IncidentsPage.Templates.list(List.of(), "open", null, null, "42:abc", null).render();
        assertTrue(html.contains("href=\"/incidents?show=open&amp;cursor=42%3Aabc\"")
                || html.contains("href=\"/incidents?show=open&cursor=42%3Aabc\""), html);
    }

    @Test
    void olderIncidentsLinkKeepsPriorityAndService() {
        String html = IncidentsPage.Templates.list(List.of(), "all", "P1", "orders api", "7", null).render();
        assertTrue(html.contains("priority=P1") && html.contains("service=orders+api") && html.contains("cursor=7"), html);
    }
}
