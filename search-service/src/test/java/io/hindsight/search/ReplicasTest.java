package io.hindsight.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hindsight.search.config.SearchConfig;
import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.feed.FeedPage;
import io.hindsight.search.feed.FeedSource;
import io.hindsight.search.index.Access;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.search.index.SearchRequest;
import io.hindsight.search.index.SearchService;
import io.hindsight.search.rest.SearchHit;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two replicas, each with its own index directory, read the same feeds at their own pace and answer alike. */
class ReplicasTest {

    @TempDir
    Path one;

    @TempDir
    Path two;

    @Test
    void twoReplicasCatchingUpFromTheFeedsReturnTheSameResults() throws Exception {
        InMemoryFeed incidents = new InMemoryFeed("incidents");
        InMemoryFeed postmortems = new InMemoryFeed("postmortems");
        for (int i = 1; i <= 60; i++) {
            incidents.upsert("incident", i, Payloads.incident(i, "Checkout incident " + i,
                    (i % 3 == 0 ? "NullPointerException in PromoValidator " : "latency on orders-api ") + "run " + i,
                    "P" + (i % 3), "2026-09-01T10:00:00Z", i % 2 == 0 ? "checkout" : "orders-api"));
            if (i % 5 == 0) {
                postmortems.upsert("postmortem", i, Payloads.postmortem(i, (long) i, i % 10 == 0 ? "PUBLISHED" : "DRAFT",
                        "Post-mortem " + i, "HTTP 503 on checkout " + i, "missing null check " + i,
                        new String[]{"checkout"}, new String[]{"deploy"}));
            }
        }
        incidents.upsert("incident", 3, Payloads.incident(3, "Checkout incident 3 renamed", "ERR_TIMEOUT on db-01", "P0",
                "2026-09-02T10:00:00Z", "checkout"));

        IndexWriterLifecycle a = open(one, 7);
        IndexWriterLifecycle b = open(two, 50);
        // replica A reads in small pages and is interrupted by a feed outage half-way; B reads in big pages
        ChangeFeedIndexer indexerA = new ChangeFeedIndexer(null, a, config(one, 7));
        assertEquals(21, indexerA.poll(new FailingAfter(incidents, 3)), "three pages of 7, then the feed fails");
        assertEquals(21, a.cursor("incidents"));
        assertEquals(incidents.size() - 21, indexerA.poll(incidents), "resumes from the committed cursor");
        indexerA.poll(postmortems);
        ChangeFeedIndexer indexerB = new ChangeFeedIndexer(null, b, config(two, 50));
        indexerB.poll(postmortems);
        indexerB.poll(incidents);
        assertEquals(a.cursors(), b.cursors());
        assertEquals(a.numDocs(), b.numDocs());

        for (String q : List.of("NullPointerException", "latency", "\"missing null check\"", "service:checkout", "ERR_TIMEOUT", "")) {
            for (Access access : List.of(Access.of(java.util.Set.of("responder")), Access.EVERYTHING)) {
                SearchRequest request = new SearchRequest(q, List.of(), List.of(), List.of(), List.of(), List.of(), null, null,
                        null, List.of("type", "service"), 0, 100);
                var ra = new SearchService(a).search(request, access);
                var rb = new SearchService(b).search(request, access);
                assertEquals(ra.total(), rb.total(), q);
                assertEquals(ids(ra.hits()), ids(rb.hits()), q);
                assertEquals(ra.facets(), rb.facets(), q);
                if (!q.isEmpty()) {
                    assertFalse(ra.hits().isEmpty(), q);
                }
            }
        }
        invoke(a, "close");
        invoke(b, "close");
    }

    private static List<String> ids(List<SearchHit> hits) {
        return hits.stream().map(h -> h.type() + ":" + h.id()).sorted().toList();
    }

    /** A feed that fails after a number of pages, as an unreachable incident-service would. */
    private record FailingAfter(FeedSource feed, int pages, AtomicInteger served) implements FeedSource {
        FailingAfter(FeedSource feed, int pages) {
            this(feed, pages, new AtomicInteger());
        }

        public String name() {
            return feed.name();
        }

        public FeedPage changesAfter(long after, int limit) {
            if (served.incrementAndGet() > pages) {
                throw new IllegalStateException("connection refused");
            }
            return feed.changesAfter(after, limit);
        }
    }

    private static SearchConfig config(Path dir, int batch) {
        return TestSearchConfig.of(dir, batch, 1000);
    }

    private static IndexWriterLifecycle open(Path dir, int batch) throws Exception {
        IndexWriterLifecycle index = new IndexWriterLifecycle(config(dir, batch));
        invoke(index, "open");
        return index;
    }

    private static void invoke(IndexWriterLifecycle index, String method) throws Exception {
        Method m = IndexWriterLifecycle.class.getDeclaredMethod(method);
        m.setAccessible(true);
        m.invoke(index);
    }
}
