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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
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
    public static final String SCHEMA_VERSION = "6";
    static final String SCHEMA_KEY = "schema.version";
    static final String CURSOR_PREFIX = "cursor.";

    private final Path path;
    private final Analyzer analyzer = SearchAnalyzers.index();
    private final Map<String, Long> cursors = new ConcurrentHashMap<>();
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
                }
            });
            commitLocked();
            searchers = new SearcherManager(writer, null);
            LOG.infof("Index open at %s with %d documents, cursors %s", path, writer.getDocStats().numDocs, cursors);
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
        List<Query> deletes = deletedUids.stream().<Query>map(uid -> new TermQuery(new Term(IndexFields.UID, uid))).toList();
        apply(feed, List.of(new KnowledgeDocuments.Changes(upserts, deletes)), newCursor);
    }

    /**
     * Applies the changes of one page in feed order (each change's deletions, then its upserts by uid), then
     * commits them with the feed's new cursor and refreshes the searchers so the changes are visible.
     */
    public synchronized void apply(String feed, List<KnowledgeDocuments.Changes> changes, long newCursor) {
        applyAt(feed, cursor(feed), changes, newCursor);
        commitAndRefresh();
    }

    /**
     * Applies a page read from {@code fromCursor}, unless the feed's cursor has moved meanwhile (a rebuild cleared
     * the index while the page was being fetched): then nothing is applied and false is returned.
     */
    public synchronized boolean applyAt(String feed, long fromCursor, List<KnowledgeDocuments.Changes> changes, long newCursor) {
        if (cursor(feed) != fromCursor) {
            return false;
        }
        try {
            for (KnowledgeDocuments.Changes change : changes) {
                for (Query delete : change.deletes()) {
                    if (delete instanceof TermQuery term) {
                        writer.deleteDocuments(term.getTerm()); // buffered per term: far cheaper than a query
                    } else {
                        writer.deleteDocuments(delete);
                    }
                }
                for (Document doc : change.upserts()) {
                    writer.updateDocument(new Term(IndexFields.UID, doc.get(IndexFields.UID)), doc);
                }
            }
            cursors.put(feed, newCursor);
            uncommitted = true;
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot apply changes of feed " + feed, e);
        }
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
