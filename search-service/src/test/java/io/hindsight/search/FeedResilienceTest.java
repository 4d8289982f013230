package io.hindsight.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.Access;
import io.hindsight.search.index.DeadLetter;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.search.index.SearchRequest;
import io.hindsight.search.index.SearchService;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The indexer never wedges: entries it cannot apply or read are dead-lettered (persisted with the index) and the feed
 * goes on; a cursor ahead of the feed's head is healed by re-reading the feed. Real Lucene on disk, real payload shapes.
 */
class FeedResilienceTest {

    /** Today's real poison: one 19,000-character word in a lesson ("immense term in field=suggest"). */
    static final String LONG_WORD = "Ab" + "C".repeat(19_000);
    /** A keyword no analyzer bound touches: Lucene refuses a term (and a doc value) over 32,766 bytes. */
    static final String HUGE_KEYWORD = "S".repeat(40_000);
    static final String UNREADABLE = "the feed's entry could not be read: Unexpected end-of-input in field name";

    @TempDir
    Path dir;

    @Test
    void entriesTheIndexRefusesAreDeadLetteredAndTheLaterOnesBecomeSearchable() throws Exception {
        IndexWriterLifecycle index = open(dir);
        ChangeFeedIndexer indexer = new ChangeFeedIndexer(null, index, TestSearchConfig.of(dir, 500, 20));
        InMemoryFeed incidents = new InMemoryFeed("incidents")
                .upsert("incident", 1, Payloads.incident(1, "Checkout latency", "p99 latency 9s", "P1", "2026-09-01T10:00:00Z", "checkout"));
        // Every value the services can send is now indexable (keyword values are cut to 1024 bytes, tokens to 255
        // characters: the 40,000-character status and the 19,000-character word below are simply indexed), so the
        // entry the indexer cannot apply is one it cannot read (a page cut off in it, a payload that is not JSON)
        incidents.unreadable("incident", 2, UNREADABLE)
                .upsert("incident", 3, Payloads.incident(3, "Zebra consumer lag", "kafka lag 20000", "P2", "2026-09-02T10:00:00Z", "billing"));
        InMemoryFeed postmortems = new InMemoryFeed("postmortems")
                .upsert("lesson", 1, Payloads.lesson(1, "Canary every deploy", "watch the error rate"))
                .upsert("lesson", 2, Payloads.lesson(2, "A long word", LONG_WORD))
                .upsert("lesson", 3, Payloads.lesson(3, "Feature flags for quokka rollouts", "turn it off first"));

        assertEquals(3, indexer.poll(incidents), "the poll goes past all three entries");
        assertEquals(3, indexer.poll(postmortems));
        assertEquals(3, index.cursor("incidents"));
        assertEquals(3, index.cursor("postmortems"));
        assertEquals(List.of("incident:3"), ids(index, "zebra"), "declared after the poison, searchable");
        assertEquals(List.of("lesson:3"), ids(index, "quokka"));
        assertEquals(List.of("incident:1"), ids(index, "latency"));

        DeadLetter status = index.deadLetter("incidents", 2);
        assertNotNull(status, "the refused incident is a dead letter");
        assertEquals("incident", status.entityType());
        assertEquals("2", status.entityId());
        assertEquals(1, status.attempts());
        assertTrue(status.error().contains(UNREADABLE), status.error());
        var huge = Payloads.incident(4, "Status huge", "a status of 40000 characters", "P1", "2026-09-01T10:00:00Z", "checkout");
        huge.put("status", HUGE_KEYWORD);
        incidents.upsert("incident", 4, huge);
        assertEquals(1, indexer.poll(incidents));
        assertEquals(List.of("incident:4"), ids(index, "\"status huge\""), "a keyword over Lucene's term limit is cut, not refused");
        // the long word: a dead letter today; once the analyzers bound term lengths, indexed. Never a wedge.
        assertTrue(index.deadLetter("postmortems", 2) != null || ids(index, "\"a long word\"").equals(List.of("lesson:2")));

        // the same entry met again (a poll from an older cursor, a rebuild) counts an attempt; a later entry of the
        // entity that applies resolves it
        ChangeFeedIndexer.RetryOutcome again = indexer.retry("incidents", 2);
        assertEquals(ChangeFeedIndexer.RetryOutcome.FAILED, again.outcome());
        assertEquals(2, index.deadLetter("incidents", 2).attempts());
        incidents.upsert("incident", 2, Payloads.incident(2, "Status poison fixed", "a status the index takes", "P1",
                "2026-09-01T10:00:00Z", "checkout"));
        assertEquals(1, indexer.poll(incidents));
        assertNull(index.deadLetter("incidents", 2), "superseded by the entity's later entry, which applied");
        assertEquals(List.of("incident:2"), ids(index, "\"status poison fixed\""));

        // persisted with the index: a restart keeps the dead letters (and the cursors past them)
        index.deadLetters().forEach(d -> index.removeDeadLetter(d.feed(), d.seq()));
        incidents.unreadable("incident", 9, UNREADABLE);
        indexer.poll(incidents);
        DeadLetter before = index.deadLetter("incidents", 6);
        assertNotNull(before);
        invoke(index, "close");
        IndexWriterLifecycle reopened = open(dir);
        assertEquals(before, reopened.deadLetter("incidents", 6));
        assertEquals(6, reopened.cursor("incidents"));

        // a rebuild from zero gets past the historical bad entry again (one more attempt) and ends at the head
        reopened.clear();
        ChangeFeedIndexer again2 = new ChangeFeedIndexer(null, reopened, TestSearchConfig.of(dir, 2, 20));
        again2.poll(incidents);
        assertEquals(6, reopened.cursor("incidents"));
        assertEquals(2, reopened.deadLetter("incidents", 6).attempts());
        assertEquals(List.of("incident:3"), ids(reopened, "zebra"));
        invoke(reopened, "close");
    }

    @Test
    void anEntryThatCannotBeReadIsFoundSkippedAndAppliedOnRetryOnceTheFeedServesIt() throws Exception {
        for (RawFeed.Break how : RawFeed.Break.values()) {
            Path where = dir.resolve(how.name());
            IndexWriterLifecycle index = open(where);
            ChangeFeedIndexer indexer = new ChangeFeedIndexer(null, index, TestSearchConfig.of(where, 500, 20));
            InMemoryFeed entries = new InMemoryFeed("incidents");
            for (int i = 1; i <= 6; i++) {
                entries.upsert("incident", 700 + i, Payloads.incident(700 + i, "Incident walrus" + i, "symptom " + i, "P2",
                        "2026-09-01T10:00:00Z", "svc"));
            }
            RawFeed feed = new RawFeed(entries).breakEntry(3, how);
            indexer.poll(feed);
            assertEquals(6, index.cursor("incidents"), how + ": past the bad entry to the head");
            assertEquals(List.of("incident:704"), ids(index, "walrus4"), how.name());
            assertEquals(List.of("incident:706"), ids(index, "walrus6"), how.name());
            assertTrue(ids(index, "walrus3").isEmpty(), how.name());
            DeadLetter letter = index.deadLetter("incidents", 3);
            assertNotNull(letter, how + ": " + index.deadLetters());
            assertEquals(1, index.deadLetters().size(), how + ": only the bad entry: " + index.deadLetters());
            if (how == RawFeed.Break.TRUNCATED) {
                assertEquals("703", letter.entityId(), "its seq and id were read before the body broke off");
            }
            assertEquals(ChangeFeedIndexer.RetryOutcome.FAILED, indexer.retry("incidents", 3).outcome(), how.name());
            feed.mend(3); // the source serves the entry now
            assertEquals(ChangeFeedIndexer.RetryOutcome.APPLIED, indexer.retry("incidents", 3).outcome(), how.name());
            assertNull(index.deadLetter("incidents", 3));
            assertEquals(List.of("incident:703"), ids(index, "walrus3"), how + ": applied on retry");
            assertEquals(6, index.cursor("incidents"), "a retry does not move the cursor");

            // an entry the feed no longer holds (compacted: a later entry of its entity superseded it) is GONE
            feed.breakEntry(5, how);
            index.clear();
            indexer.poll(feed);
            assertNotNull(index.deadLetter("incidents", 5), how + " (rebuild)");
            entries.remove(5);
            assertEquals(ChangeFeedIndexer.RetryOutcome.GONE, indexer.retryAll().get(0).outcome(), how.name());
            assertTrue(index.deadLetters().isEmpty());
            invoke(index, "close");
        }
    }

    @Test
    void aCursorAheadOfTheFeedsHeadIsHealedAndNothingDeclaredAfterwardsIsSkipped() throws Exception {
        IndexWriterLifecycle index = open(dir);
        ChangeFeedIndexer indexer = new ChangeFeedIndexer(null, index, TestSearchConfig.of(dir, 500, 20));
        InMemoryFeed incidents = new InMemoryFeed("incidents");
        for (int i = 1; i <= 5; i++) {
            incidents.upsert("incident", i, Payloads.incident(i, "Before crash heron" + i, "s", "P2", "2026-09-01T10:00:00Z", "svc"));
        }
        indexer.poll(incidents);
        assertEquals(5, index.cursor("incidents"));

        // incident-service crashes and loses its last two entries (and their incidents); their numbers are handed out again
        incidents.truncateAfter(3);
        indexer.poll(incidents);
        ChangeFeedIndexer.FeedStatus healed = indexer.status().get(0);
        assertEquals(1, healed.heals(), "the cursor 5 ahead of the head 3 is detected");
        assertNotNull(index.healedAt("incidents"));
        assertEquals(3, index.cursor("incidents"), "re-read from 0 up to the head");
        assertEquals(List.of(), ids(index, "heron4 OR heron5"), "the incidents the source lost are swept from the index");
        assertEquals(List.of("incident:1", "incident:2", "incident:3"), ids(index, "heron1 OR heron2 OR heron3"));

        for (int i = 6; i <= 9; i++) {
            incidents.upsert("incident", i, Payloads.incident(i, "After crash egret" + i, "s", "P2", "2026-09-02T10:00:00Z", "svc"));
        }
        indexer.poll(incidents);
        assertEquals(List.of("incident:6", "incident:7", "incident:8", "incident:9"), ids(index, "egret6 OR egret7 OR egret8 OR egret9"),
                "all four declared after the crash are searchable, none skipped");
        assertEquals(1, indexer.status().get(0).heals());
        invoke(index, "close");
        IndexWriterLifecycle reopened = open(dir);
        assertEquals(index.healedAt("incidents"), reopened.healedAt("incidents"), "the heal is recorded with the index");
        invoke(reopened, "close");
    }

    @Test
    void numbersReusedPastTheCursorWhileSearchWasNotLookingAreFoundAfterARestartAndReRead() throws Exception {
        IndexWriterLifecycle index = open(dir);
        ChangeFeedIndexer indexer = new ChangeFeedIndexer(null, index, TestSearchConfig.of(dir, 500, 20));
        InMemoryFeed incidents = new InMemoryFeed("incidents");
        for (int i = 1; i <= 5; i++) {
            incidents.upsert("incident", i, Payloads.incident(i, "Before crash ibis" + i, "s", "P2", "2026-09-01T10:00:00Z", "svc"));
        }
        indexer.poll(incidents);
        invoke(index, "close"); // search is down meanwhile...

        // ...incident-service crashes, loses entries 4 and 5, and hands out 4, 5, 6 again before search is back
        incidents.truncateAfter(3);
        for (int i = 6; i <= 8; i++) {
            incidents.upsert("incident", i, Payloads.incident(i, "After crash stork" + i, "s", "P2", "2026-09-02T10:00:00Z", "svc"));
        }
        assertEquals(6, incidents.head(), "the head is past search's cursor 5 again: the head check alone cannot see it");
        IndexWriterLifecycle restarted = open(dir);
        ChangeFeedIndexer after = new ChangeFeedIndexer(null, restarted, TestSearchConfig.of(dir, 500, 20));
        after.poll(incidents);
        assertEquals(1, after.status().get(0).heals(), "the entry at the cursor is another one: numbers were reused");
        assertEquals(List.of("incident:6", "incident:7", "incident:8"), ids(restarted, "stork6 OR stork7 OR stork8"),
                "all three declared after the crash are searchable");
        assertEquals(List.of(), ids(restarted, "ibis4 OR ibis5"), "the two the source lost are swept");

        // an unchanged feed after an outage is not healed
        after.poll(new ReplicasTestFailing(incidents));
        after.poll(incidents);
        assertEquals(1, after.status().get(0).heals());
        invoke(restarted, "close");
    }

    /** A feed that is unreachable (connection refused). */
    private record ReplicasTestFailing(InMemoryFeed feed) implements io.hindsight.search.feed.FeedSource {
        public String name() {
            return feed.name();
        }

        public io.hindsight.search.feed.FeedPage changesAfter(long after, int limit) {
            throw new IllegalStateException("connection refused");
        }
    }

    static List<String> ids(IndexWriterLifecycle index, String q) {
        SearchRequest request = new SearchRequest(q, List.of(), List.of(), List.of(), List.of(), List.of(), null, null, null,
                List.of(), 0, 100);
        return new SearchService(index).search(request, Access.EVERYTHING).hits().stream().map(h -> h.type() + ":" + h.id())
                .sorted().toList();
    }

    private static IndexWriterLifecycle open(Path dir) throws Exception {
        IndexWriterLifecycle index = new IndexWriterLifecycle(TestSearchConfig.of(dir, 500, 20));
        invoke(index, "open");
        return index;
    }

    private static void invoke(IndexWriterLifecycle index, String method) throws Exception {
        Method m = IndexWriterLifecycle.class.getDeclaredMethod(method);
        m.setAccessible(true);
        m.invoke(index);
    }
}
