package io.hindsight.changefeed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Change feed")
public class ChangeFeedResource {

    private final ChangeFeed feed;
    private final ChangeFeedSequencer sequencer;
    private final ObjectMapper json;

    public ChangeFeedResource(ChangeFeed feed, ChangeFeedSequencer sequencer, ObjectMapper json) {
        this.feed = feed;
        this.sequencer = sequencer;
        this.json = json;
    }

    @GET
    @RolesAllowed({"indexer", "admin"})
    @Operation(summary = "Changes after a sequence number, in order",
            description = "Sequence numbers are strictly increasing in commit order. Pass lastSeq of a page as 'after' for the next page.")
    @APIResponse(responseCode = "200", description = "A page of changes",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ChangePage.class)))
    public Response changes(@QueryParam("after") @DefaultValue("0") @Min(0) long after,
                            @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        sequencer.sequencePending();
        ChangePage page = feed.after(after, limit);
        // nothing leaves this service before it is stored: a seq handed out is never lost to a crash and reused
        sequencer.awaitStored();
        // The whole page is serialised before the first byte is sent: a failure is then a clean problem answer, never
        // a 200 whose JSON stops half-way (what a payload with a lone surrogate did when it was streamed).
        byte[] body;
        try {
            body = json.writeValueAsBytes(page);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise the change-feed page after " + after, e);
        }
        return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
    }
}
