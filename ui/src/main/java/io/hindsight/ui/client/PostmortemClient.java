package io.hindsight.ui.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** postmortem-service's API, called with the user's token; timeouts in {@code quarkus.rest-client.postmortems.*}. */
@RegisterRestClient(configKey = "postmortems")
@RegisterProvider(BearerTokenPropagation.class)
@Path("/api")
@Consumes(MediaType.APPLICATION_JSON)
public interface PostmortemClient {

    @GET
    @Path("/postmortems")
    List<PostmortemDoc> list(@QueryParam("limit") int limit);

    @GET
    @Path("/postmortems/{id}")
    PostmortemDoc get(@PathParam("id") long id);

    @POST
    @Path("/postmortems")
    PostmortemDoc create(Create body);

    @PUT
    @Path("/postmortems/{id}")
    PostmortemDoc save(@PathParam("id") long id, @HeaderParam("If-Match") String version, PostmortemDoc.Save body);

    @POST
    @Path("/postmortems/{id}/{action}")
    PostmortemDoc transition(@PathParam("id") long id, @PathParam("action") String action, @HeaderParam("If-Match") String version,
                             Comment body);

    @POST
    @Path("/postmortems/{id}/action-items")
    PostmortemDoc.ActionItem addActionItem(@PathParam("id") long id, NewActionItem body);

    @POST
    @Path("/postmortems/{id}/lessons")
    PostmortemDoc linkLesson(@PathParam("id") long id, LinkLesson body);

    @jakarta.ws.rs.DELETE
    @Path("/postmortems/{id}/lessons/{lessonId}")
    PostmortemDoc unlinkLesson(@PathParam("id") long id, @PathParam("lessonId") long lessonId);

    @POST
    @Path("/postmortems/{id}/incident-refresh")
    PostmortemDoc refreshFromIncident(@PathParam("id") long id);

    /** Action items across post-mortems (those of post-mortems the user may see), soonest due first. */
    @GET
    @Path("/action-items")
    List<ActionItems.Item> actionItems(@QueryParam("owner") String owner, @QueryParam("status") String status,
                                       @QueryParam("overdue") boolean overdue, @QueryParam("limit") int limit);

    @GET
    @Path("/action-items/stats")
    ActionItems.Stats actionItemStats(@QueryParam("owner") String owner);

    @GET
    @Path("/action-items/{id}")
    ActionItems.Item actionItem(@PathParam("id") long id);

    @PUT
    @Path("/action-items/{id}")
    ActionItems.Item updateActionItem(@PathParam("id") long id, @HeaderParam("If-Match") String version, UpdateActionItem body);

    /** Lessons, most recurring first. */
    @GET
    @Path("/lessons")
    List<Lessons.Lesson> lessons(@QueryParam("tag") String tag, @QueryParam("limit") int limit);

    @GET
    @Path("/lessons/{id}")
    Lessons.Lesson lesson(@PathParam("id") long id);

    @GET
    @Path("/postmortems/{id}/export")
    @Produces({"text/markdown", MediaType.TEXT_HTML})
    String export(@PathParam("id") long id, @QueryParam("format") String format);

    @POST
    @Path("/markdown/render")
    Rendered render(Markdown body);

    record Create(String title, Long incidentId) {
    }

    record Comment(String comment) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NewActionItem(String title, String owner, LocalDate dueDate, String priority, String link) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UpdateActionItem(String title, String owner, LocalDate dueDate, String priority, String status, String link) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record LinkLesson(Long lessonId, NewLesson lesson) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record NewLesson(String title, String body, List<String> tags) {
    }

    record Markdown(String markdown) {
    }

    record Rendered(String html) {
    }
}
