package io.hindsight.search.feed;

import io.hindsight.search.config.SearchConfig;
import io.hindsight.search.index.DeadLetter;
import io.hindsight.search.index.IndexFields;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.search.index.KnowledgeDocuments;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.WebApplicationException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Pulls every feed from its committed cursor and applies it to the index, page by page; one commit per poll holds the
 * documents and the cursors they reached.
 * <p>It never stops at an entry it cannot apply. An entry that cannot be mapped or that Lucene refuses (an immense
 * term) is isolated (every change is applied on its own, atomically), an entry that cannot even be read is found by
 * reading smaller pages and then single entries; either is recorded as a {@link DeadLetter} (committed with the index,
 * with the cursor that moves past it) and the feed goes on. Admins list and retry them ({@code /api/admin/index/dead-letters}).
 * An unreachable feed (no answer, 5xx, 401/403/404/408/429) is not a bad entry: nothing is skipped, it is retried.
 * <p>A cursor ahead of the feed's head (the source reused sequence numbers or was restored) is healed: logged, counted
 * ({@code hindsight_search_feed_cursor_heals_total}), the feed re-read from 0 and, once caught up, the documents the
 * re-read did not rewrite are swept ({@link IndexWriterLifecycle#rewind}).
 */
@ApplicationScoped
public class ChangeFeedIndexer {

    private static final Logger LOG = Logger.getLogger(ChangeFeedIndexer.class);

    /**
     * What is known of one feed: how far it is applied, how far the source is, the last failure if any, whether this
     * replica has once caught up with it (the condition for reporting ready), the record time of the newest change
     * applied, since when it has been behind (null when caught up), and its cursor heals.
     */
    public record FeedStatus(String feed, long cursor, long headSeq, Instant lastSuccess, String lastError, boolean caughtUp,
                             Instant lastAppliedRecordedAt, Instant behindSince, long heals) {

        public FeedStatus(String feed, long cursor, long headSeq, Instant lastSuccess, String lastError, boolean caughtUp) {
            this(feed, cursor, headSeq, lastSuccess, lastError, caughtUp, null, null, 0);
        }

        /** Entries the source has that this replica has not applied (as of the last head seen). */
        public long lagEntries() {
            return Math.max(0, headSeq - cursor);
        }

        /**
         * How old the oldest change not yet applied is, in seconds (0 when caught up): an upper bound, measured from the
         * record time of the newest change applied (the next one was recorded after it), or from when the lag was first
         * seen if nothing has been applied yet.
         */
        public double lagSeconds(Instant now) {
            if (lagEntries() == 0 || behindSince == null) {
                return 0;
            }
            return Math.max(0, Duration.between(behindSince, now).toMillis() / 1000.0);
        }
    }

    /** The result of retrying one dead letter. */
    @io.quarkus.runtime.annotations.RegisterForReflection
    public record RetryOutcome(String feed, long seq, String outcome, String detail) {
        public static final String APPLIED = "APPLIED";
        public static final String FAILED = "FAILED";
        public static final String GONE = "GONE";
    }

    /** How stale the searchers may get while a long catch-up is applied. */
    private static final Duration VISIBLE_WITHIN = Duration.ofMillis(500);
    /** Fetches of one poll beyond its pages: the halvings of a page that cannot be read. */
    private static final int EXTRA_FETCHES = 16;
    /** Single entries probed, in one poll, to find an entry that cannot be read and whose sequence number is unknown. */
    static final int MAX_PROBES = 200;

    private final Instance<FeedSource> sources;
    private final IndexWriterLifecycle index;
    private final SearchConfig config;
    private final MeterRegistry registry;
    private final Map<String, FeedStatus> status = new ConcurrentHashMap<>();
    /** The source last polled under each name (tests poll feeds of their own). */
    private final Map<String, FeedSource> known = new ConcurrentHashMap<>();
    private final Map<String, Counter> heals = new ConcurrentHashMap<>();
    /** Feeds whose entry at the cursor has been checked since start-up or since the feed was last unreachable. */
    private final java.util.Set<String> verified = ConcurrentHashMap.newKeySet();
    /** Polls, retries and rebuild resets of the feeds one at a time. */
    private final Object lock = new Object();

    public ChangeFeedIndexer(Instance<FeedSource> sources, IndexWriterLifecycle index, SearchConfig config) {
        this(sources, index, config, null);
    }

    @Inject
    public ChangeFeedIndexer(Instance<FeedSource> sources, IndexWriterLifecycle index, SearchConfig config, MeterRegistry registry) {
        this.sources = sources;
        this.index = index;
        this.config = config;
        this.registry = registry;
        if (registry != null) {
            Gauge.builder("hindsight.search.dead.letters.total", index, IndexWriterLifecycle::deadLetterCount)
                    .description("Feed entries this replica could not apply and went past (all feeds)").register(registry);
        }
    }

    /** Polls every feed once; returns how many changes were applied, or -1 if a feed could not be read. */
    public int pollAll() {
        int applied = 0;
        boolean failed = false;
        for (FeedSource source : sources) {
            int n = poll(source);
            if (n < 0) {
                failed = true;
            } else {
                applied += n;
            }
        }
        return failed && applied == 0 ? -1 : applied;
    }

    /**
     * Applies up to {@code maxPagesPerPoll} pages of one feed; returns how many entries it went past (applied or
     * dead-lettered), -1 when the feed could not be read.
     */
    public int poll(FeedSource source) {
        synchronized (lock) {
            return pollLocked(source);
        }
    }

    private int pollLocked(FeedSource source) {
        String feed = source.name();
        known.put(feed, source);
        registerMeters(feed);
        FeedStatus before = status.get(feed);
        long head = before == null ? 0L : before.headSeq();
        Instant lastApplied = before == null ? null : before.lastAppliedRecordedAt();
        int applied = 0;
        boolean behind = false;
        try {
            if (!verified.contains(feed)) {
                verifyEntryAtCursor(source);
                verified.add(feed);
            }
            int limit = config.feedBatchSize();
            int pages = 0;
            int fetches = 0;
            while (pages < config.maxPagesPerPoll() && fetches++ < config.maxPagesPerPoll() + EXTRA_FETCHES) {
                long cursor = index.cursor(feed);
                FeedPage page;
                try {
                    page = source.changesAfter(cursor, limit);
                } catch (RuntimeException e) {
                    if (!unreadable(e)) {
                        throw e;
                    }
                    if (limit > 1) {
                        limit = Math.max(1, limit / 2); // a smaller page may stop before the entry that cannot be read
                        continue;
                    }
                    if (!skipUnreadable(source, cursor, e)) {
                        throw e;
                    }
                    applied++;
                    limit = config.feedBatchSize();
                    continue;
                }
                pages++;
                if (page.headSeq() >= 0) {
                    head = page.headSeq();
                }
                if (page.headSeq() >= 0 && cursor > page.headSeq()) {
                    heal(feed, cursor, page.headSeq());
                    continue;
                }
                if (page.changes().isEmpty()) {
                    behind = false;
                    break;
                }
                if (!applyPage(feed, cursor, page)) {
                    break; // the index was cleared meanwhile: the next poll starts again from the new cursor
                }
                applied += page.changes().size();
                Instant recorded = page.changes().get(page.changes().size() - 1).recordedAt();
                if (recorded != null) {
                    lastApplied = recorded;
                }
                limit = config.feedBatchSize();
                behind = page.hasMore();
                if (!page.hasMore()) {
                    break;
                }
                index.refreshIfOlderThan(VISIBLE_WITHIN); // a long catch-up still shows its progress
            }
            long cursor = index.cursor(feed);
            if (!behind && cursor >= head && index.sweepPending(feed)) {
                int swept = index.sweepIfPending(feed);
                LOG.warnf("Feed %s re-read from 0 after its cursor was healed; %d documents of entities the feed no longer has "
                        + "were removed", feed, swept);
            }
            if (applied > 0) {
                // one commit per poll (not per page): the cursors committed always match the documents committed
                index.commitAndRefresh();
            }
            boolean caughtUp = (before != null && before.caughtUp()) || cursor >= head;
            Instant behindSince = cursor >= head ? null
                    : lastApplied != null ? lastApplied : before != null && before.behindSince() != null ? before.behindSince() : Instant.now();
            FeedStatus previous = status.put(feed, new FeedStatus(feed, cursor, head, Instant.now(), null, caughtUp, lastApplied,
                    behindSince, heals(status.get(feed))));
            if (previous != null && previous.lastError() != null) {
                LOG.infof("Feed %s is reachable again", feed);
            }
        } catch (RuntimeException e) {
            verified.remove(feed); // the source may have crashed and come back with reused numbers: check again
            if (applied > 0) {
                index.commitAndRefresh(); // keep the pages applied before the failure
            }
            FeedStatus previous = status.get(feed);
            if (previous == null || previous.lastError() == null) {
                LOG.warnf("Feed %s unavailable, search serves what is indexed and retries: %s", feed, e.toString());
            }
            long cursor = index.cursor(feed);
            Instant behindSince = cursor >= head ? null
                    : lastApplied != null ? lastApplied : previous != null && previous.behindSince() != null ? previous.behindSince() : Instant.now();
            status.put(feed, new FeedStatus(feed, cursor, head, previous == null ? null : previous.lastSuccess(), e.toString(),
                    previous != null && previous.caughtUp(), lastApplied, behindSince, heals(previous)));
            return applied > 0 ? applied : -1;
        }
        return applied;
    }

    private long heals(FeedStatus status) {
        return status == null ? 0 : status.heals();
    }

    /**
     * Whether a failed read is about the page (a smaller page or skipping an entry can get past it) rather than about
     * the feed being unreachable, unauthorised or overloaded (then nothing may be skipped).
     */
    static boolean unreadable(RuntimeException e) {
        if (e instanceof UnreadablePage) {
            return true;
        }
        if (e instanceof WebApplicationException w && w.getResponse() != null) {
            int code = w.getResponse().getStatus();
            return code >= 400 && code < 500 && code != 401 && code != 403 && code != 404 && code != 407 && code != 408 && code != 429;
        }
        return false;
    }

    /**
     * Not even one entry after {@code cursor} can be read and its sequence number is unknown: find it by reading one
     * entry after cursor+1, cursor+2, ... The first {@code a} after which an entry can be read (or the feed is empty)
     * is the sequence number of the bad entry (the numbers between are gaps or bad as well). Dead-letters it and moves
     * the cursor to {@code a}. False if it was not found within {@link #MAX_PROBES} reads.
     */
    private boolean skipUnreadable(FeedSource source, long cursor, RuntimeException error) {
        for (long a = cursor + 1; a <= cursor + MAX_PROBES; a++) {
            try {
                source.changesAfter(a, 1);
            } catch (RuntimeException e) {
                if (!unreadable(e)) {
                    throw e;
                }
                continue;
            }
            String range = a == cursor + 1 ? "" : " (entries " + (cursor + 1) + " to " + a + ", which cannot be told apart)";
            String message = "feed entry unreadable" + range + ": " + FeedPageReader.describe(error);
            index.recordDeadLetter(source.name(), a, cursor + 1, null, null, message);
            LOG.warnf("Feed %s: entry %d cannot be read, recorded as a dead letter and skipped%s: %s", source.name(), a, range,
                    FeedPageReader.describe(error));
            Map<Integer, RuntimeException> done = index.applyAt(source.name(), cursor, List.of(), a);
            return done != null;
        }
        return false;
    }

    /**
     * After start-up and after the feed was unreachable (a crash of the source is seen as an outage first): is the entry
     * at the cursor still the one applied? If the source reused the number (it lost its last entries and has handed the
     * numbers out again, possibly past the cursor already), it is another entry: the feed is healed like a cursor ahead
     * of the head. An entry no longer there (compacted) is not a sign of reuse.
     */
    private void verifyEntryAtCursor(FeedSource source) {
        String feed = source.name();
        long cursor = index.cursor(feed);
        String expected = index.lastEntry(feed);
        if (cursor <= 0 || expected == null || !expected.startsWith(cursor + "|")) {
            return;
        }
        FeedPage page;
        try {
            page = source.changesAfter(cursor - 1, 1);
        } catch (RuntimeException e) {
            if (unreadable(e)) {
                return; // the entry cannot be read now; the pages after the cursor are what matters
            }
            throw e;
        }
        if (page.changes().isEmpty()) {
            return; // nothing at or after the cursor: if the cursor is ahead of the head, the poll heals it
        }
        FeedChange at = page.changes().get(0);
        if (at.seq() == cursor && !identity(at).equals(expected)) {
            healReused(feed, cursor, expected, identity(at));
        }
    }

    static String identity(FeedChange change) {
        return change.seq() + "|" + change.entityType() + "|" + change.entityId() + "|" + change.recordedAt();
    }

    private void healReused(String feed, long cursor, String expected, String found) {
        LOG.warnf("Feed %s: the entry at this index's cursor %d is not the one applied (applied %s, the feed now has %s): the "
                + "source reused sequence numbers; re-reading the feed from 0 so that nothing is skipped", feed, cursor, expected, found);
        rewound(feed, 0);
    }

    private void heal(String feed, long cursor, long head) {
        LOG.warnf("Feed %s: this index's cursor %d is ahead of the feed's head %d (the source reused sequence numbers, or was "
                + "restored or replaced); re-reading the feed from 0 so that nothing is skipped", feed, cursor, head);
        rewound(feed, head);
    }

    private void rewound(String feed, long head) {
        index.rewind(feed);
        if (registry != null) {
            heals.get(feed).increment();
        }
        FeedStatus s = status.get(feed);
        status.put(feed, s == null
                ? new FeedStatus(feed, 0, head, null, null, false, null, null, 1)
                : new FeedStatus(feed, 0, head, s.lastSuccess(), s.lastError(), s.caughtUp(), s.lastAppliedRecordedAt(), s.behindSince(),
                        s.heals() + 1));
    }

    private boolean applyPage(String feed, long cursor, FeedPage page) {
        List<KnowledgeDocuments.Changes> changes = new ArrayList<>();
        Map<Integer, String> failed = new HashMap<>();
        Map<String, String> postmortemVisibility = new HashMap<>(); // of this page, not yet searchable
        for (int i = 0; i < page.changes().size(); i++) {
            FeedChange change = page.changes().get(i);
            if (change.readError() != null) {
                failed.put(i, change.readError());
                changes.add(new KnowledgeDocuments.Changes(List.of(), List.of()));
                continue;
            }
            try {
                // types this version does not index map to nothing; the cursor still moves past them
                changes.add(map(change, postmortemVisibility));
            } catch (java.io.UncheckedIOException | org.apache.lucene.store.AlreadyClosedException e) {
                throw e; // reading the index failed (mapping looks up a post-mortem's visibility): not the entry's fault
            } catch (RuntimeException e) {
                failed.put(i, "cannot map the entry: " + e);
                changes.add(new KnowledgeDocuments.Changes(List.of(), List.of()));
            }
        }
        Map<Integer, RuntimeException> refused = index.applyAt(feed, cursor, changes, page.lastSeq());
        if (refused == null) {
            return false;
        }
        FeedChange last = page.changes().get(page.changes().size() - 1);
        if (last.seq() == page.lastSeq()) {
            index.rememberLastEntry(feed, identity(last));
        }
        refused.forEach((i, e) -> failed.put(i, "the index refused the entry: " + e));
        for (int i = 0; i < page.changes().size(); i++) {
            FeedChange change = page.changes().get(i);
            String error = failed.get(i);
            if (error == null) {
                index.resolveDeadLetters(feed, change.seq(), change.entityType(), change.entityId());
            } else {
                LOG.warnf("Feed %s: entry %d (%s %s) cannot be applied, recorded as a dead letter and skipped: %s", feed, change.seq(),
                        change.entityType(), change.entityId(), error);
                index.recordDeadLetter(feed, change.seq(), change.seq(), change.entityType(), change.entityId(), error);
            }
        }
        return true;
    }

    private KnowledgeDocuments.Changes map(FeedChange change, Map<String, String> postmortemVisibility) {
        KnowledgeDocuments.Changes mapped = KnowledgeDocuments.map(change.entityType(), change.entityId(), change.isDelete(),
                change.payload(), pm -> postmortemVisibility.containsKey(pm) ? postmortemVisibility.get(pm) : index.storedValue(
                        KnowledgeDocuments.uid(KnowledgeDocuments.POSTMORTEM, pm), IndexFields.VISIBILITY));
        if (KnowledgeDocuments.POSTMORTEM.equals(change.entityType()) && change.payload() != null && !change.isDelete()) {
            postmortemVisibility.put(change.entityId(),
                    KnowledgeDocuments.postmortemVisibility(change.payload().path("status").asText("")));
        }
        return mapped;
    }

    /** At most this many dead letters are retried by one retry-all (each reads its feed; the poller waits meanwhile). */
    public static final int MAX_RETRIES_AT_ONCE = 100;

    /** Retries the dead letters (up to {@link #MAX_RETRIES_AT_ONCE}), by feed and sequence number. */
    public List<RetryOutcome> retryAll() {
        synchronized (lock) {
            List<RetryOutcome> outcomes = new ArrayList<>();
            for (DeadLetter letter : index.deadLetters()) {
                if (outcomes.size() == MAX_RETRIES_AT_ONCE) {
                    break;
                }
                outcomes.add(retryLocked(letter));
            }
            return outcomes;
        }
    }

    /** Retries one dead letter; null if there is none for this feed and sequence number. */
    public RetryOutcome retry(String feed, long seq) {
        synchronized (lock) {
            DeadLetter letter = index.deadLetter(feed, seq);
            return letter == null ? null : retryLocked(letter);
        }
    }

    /**
     * Reads the entry again from its feed and applies it without moving the cursor. Applied: the dead letter is
     * removed. The feed no longer has it (compaction removed it because a later entry of the entity superseded it, or
     * the number now belongs to another entity): removed as GONE. Otherwise it stays, with one more attempt.
     * An unreachable feed is thrown (nothing was tried).
     */
    private RetryOutcome retryLocked(DeadLetter letter) {
        FeedSource source = source(letter.feed());
        if (source == null) {
            throw new IllegalStateException("no feed named " + letter.feed() + " is configured");
        }
        FeedPage page;
        try {
            page = source.changesAfter(letter.seq() - 1, 1);
        } catch (RuntimeException e) {
            if (!unreadable(e)) {
                throw e;
            }
            return failedAgain(letter, "feed entry unreadable: " + FeedPageReader.describe(e));
        }
        FeedChange change = page.changes().isEmpty() ? null : page.changes().get(0);
        if (change == null || change.seq() != letter.seq()
                || (letter.entityType() != null && !(letter.entityType().equals(change.entityType()) && letter.entityId().equals(change.entityId())))) {
            index.removeDeadLetter(letter.feed(), letter.seq());
            index.commitAndRefresh();
            LOG.infof("Dead letter %s/%d: the feed no longer holds that entry; removed", letter.feed(), letter.seq());
            return new RetryOutcome(letter.feed(), letter.seq(), RetryOutcome.GONE,
                    "the feed no longer holds this entry (a later entry of the entity superseded it, or the number was reused)");
        }
        if (change.readError() != null) {
            return failedAgain(letter, change.readError());
        }
        KnowledgeDocuments.Changes mapped;
        try {
            mapped = map(change, new HashMap<>());
        } catch (java.io.UncheckedIOException | org.apache.lucene.store.AlreadyClosedException e) {
            throw e;
        } catch (RuntimeException e) {
            return failedAgain(letter, "cannot map the entry: " + e);
        }
        long cursor = index.cursor(letter.feed());
        Map<Integer, RuntimeException> refused = index.applyAt(letter.feed(), cursor, List.of(mapped), cursor);
        if (refused != null && !refused.isEmpty()) {
            return failedAgain(letter, "the index refused the entry: " + refused.get(0));
        }
        index.removeDeadLetter(letter.feed(), letter.seq());
        index.commitAndRefresh();
        LOG.infof("Dead letter %s/%d (%s %s) applied on retry", letter.feed(), letter.seq(), change.entityType(), change.entityId());
        return new RetryOutcome(letter.feed(), letter.seq(), RetryOutcome.APPLIED, null);
    }

    private RetryOutcome failedAgain(DeadLetter letter, String error) {
        index.recordDeadLetter(letter.feed(), letter.seq(), letter.fromSeq(), letter.entityType(), letter.entityId(), error);
        index.commitAndRefresh();
        return new RetryOutcome(letter.feed(), letter.seq(), RetryOutcome.FAILED, error);
    }

    private FeedSource source(String feed) {
        FeedSource source = known.get(feed);
        if (source == null && sources != null) {
            for (FeedSource s : sources) {
                if (s.name().equals(feed)) {
                    return s;
                }
            }
        }
        return source;
    }

    private void registerMeters(String feed) {
        if (registry == null || heals.containsKey(feed)) {
            return;
        }
        heals.put(feed, Counter.builder("hindsight.search.feed.cursor.heals")
                .description("Times this replica's cursor was found ahead of the feed's head and the feed re-read from 0")
                .tag("feed", feed).register(registry));
        Gauge.builder("hindsight.search.feed.lag.entries", this, i -> i.feedStatus(feed).lagEntries())
                .description("Entries on the feed not yet applied (head - cursor, as of the last head seen)").tag("feed", feed).register(registry);
        Gauge.builder("hindsight.search.feed.lag", this, i -> i.feedStatus(feed).lagSeconds(Instant.now())).baseUnit("seconds")
                .description("Age of the oldest change not yet applied (an upper bound; 0 when caught up)").tag("feed", feed).register(registry);
        Gauge.builder("hindsight.search.feed.last.success", this, i -> {
                    Instant at = i.feedStatus(feed).lastSuccess();
                    return at == null ? Double.NaN : at.toEpochMilli() / 1000.0;
                }).baseUnit("seconds")
                .description("When the feed was last read successfully (epoch seconds)").tag("feed", feed).register(registry);
        Gauge.builder("hindsight.search.dead.letters", index, i -> i.deadLetterCount(feed))
                .description("Entries of the feed this replica could not apply and went past").tag("feed", feed).register(registry);
    }

    private FeedStatus feedStatus(String feed) {
        FeedStatus s = status.get(feed);
        return s == null ? new FeedStatus(feed, index.cursor(feed), 0, null, null, false) : s;
    }

    /** Forgets what is known of the feeds (after the index was cleared for a rebuild). */
    public void resetStatus() {
        status.replaceAll((feed, s) -> new FeedStatus(feed, 0, s.headSeq(), s.lastSuccess(), s.lastError(), s.caughtUp(),
                null, s.headSeq() > 0 ? Instant.now() : null, s.heals()));
    }

    public List<FeedStatus> status() {
        return List.copyOf(status.values());
    }

    /** Whether every feed has been read up to its head at least once since start-up. */
    public boolean caughtUpWithAllFeeds() {
        for (FeedSource source : sources) {
            FeedStatus feed = status.get(source.name());
            if (feed == null || !feed.caughtUp()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether every feed this replica polls either has been read up to its head once since start-up or was already in
     * the index when it opened (then it serves what it had: a feed outage at start does not make it unready).
     */
    public boolean servesEveryFeed() {
        for (FeedSource source : sources) {
            FeedStatus feed = status.get(source.name());
            if ((feed == null || !feed.caughtUp()) && !index.hadFeedAtStart(source.name())) {
                return false;
            }
        }
        return true;
    }
}
