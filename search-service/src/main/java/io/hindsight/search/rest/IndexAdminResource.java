package io.hindsight.search.rest;

import io.hindsight.problem.ProblemException;
import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.IndexFields;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.search.index.KnowledgeDocuments;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.ScoreMode;
import org.apache.lucene.search.SimpleCollector;
import org.apache.lucene.search.TermQuery;
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

    static final int MAX_IDS_PAGE = 10_000;

    @GET
    @Path("/ids")
    @Operation(summary = "The ids of the documents of one type in this replica's index, in id order (duplicates kept), paged",
            description = "For checking the index against the sources: total counts documents, distinct their ids. "
                    + "offset/limit page through the sorted ids (limit at most 10,000).")
    public IndexIds ids(@QueryParam("type") String type, @QueryParam("offset") @DefaultValue("0") int offset,
                        @QueryParam("limit") @DefaultValue("1000") int limit) {
        if (type == null || !KnowledgeDocuments.TYPES.contains(type)) {
            throw ProblemException.badRequest("type must be one of " + KnowledgeDocuments.TYPES);
        }
        if (offset < 0 || limit < 1 || limit > MAX_IDS_PAGE) {
            throw ProblemException.badRequest("offset must be >= 0 and limit between 1 and " + MAX_IDS_PAGE);
        }
        List<String> all = index.withSearcher(searcher -> {
            List<String> found = new ArrayList<>();
            searcher.search(new TermQuery(new Term(IndexFields.TYPE, type)), new SimpleCollector() {
                private SortedSetDocValues ids;

                @Override
                protected void doSetNextReader(LeafReaderContext context) throws java.io.IOException {
                    ids = DocValues.getSortedSet(context.reader(), IndexFields.ID);
                }

                @Override
                public void collect(int doc) throws java.io.IOException {
                    if (ids.advanceExact(doc)) {
                        found.add(ids.lookupOrd(ids.nextOrd()).utf8ToString());
                    }
                }

                @Override
                public ScoreMode scoreMode() {
                    return ScoreMode.COMPLETE_NO_SCORES;
                }
            });
            return found;
        });
        boolean numeric = all.stream().allMatch(id -> id.matches("\\d{1,18}"));
        all.sort(numeric ? Comparator.comparingLong(Long::parseLong) : Comparator.naturalOrder());
        int distinct = (int) all.stream().distinct().count();
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), from + limit);
        return new IndexIds(type, all.size(), distinct, offset, List.copyOf(all.subList(from, to)), to < all.size() ? to : null);
    }
}
