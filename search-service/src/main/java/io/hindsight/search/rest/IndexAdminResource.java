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
            feeds.add(new RebuildProgress.Feed(s.feed(), cursor, s.headSeq(), percent, s.lastError(), s.lagEntries(),
                    s.lagSeconds(Instant.now()), s.lastSuccess(), index.deadLetterCount(s.feed()), index.healedAt(s.feed()), s.heals(),
                    index.sweepPending(s.feed())));
            complete &= cursor >= s.headSeq();
        }
        feeds.sort((a, b) -> a.feed().compareTo(b.feed()));
        return new RebuildProgress(requestedAt, index.rebuilds(), index.rebuiltAtStart(), index.numDocs(), complete,
                index.deadLetterCount(), index.deadLettersDropped(), feeds);
    }

    @GET
    @Operation(summary = "Status of this replica's index: per feed cursor, head, lag (entries, seconds), last successful read, "
            + "dead letters, cursor heals; documents")
    public RebuildProgress status() {
        return progress();
    }

    @GET
    @Path("/dead-letters")
    @Operation(summary = "The feed entries this replica could not apply and went past (dead letters)",
            description = "Per entry: feed, seq (fromSeq..seq for a run of unreadable entries), entity type and id (null when the "
                    + "entry could not be read), the last error, first and last seen, attempts. Persisted with the index.")
    public DeadLetters deadLetters() {
        return new DeadLetters(index.deadLetterCount(), index.deadLettersDropped(), index.deadLetters());
    }

    @POST
    @Path("/dead-letters/retry")
    @Operation(summary = "Retry the dead letters (up to 100 per call; remaining says how many are left): each entry is read again "
            + "from its feed and applied",
            description = "Per entry the outcome: APPLIED (removed from the list), FAILED (kept, one more attempt) or GONE (the feed "
                    + "no longer holds the entry: a later entry of the entity superseded it; removed).")
    public RetryResults retryAll() {
        return results(() -> indexer.retryAll());
    }

    @POST
    @Path("/dead-letters/{feed}/{seq}/retry")
    @Operation(summary = "Retry one dead letter: the entry is read again from its feed and applied")
    public RetryResults retry(@jakarta.ws.rs.PathParam("feed") String feed, @jakarta.ws.rs.PathParam("seq") String seq) {
        long number;
        try {
            number = Long.parseLong(seq);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("seq must be a sequence number, not '" + abbreviate(seq) + "'");
        }
        if (index.deadLetter(feed, number) == null) {
            throw ProblemException.notFound("There is no dead letter " + abbreviate(feed) + "/" + number);
        }
        return results(() -> {
            ChangeFeedIndexer.RetryOutcome outcome = indexer.retry(feed, number);
            if (outcome == null) {
                throw ProblemException.notFound("There is no dead letter " + abbreviate(feed) + "/" + number);
            }
            return List.of(outcome);
        });
    }

    @jakarta.ws.rs.DELETE
    @Path("/dead-letters/{feed}/{seq}")
    @Operation(summary = "Discard one dead letter (an entry that will never apply, looked into): it is no longer listed or counted",
            description = "The entry stays skipped; it is recorded again if it fails again (a rebuild meets it again).")
    public Response discard(@jakarta.ws.rs.PathParam("feed") String feed, @jakarta.ws.rs.PathParam("seq") String seq) {
        long number;
        try {
            number = Long.parseLong(seq);
        } catch (NumberFormatException e) {
            throw ProblemException.badRequest("seq must be a sequence number, not '" + abbreviate(seq) + "'");
        }
        if (!index.removeDeadLetter(feed, number)) {
            throw ProblemException.notFound("There is no dead letter " + abbreviate(feed) + "/" + number);
        }
        index.commitAndRefresh();
        return Response.noContent().build();
    }

    private RetryResults results(java.util.function.Supplier<List<ChangeFeedIndexer.RetryOutcome>> retry) {
        List<ChangeFeedIndexer.RetryOutcome> outcomes;
        try {
            outcomes = retry.get();
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            // the feed did not answer (or answered 5xx / 401 / 403): nothing was tried, the dead letters are unchanged
            throw new ProblemException(io.hindsight.problem.Problem.of(503, "Service Unavailable",
                    "The feed could not be read, nothing was retried: " + abbreviate(e.toString())),
                    Response.status(503).header("Retry-After", "5"));
        }
        return new RetryResults(outcomes, index.deadLetterCount());
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 199) + "…";
    }

    /** The dead letters of this replica, by feed and sequence number. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record DeadLetters(int count, long dropped, List<io.hindsight.search.index.DeadLetter> deadLetters) {
    }

    /** What a retry did to each dead letter, and how many are left. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record RetryResults(List<ChangeFeedIndexer.RetryOutcome> outcomes, int remaining) {
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
