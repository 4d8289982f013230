package io.hindsight.changefeed;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/changes")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Change feed")
public class ChangeFeedResource {

    private final ChangeFeed feed;
    private final ChangeFeedSequencer sequencer;

    public ChangeFeedResource(ChangeFeed feed, ChangeFeedSequencer sequencer) {
        this.feed = feed;
        this.sequencer = sequencer;
    }

    @GET
    @RolesAllowed({"indexer", "admin"})
    @Operation(summary = "Changes after a sequence number, in order",
            description = "Sequence numbers are strictly increasing in commit order. Pass lastSeq of a page as 'after' for the next page.")
    public ChangePage changes(@QueryParam("after") @DefaultValue("0") @Min(0) long after,
                              @QueryParam("limit") @DefaultValue("100") @Min(1) @Max(1000) int limit) {
        sequencer.sequencePending();
        ChangePage page = feed.after(after, limit);
        // nothing leaves this service before it is stored: a seq handed out is never lost to a crash and reused
        sequencer.awaitStored();
        return page;
    }
}
