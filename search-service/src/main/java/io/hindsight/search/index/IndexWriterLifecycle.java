package io.hindsight.search.index;

import io.hindsight.search.config.SearchConfig;
import io.quarkus.runtime.Startup;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StringField;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.ExitableDirectoryReader;
import org.apache.lucene.index.QueryTimeout;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.jboss.logging.Logger;

/**
 * Owns this replica's Lucene index: one long-lived {@link IndexWriter} and a {@link SearcherManager} over it.
 * The cursor of every feed is stored in the commit user data, in the same commit as the documents it covers,
 * so a crash never loses or double-applies a change and a fresh replica starts from zero.
 * An index of another schema version, or one that cannot be opened, is rebuilt from the feeds.
 */
@Startup
@ApplicationScoped
public class IndexWriterLifecycle {

    private static final Logger LOG = Logger.getLogger(IndexWriterLifecycle.class);
    /** Bump when the mapping or analysis changes: an index of another version is rebuilt from the feeds. */
    public static final String SCHEMA_VERSION = "7";
    static final String SCHEMA_KEY = "schema.version";
    static final String CURSOR_PREFIX = "cursor.";
    /** Per feed: the generation its documents are written with; a cursor heal starts a new one and sweeps the older. */
    static final String GENERATION_PREFIX = "generation.";
    /** Per feed: when its cursor was last found ahead of the feed's head and the feed was re-read from 0. */
    static final String HEALED_PREFIX = "healedAt.";
    /** Per feed: documents of older generations are to be swept once the re-read has caught up. */
    static final String SWEEP_PREFIX = "sweep.";
    /** Per feed: the identity of the entry at the cursor (seq|type|id|recordedAt), to tell a reused number. */
    static final String LAST_PREFIX = "last.";
    static final String DEAD_LETTERS_KEY = "deadLetters";
    static final String DEAD_LETTERS_DROPPED_KEY = "deadLetters.dropped";
    /** At most this many dead letters are kept (the oldest are dropped and counted beyond it): the commit holds them all. */
    public static final int MAX_DEAD_LETTERS = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final Analyzer analyzer = SearchAnalyzers.index();
    private final Map<String, Long> cursors = new ConcurrentHashMap<>();
    private final Map<String, Long> generations = new ConcurrentHashMap<>();
    private final Map<String, Instant> healedAt = new ConcurrentHashMap<>();
    private final Set<String> sweepPending = ConcurrentHashMap.newKeySet();
    private final Map<String, String> lastEntry = new ConcurrentHashMap<>();
    /** The feeds this index had a committed cursor for when it was opened (it holds their documents from before). */
    private final Set<String> feedsAtStart = ConcurrentHashMap.newKeySet();
    /** Dead letters by {@link DeadLetter#key()}, oldest first; guarded by this. */
    private final Map<String, DeadLetter> deadLetters = new LinkedHashMap<>();
    private volatile int deadLetterCount;
    private long deadLettersDropped;
    private Directory directory;
    private IndexWriter writer;
    private SearcherManager searchers;
    private boolean rebuiltAtStart;
    private volatile long rebuilds;
    /** Whether changes have been applied since the last commit. */
    private boolean uncommitted;
    private volatile long lastRefresh = System.nanoTime();
    /** The time a query may take ({@code hindsight.search.query-timeout}); zero or negative: unbounded. */
    private final Duration queryTimeout;

    public IndexWriterLifecycle(SearchConfig config) {
        this.path = config.indexPath();
        this.queryTimeout = config.queryTimeout();
    }

    @PostConstruct
    void open() {
        try {
            Files.createDirectories(path);
            directory = FSDirectory.open(path);
            try {
                writer = newWriter(IndexWriterConfig.OpenMode.CREATE_OR_APPEND);
                verifyChecksums();
            } catch (LockObtainFailedException e) {
                // another process (or another instance in this one) writes this index: it is not corrupt, never wipe it
                directory.close();
                throw new IllegalStateException("The search index at " + path + " is in use by another process (its write.lock is held): "
                        + "each search-service needs an index directory of its own (hindsight.search.index-path); stop the other one or "
                        + "give this one another directory", e);
            } catch (IOException | RuntimeException e) {
                // corrupt, truncated, poisoned or of an unknown format: the feeds are the source of truth
                LOG.errorf(e, "Index at %s cannot be opened or fails its checksums; rebuilding it from the change feeds", path);
                if (writer != null) {
                    writer.rollback();
                }
                wipe();
                writer = newWriter(IndexWriterConfig.OpenMode.CREATE);
                rebuiltAtStart = true;
            }
            Map<String, String> committed = new HashMap<>();
            Iterable<Map.Entry<String, String>> data = writer.getLiveCommitData();
            if (data != null) {
                data.forEach(e -> committed.put(e.getKey(), e.getValue()));
            }
            String version = committed.get(SCHEMA_KEY);
            if (version != null && !SCHEMA_VERSION.equals(version)) {
                LOG.warnf("Index at %s has schema version %s, this build needs %s: rebuilding from the change feeds", path, version, SCHEMA_VERSION);
                writer.deleteAll();
                committed.clear();
            }
            committed.forEach((k, v) -> {
                if (k.startsWith(CURSOR_PREFIX)) {
                    cursors.put(k.substring(CURSOR_PREFIX.length()), Long.parseLong(v));
                } else if (k.startsWith(GENERATION_PREFIX)) {
                    generations.put(k.substring(GENERATION_PREFIX.length()), Long.parseLong(v));
                } else if (k.startsWith(HEALED_PREFIX)) {
                    healedAt.put(k.substring(HEALED_PREFIX.length()), Instant.parse(v));
                } else if (k.startsWith(LAST_PREFIX)) {
                    lastEntry.put(k.substring(LAST_PREFIX.length()), v);
                } else if (k.startsWith(SWEEP_PREFIX)) {
                    sweepPending.add(k.substring(SWEEP_PREFIX.length()));
                }
            });
            cursors.forEach((feed, seq) -> {
                if (seq > 0) {
                    feedsAtStart.add(feed);
                }
            });
            readDeadLetters(committed.get(DEAD_LETTERS_KEY));
            deadLettersDropped = Long.parseLong(committed.getOrDefault(DEAD_LETTERS_DROPPED_KEY, "0"));
            commitLocked();
            searchers = new SearcherManager(writer, null);
            LOG.infof("Index open at %s with %d documents, cursors %s, %d dead letters", path, writer.getDocStats().numDocs, cursors,
                    deadLetters.size());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the search index at " + path, e);
        }
    }

    /** Reads every segment's checksum once: a poisoned file is found at start, not by the first unlucky query. */
    private void verifyChecksums() throws IOException {
        try (DirectoryReader reader = DirectoryReader.open(writer)) {
            for (LeafReaderContext leaf : reader.leaves()) {
                leaf.reader().checkIntegrity();
            }
        }
    }

    private void wipe() throws IOException {
        directory.close();
        try (var files = Files.list(path)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file)) {
                    Files.delete(file);
                }
            }
        }
        directory = FSDirectory.open(path);
    }

    /** How many times the index has been cleared for a rebuild since start-up. */
    public long rebuilds() {
        return rebuilds;
    }

    /** Whether the index found at start-up was unreadable and has been started afresh. */
    public boolean rebuiltAtStart() {
        return rebuiltAtStart;
    }

    private IndexWriter newWriter(IndexWriterConfig.OpenMode mode) throws IOException {
        // a larger buffer than the 16 MB default: a catch-up or rebuild writes fewer, larger segments (fewer merges, faster queries)
        IndexWriterConfig config = new IndexWriterConfig(analyzer).setOpenMode(mode).setRAMBufferSizeMB(48);
        config.setCommitOnClose(true);
        return new IndexWriter(directory, config);
    }

    /** How far a feed has been applied (0 for a feed never read); committed by the next {@link #commitAndRefresh}. */
    public long cursor(String feed) {
        return cursors.getOrDefault(feed, 0L);
    }

    public Map<String, Long> cursors() {
        return Map.copyOf(cursors);
    }

    /**
     * Applies one page of a feed: upserts by uid and deletes, then commits them with the feed's new cursor
     * and refreshes the searchers so the changes are visible.
     */
    public synchronized void apply(String feed, List<Document> upserts, List<String> deletedUids, long newCursor) {
        List<KnowledgeDocuments.Changes> changes = new java.util.ArrayList<>();
        for (String uid : deletedUids) {
            changes.add(new KnowledgeDocuments.Changes(List.of(), List.of(new TermQuery(new Term(IndexFields.UID, uid)))));
        }
        for (Document doc : upserts) {
            changes.add(new KnowledgeDocuments.Changes(List.of(doc), List.of()));
        }
        apply(feed, changes, newCursor);
    }

    /**
     * Applies the changes of one page in feed order (each change's deletions, then its upserts by uid), then
     * commits them with the feed's new cursor and refreshes the searchers so the changes are visible.
     */
    public synchronized void apply(String feed, List<KnowledgeDocuments.Changes> changes, long newCursor) {
        Map<Integer, RuntimeException> failures = applyAt(feed, cursor(feed), changes, newCursor);
        commitAndRefresh();
        if (failures != null && !failures.isEmpty()) {
            throw failures.values().iterator().next();
        }
    }

    /**
     * Applies a page read from {@code fromCursor} and moves the feed's cursor to {@code newCursor}, unless the feed's
     * cursor has moved meanwhile (a rebuild cleared the index while the page was being fetched): then nothing is applied
     * and null is returned. Each change is applied on its own and atomically (all its documents or none, the previous
     * version staying when it fails): a change Lucene refuses (an immense term, a value its doc values cannot hold) does
     * not stop the others; the failures are returned by the change's position in {@code changes}. A failure that breaks
     * the writer itself is thrown.
     */
    public synchronized Map<Integer, RuntimeException> applyAt(String feed, long fromCursor, List<KnowledgeDocuments.Changes> changes,
                                                               long newCursor) {
        if (cursor(feed) != fromCursor) {
            return null;
        }
        Map<Integer, RuntimeException> failures = new HashMap<>();
        long generation = generation(feed);
        try {
            for (int i = 0; i < changes.size(); i++) {
                try {
                    applyOne(feed, generation, changes.get(i));
                } catch (RuntimeException e) {
                    if (!isOpen()) {
                        throw e; // aborting: the writer is closed, nothing more can be applied
                    }
                    failures.put(i, e); // non-aborting (Lucene marked the change's documents deleted): the index is intact
                }
            }
            cursors.put(feed, newCursor);
            uncommitted = true;
            return failures;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot apply changes of feed " + feed, e);
        }
    }

    private void applyOne(String feed, long generation, KnowledgeDocuments.Changes change) throws IOException {
        for (Document doc : change.upserts()) {
            doc.removeFields(IndexFields.FEED);
            doc.removeFields(IndexFields.GENERATION);
            doc.add(new StringField(IndexFields.FEED, feed, Field.Store.NO));
            doc.add(new LongPoint(IndexFields.GENERATION, generation));
        }
        if (change.upserts().size() == 1 && change.deletes().isEmpty()) {
            Document doc = change.upserts().get(0);
            writer.updateDocument(new Term(IndexFields.UID, doc.get(IndexFields.UID)), doc); // the old version stays if it fails
            return;
        }
        if (change.upserts().isEmpty()) {
            for (Query delete : change.deletes()) {
                if (delete instanceof TermQuery term) {
                    writer.deleteDocuments(term.getTerm()); // buffered per term: far cheaper than a query
                } else {
                    writer.deleteDocuments(delete);
                }
            }
            return;
        }
        // several documents (a post-mortem and its action items): one block, so that either all of them replace the
        // previous versions (and the deletions apply) or, if one is refused, none does
        BooleanQuery.Builder replaced = new BooleanQuery.Builder();
        for (Query delete : change.deletes()) {
            replaced.add(delete, BooleanClause.Occur.SHOULD);
        }
        for (Document doc : change.upserts()) {
            replaced.add(new TermQuery(new Term(IndexFields.UID, doc.get(IndexFields.UID))), BooleanClause.Occur.SHOULD);
        }
        writer.updateDocuments(replaced.build(), change.upserts());
    }

    /** Remembers the identity of the entry the feed's cursor now stands at; committed with the cursor. */
    public void rememberLastEntry(String feed, String identity) {
        lastEntry.put(feed, identity);
    }

    /** The identity of the entry the feed's cursor stands at ({@code seq|type|id|recordedAt}), or null if not known. */
    public String lastEntry(String feed) {
        return lastEntry.get(feed);
    }

    /** The generation a feed's documents are written with now (0 until its cursor is first healed). */
    public long generation(String feed) {
        return generations.getOrDefault(feed, 0L);
    }

    /** When a feed's cursor was last healed (found ahead of the feed's head), or null. */
    public Instant healedAt(String feed) {
        return healedAt.get(feed);
    }

    /** Whether this index held a committed cursor of the feed when it was opened (it serves its documents from before). */
    public boolean hadFeedAtStart(String feed) {
        return feedsAtStart.contains(feed);
    }

    /**
     * The cursor of {@code feed} is ahead of the feed's head (the source reused sequence numbers, or was restored or
     * replaced): re-read the feed from 0. The documents stay searchable meanwhile (re-applying is an upsert by uid);
     * they are written with a new generation, and once the re-read has caught up, {@link #sweepIfPending} deletes the
     * feed's documents of older generations: those whose entity the feed no longer has. Committed at once.
     */
    public synchronized void rewind(String feed) {
        try {
            cursors.put(feed, 0L);
            lastEntry.remove(feed);
            generations.merge(feed, 1L, Long::sum);
            healedAt.put(feed, Instant.now());
            sweepPending.add(feed);
            commitLocked();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot rewind the cursor of feed " + feed, e);
        }
    }

    /** After a re-read from 0 caught up: deletes the feed's documents not rewritten since (returns how many), if pending. */
    public synchronized int sweepIfPending(String feed) {
        if (!sweepPending.contains(feed)) {
            return 0;
        }
        try {
            Query stale = new BooleanQuery.Builder()
                    .add(new TermQuery(new Term(IndexFields.FEED, feed)), BooleanClause.Occur.FILTER)
                    .add(LongPoint.newRangeQuery(IndexFields.GENERATION, Long.MIN_VALUE, generation(feed) - 1), BooleanClause.Occur.FILTER)
                    .build();
            searchers.maybeRefreshBlocking();
            int count = withSearcher(searcher -> searcher.count(stale));
            writer.deleteDocuments(stale);
            sweepPending.remove(feed);
            commitLocked();
            searchers.maybeRefreshBlocking();
            lastRefresh = System.nanoTime();
            return count;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot sweep the documents of feed " + feed, e);
        }
    }

    /** Whether a sweep of the feed is pending (a re-read from 0 after a cursor heal has not caught up yet). */
    public boolean sweepPending(String feed) {
        return sweepPending.contains(feed);
    }

    /**
     * Records that an entry of a feed could not be applied; committed with the cursor that moves past it. The same
     * entry failing again counts an attempt; an older entry of an entity that has a later dead letter is not recorded
     * (the later entry holds the entity's current state); a later one replaces an earlier one.
     */
    public synchronized void recordDeadLetter(String feed, long seq, long fromSeq, String entityType, String entityId, String error) {
        Instant now = Instant.now();
        String key = entityType == null ? feed + "|#" + seq : DeadLetter.key(feed, entityType, entityId);
        DeadLetter previous = deadLetters.get(key);
        if (previous != null && previous.seq() == seq) {
            deadLetters.put(key, previous.failedAgain(error, now));
        } else if (previous != null && previous.seq() > seq) {
            return;
        } else {
            deadLetters.remove(key);
            deadLetters.put(key, new DeadLetter(feed, seq, fromSeq, entityType, entityId, error, now, now, 1));
            while (deadLetters.size() > MAX_DEAD_LETTERS) {
                var oldest = deadLetters.keySet().iterator();
                LOG.errorf("More than %d dead letters: dropping the oldest, %s", MAX_DEAD_LETTERS, deadLetters.get(oldest.next()));
                oldest.remove();
                deadLettersDropped++;
            }
        }
        deadLetterCount = deadLetters.size();
        uncommitted = true;
    }

    /**
     * An entry of a feed was applied: its dead letter, and the dead letter of an earlier entry of the same entity
     * (which this one supersedes), are resolved. Returns whether one was.
     */
    public synchronized boolean resolveDeadLetters(String feed, long seq, String entityType, String entityId) {
        if (deadLetters.isEmpty()) {
            return false;
        }
        boolean removed = deadLetters.remove(feed + "|#" + seq) != null;
        if (entityType != null) {
            String key = DeadLetter.key(feed, entityType, entityId);
            DeadLetter previous = deadLetters.get(key);
            if (previous != null && previous.seq() <= seq) {
                deadLetters.remove(key);
                removed = true;
            }
        }
        if (removed) {
            deadLetterCount = deadLetters.size();
            uncommitted = true;
        }
        return removed;
    }

    /** Forgets one dead letter (its entry applied, or the feed no longer has it); committed by the next commit. */
    public synchronized boolean removeDeadLetter(String feed, long seq) {
        boolean removed = deadLetters.values().removeIf(d -> d.feed().equals(feed) && d.seq() == seq);
        if (removed) {
            deadLetterCount = deadLetters.size();
            uncommitted = true;
        }
        return removed;
    }

    /** The dead letter of this entry, or null. */
    public synchronized DeadLetter deadLetter(String feed, long seq) {
        return deadLetters.values().stream().filter(d -> d.feed().equals(feed) && d.seq() == seq).findFirst().orElse(null);
    }

    /** Every dead letter, by feed and sequence number. */
    public synchronized List<DeadLetter> deadLetters() {
        return deadLetters.values().stream()
                .sorted(java.util.Comparator.comparing(DeadLetter::feed).thenComparingLong(DeadLetter::seq)).toList();
    }

    public int deadLetterCount() {
        return deadLetterCount;
    }

    /** How many dead letters of this feed there are. */
    public synchronized int deadLetterCount(String feed) {
        return (int) deadLetters.values().stream().filter(d -> d.feed().equals(feed)).count();
    }

    /** How many dead letters were dropped because there were more than {@link #MAX_DEAD_LETTERS}. */
    public synchronized long deadLettersDropped() {
        return deadLettersDropped;
    }

    private void readDeadLetters(String json) {
        if (json == null || json.isEmpty()) {
            return;
        }
        try {
            for (JsonNode d : JSON.readTree(json)) {
                DeadLetter letter = new DeadLetter(d.path("feed").asText(), d.path("seq").asLong(), d.path("fromSeq").asLong(),
                        d.hasNonNull("entityType") ? d.get("entityType").asText() : null,
                        d.hasNonNull("entityId") ? d.get("entityId").asText() : null,
                        d.path("error").asText(""), Instant.parse(d.path("firstSeen").asText()),
                        Instant.parse(d.path("lastSeen").asText()), d.path("attempts").asInt(1));
                deadLetters.put(letter.key(), letter);
            }
        } catch (IOException | RuntimeException e) {
            LOG.errorf(e, "The dead letters committed with the index cannot be read; they are re-recorded when their entries fail again");
            deadLetters.clear();
        }
        deadLetterCount = deadLetters.size();
    }

    private String writeDeadLetters() {
        ArrayNode all = JSON.createArrayNode();
        for (DeadLetter d : deadLetters.values()) {
            ObjectNode o = all.addObject().put("feed", d.feed()).put("seq", d.seq()).put("fromSeq", d.fromSeq())
                    .put("entityType", d.entityType()).put("entityId", d.entityId()).put("error", d.error())
                    .put("firstSeen", d.firstSeen().toString()).put("lastSeen", d.lastSeen().toString()).put("attempts", d.attempts());
        }
        return all.toString();
    }

    /**
     * Commits what {@link #applyAt} applied, with the cursors it reached, and makes it searchable. Until then a crash
     * only loses applied-but-uncommitted changes, which the feeds hand out again from the committed cursors (and
     * re-applying is an upsert by uid: nothing is doubled).
     */
    public synchronized void commitAndRefresh() {
        try {
            if (uncommitted) {
                commitLocked();
            }
            searchers.maybeRefreshBlocking();
            lastRefresh = System.nanoTime();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot commit the index", e);
        }
    }

    /** Makes applied changes searchable (without committing them) if the searchers are older than {@code maxAge}. */
    public void refreshIfOlderThan(java.time.Duration maxAge) {
        if (System.nanoTime() - lastRefresh < maxAge.toNanos()) {
            return;
        }
        try {
            searchers.maybeRefreshBlocking();
            lastRefresh = System.nanoTime();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot refresh the searchers", e);
        }
    }

    /** Drops every document and cursor: the pollers then rebuild the index from the start of each feed. */
    public synchronized void clear() {
        try {
            rebuilds++;
            writer.deleteAll();
            cursors.clear();
            lastEntry.clear();
            sweepPending.clear(); // nothing older is left to sweep; the dead letters stay, and are resolved or met again
            commitLocked();
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the index", e);
        }
    }

    private void commitLocked() throws IOException {
        uncommitted = false;
        Map<String, String> data = new HashMap<>();
        data.put(SCHEMA_KEY, SCHEMA_VERSION);
        cursors.forEach((feed, seq) -> data.put(CURSOR_PREFIX + feed, Long.toString(seq)));
        generations.forEach((feed, generation) -> data.put(GENERATION_PREFIX + feed, Long.toString(generation)));
        healedAt.forEach((feed, at) -> data.put(HEALED_PREFIX + feed, at.toString()));
        sweepPending.forEach(feed -> data.put(SWEEP_PREFIX + feed, "true"));
        lastEntry.forEach((feed, identity) -> data.put(LAST_PREFIX + feed, identity));
        synchronized (this) {
            if (!deadLetters.isEmpty()) {
                data.put(DEAD_LETTERS_KEY, writeDeadLetters());
            }
            if (deadLettersDropped > 0) {
                data.put(DEAD_LETTERS_DROPPED_KEY, Long.toString(deadLettersDropped));
            }
        }
        writer.setLiveCommitData(data.entrySet());
        writer.commit();
    }

    /** Runs a read against a searcher acquired from the manager and always released. */
    public <T> T withSearcher(SearcherFunction<T> read) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                return read.apply(searcher);
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    /** A stored value of the document with this uid, or null. */
    public String storedValue(String uid, String field) {
        return withSearcher(searcher -> {
            TopDocs top = searcher.search(new TermQuery(new Term(IndexFields.UID, uid)), 1);
            return top.scoreDocs.length == 0 ? null : searcher.storedFields().document(top.scoreDocs[0].doc).get(field);
        });
    }

    /**
     * Like {@link #withSearcher}, for the request paths (search, similar, suggest, reports): the work is bounded by
     * {@code hindsight.search.query-timeout}. A searcher of its own over the same reader (the shared one is not touched:
     * {@link IndexSearcher#setTimeout} is a mutable field, not per search), with the deadline twice: as the searcher's
     * timeout (bulk scoring stops and the searcher reports a partial result) and through an
     * {@link ExitableDirectoryReader} (term enumeration, e.g. a wildcard's expansion while the query is rewritten, doc
     * values and points stop with an exception). Either way the caller gets a {@link QueryTimedOut}, never a partial
     * result passed off as complete.
     */
    public <T> T withQuerySearcher(SearcherFunction<T> read) {
        if (queryTimeout.isZero() || queryTimeout.isNegative()) {
            return withSearcher(read);
        }
        return withSearcher(read, deadline(queryTimeout));
    }

    /**
     * The same for a caller with this access: unless it may see everything, the searcher's statistics (document
     * frequencies, field lengths) count only the documents it may see ({@link VisibleStatsSearcher}), so no score,
     * term choice or snippet depends on a document it may not read.
     */
    public <T> T withQuerySearcher(Access access, SearcherFunction<T> read) {
        boolean bounded = !(queryTimeout.isZero() || queryTimeout.isNegative());
        if (access.drafts() && !bounded) {
            return withSearcher(read);
        }
        return withSearcher(read, bounded ? deadline(queryTimeout) : null, access.drafts() ? null : access);
    }

    /** The same with an explicit deadline (tests use an expired one). */
    public <T> T withSearcher(SearcherFunction<T> read, QueryTimeout deadline) {
        return withSearcher(read, deadline, null);
    }

    private <T> T withSearcher(SearcherFunction<T> read, QueryTimeout deadline, Access visibleTo) {
        return withSearcher(shared -> {
            IndexReader reader = deadline == null ? shared.getIndexReader()
                    : ExitableDirectoryReader.wrap((DirectoryReader) shared.getIndexReader(), deadline);
            IndexSearcher bounded = visibleTo == null ? new IndexSearcher(reader) : new VisibleStatsSearcher(reader, visibleTo);
            bounded.setSimilarity(shared.getSimilarity());
            bounded.setQueryCache(shared.getQueryCache());
            bounded.setQueryCachingPolicy(shared.getQueryCachingPolicy());
            if (deadline != null) {
                bounded.setTimeout(deadline);
            }
            T result;
            try {
                result = read.apply(bounded);
            } catch (RuntimeException e) {
                if (QueryTimedOut.causedBy(e)) {
                    throw new QueryTimedOut(queryTimeout);
                }
                throw e;
            }
            if (bounded.timedOut()) {
                throw new QueryTimedOut(queryTimeout);
            }
            return result;
        });
    }

    /** A deadline {@code timeout} from now. */
    public static QueryTimeout deadline(Duration timeout) {
        long at = System.nanoTime() + timeout.toNanos();
        return () -> System.nanoTime() - at > 0;
    }

    /** A query stopped at its deadline ({@code hindsight.search.query-timeout}); answered 503 with Retry-After. */
    public static final class QueryTimedOut extends RuntimeException {
        private final Duration timeout;

        QueryTimedOut(Duration timeout) {
            super("The query did not finish within " + timeout.toMillis() + " ms", null, false, false);
            this.timeout = timeout;
        }

        public Duration timeout() {
            return timeout;
        }

        static boolean causedBy(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof ExitableDirectoryReader.ExitingReaderException || t instanceof QueryTimedOut) {
                    return true;
                }
            }
            return false;
        }
    }

    @FunctionalInterface
    public interface SearcherFunction<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    public Analyzer analyzer() {
        return analyzer;
    }

    public boolean isOpen() {
        return writer != null && writer.isOpen() && writer.getTragicException() == null;
    }

    public int numDocs() {
        return writer.getDocStats().numDocs;
    }

    public Path path() {
        return path;
    }

    /** Shutdown in reverse order of start-up: searchers, then the writer (which commits), then the directory. */
    @PreDestroy
    synchronized void close() {
        try {
            if (searchers != null) {
                searchers.close();
            }
            if (writer != null && writer.isOpen()) {
                writer.close();
            }
            if (directory != null) {
                directory.close();
            }
        } catch (IOException e) {
            LOG.error("Closing the index failed", e);
        }
    }
}
