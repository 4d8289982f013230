package io.hindsight.ui.rest;

import io.hindsight.ui.client.IndexAdminClient;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The search index page rendered in a real request (CSRF token, signed-in viewer) over fixed figures, only in the tests. */
@Path("/test-only/index-admin")
@RolesAllowed("admin")
public class IndexAdminFixturePage {

    static final IndexAdminClient.Status STATUS = new IndexAdminClient.Status(null, 0, 42, false, 2, 0, List.of(
            new IndexAdminClient.Feed("incidents", 480, 483, 99.4, null, 3, 12.4, "2026-12-04T19:00:00Z", 1,
                    "2026-12-04T18:00:00Z", 1, true)));

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        var letters = new IndexAdminClient.DeadLetters(2, 0, List.of(
                new IndexAdminClient.DeadLetter("postmortems", 17, 17, "lesson", "5", "the index refused the entry: immense term <b>",
                        "2026-12-04T18:00:00Z", "2026-12-04T18:05:00Z", 3),
                new IndexAdminClient.DeadLetter("incidents", 9, 7, null, null, "feed entry unreadable", "2026-12-04T18:00:00Z",
                        "2026-12-04T18:00:00Z", 1)));
        return IndexAdminPage.Templates.index(STATUS, letters, null, null).render();
    }

    @GET
    @Path("empty")
    @Produces(MediaType.TEXT_HTML)
    public String empty() {
        return IndexAdminPage.Templates.index(STATUS, new IndexAdminClient.DeadLetters(0, 0, List.of()), null, null).render();
    }
}
