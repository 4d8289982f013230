package io.hindsight.ui.rest;

import io.hindsight.ui.client.Lessons;
import io.hindsight.ui.client.PostmortemClient;
import io.hindsight.ui.client.PostmortemDoc;
import io.hindsight.ui.client.SearchClient;
import io.hindsight.ui.client.SearchResults;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/**
 * Lessons learned: the list, most recurring first (postmortem-service counts the post-mortems that taught each), a
 * lesson's page with those post-mortems, and the picker the post-mortem editor uses to reuse an existing lesson
 * (search-service finds them).
 */
@Path("/lessons")
@Authenticated
@Produces(MediaType.TEXT_HTML)
public class LessonsPage {

    /** A post-mortem that taught a lesson, as far as the user may see it. */
    public record Taught(long id, String title, String status) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Lessons.Lesson> lessons, String tag, String error);

        static native TemplateInstance lesson(Lessons.Lesson lesson, String markdown, List<Taught> postmortems);

        static native TemplateInstance picker(long postmortemId, List<Lessons.Lesson> lessons, String query, String error);
    }

    private final PostmortemClient postmortems;
    private final SearchClient search;

    public LessonsPage(@RestClient PostmortemClient postmortems, @RestClient SearchClient search) {
        this.postmortems = postmortems;
        this.search = search;
    }

    @GET
    public Response list(@QueryParam("tag") String tag) {
        String t = tag == null || tag.isBlank() ? null : tag.strip();
        try {
            return Response.ok(Templates.list(postmortems.lessons(t, 200), t, null)).build();
        } catch (WebApplicationException | ProcessingException e) {
            return Response.status(503).entity(Templates.list(List.of(), t,
                    "Lessons are unavailable right now (postmortem-service does not answer).")).build();
        }
    }

    @GET
    @Path("{id}")
    public TemplateInstance lesson(@PathParam("id") long id) {
        Lessons.Lesson lesson;
        try {
            lesson = postmortems.lesson(id);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw new NotFoundException("No lesson " + id);
            }
            throw e;
        }
        List<Taught> taught = new ArrayList<>();
        for (Long pm : lesson.postmortemIds() == null ? List.<Long>of() : lesson.postmortemIds()) {
            try {
                PostmortemDoc doc = postmortems.get(pm);
                taught.add(new Taught(doc.id(), doc.title(), doc.status()));
            } catch (WebApplicationException e) {
                // a post-mortem this user may not read (a draft) is not listed
            } catch (ProcessingException e) {
                taught.add(new Taught(pm, "Post-mortem #" + pm + " (unavailable)", ""));
            }
        }
        String html;
        try {
            html = lesson.body() == null || lesson.body().isBlank() ? ""
                    : postmortems.render(new PostmortemClient.Markdown(lesson.body())).html();
        } catch (WebApplicationException | ProcessingException e) {
            html = null;
        }
        return Templates.lesson(lesson, html, taught);
    }

    /**
     * The lesson picker of the post-mortem editor (htmx): lessons whose text matches the query (search-service), or
     * the most recurring ones when the query is empty, each with a button linking it to the post-mortem.
     */
    @GET
    @Path("picker")
    public TemplateInstance picker(@QueryParam("postmortem") long postmortemId, @QueryParam("lq") String query) {
        String q = query == null ? "" : query.strip();
        try {
            if (q.isEmpty()) {
                return Templates.picker(postmortemId, postmortems.lessons(null, 10), q, null);
            }
            SearchResults results = search.search(q, "lesson", null, null, null, List.of(), 0, 10);
            List<Lessons.Lesson> found = new ArrayList<>();
            for (SearchResults.Hit hit : results.hits()) {
                try {
                    found.add(postmortems.lesson(Long.parseLong(hit.id())));
                } catch (WebApplicationException | NumberFormatException e) {
                    // indexed but gone since: not offered
                }
            }
            return Templates.picker(postmortemId, found, q, null);
        } catch (WebApplicationException | ProcessingException e) {
            return Templates.picker(postmortemId, List.of(), q, e instanceof WebApplicationException w && w.getResponse().getStatus() == 400
                    ? Problems.describe(w) : "Lesson search is unavailable right now.");
        }
    }
}
