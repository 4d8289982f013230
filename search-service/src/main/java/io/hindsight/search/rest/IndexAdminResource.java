package io.hindsight.search.rest;

import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.IndexWriterLifecycle;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Full rebuild of this replica's index from the change feeds, and its progress. */
@Path("/api/admin/index")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Index administration")
@RolesAllowed("admin")
public class IndexAdminResource {

    private final IndexWriterLifecycle index;
    private final ChangeFeedIndexer indexer;
    private volatile Instant requestedAt;

    public IndexAdminResource(IndexWriterLifecycle index, ChangeFeedIndexer indexer) {
        this.index = index;
        this.indexer = indexer;
    }

    @POST
    @Path("/rebuild")
    @Operation(summary = "Drop this replica's index and rebuild it from the start of every feed",
            description = "Answers 202 at once; the feed poller re-reads every feed from sequence 0 (a page fetched before the "
                    + "rebuild is discarded, never applied over it). Follow GET /api/admin/index/rebuild.")
    public Response rebuild() {
        requestedAt = Instant.now();
        index.clear();
        indexer.resetStatus();
        return Response.accepted(progress()).build();
    }

    @GET
    @Path("/rebuild")
    @Operation(summary = "Progress of the index against the feeds (per feed: cursor, head, percent)")
    public RebuildProgress progress() {
        List<RebuildProgress.Feed> feeds = new ArrayList<>();
        boolean complete = true;
        for (ChangeFeedIndexer.FeedStatus s : indexer.status()) {
            long cursor = index.cursor(s.feed());
            Double percent = s.headSeq() <= 0 ? null : Math.min(100.0, Math.round(1000.0 * cursor / s.headSeq()) / 10.0);
            feeds.add(new RebuildProgress.Feed(s.feed(), cursor, s.headSeq(), percent, s.lastError()));
            complete &= cursor >= s.headSeq();
        }
        feeds.sort((a, b) -> a.feed().compareTo(b.feed()));
        return new RebuildProgress(requestedAt, index.rebuilds(), index.rebuiltAtStart(), index.numDocs(), complete, feeds);
    }
}
