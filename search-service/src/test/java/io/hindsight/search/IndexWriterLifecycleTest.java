package io.hindsight.search;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hindsight.search.config.SearchConfig;
import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.IndexWriterLifecycle;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IndexWriterLifecycleTest {

    @TempDir
    Path dir;

    private SearchConfig config(int batch) {
        return TestSearchConfig.of(dir, batch, 1000);
    }

    private static IndexWriterLifecycle open(SearchConfig config) throws Exception {
        IndexWriterLifecycle index = new IndexWriterLifecycle(config);
        invoke(index, "open");
        return index;
    }

    private static void invoke(IndexWriterLifecycle index, String method) throws Exception {
        Method m = IndexWriterLifecycle.class.getDeclaredMethod(method);
        m.setAccessible(true);
        m.invoke(index);
    }

    @Test
    void cursorIsCommittedWithTheDocumentsAndSurvivesReopen() throws Exception {
        InMemoryFeed feed = new InMemoryFeed("incidents");
        for (int i = 1; i <= 25; i++) {
            feed.incident(i, "Incident " + i, "symptom " + i, "svc");
        }
        IndexWriterLifecycle index = open(config(10));
        ChangeFeedIndexer indexer = new ChangeFeedIndexer(null, index, config(10));
        assertEquals(25, indexer.poll(feed));
        assertEquals(25, index.cursor("incidents"));
        assertEquals(25, index.numDocs());
        invoke(index, "close");

        IndexWriterLifecycle reopened = open(config(10));
        assertEquals(25, reopened.cursor("incidents"), "cursor read back from the commit user data");
        assertEquals(25, reopened.numDocs());
        feed.incident(26, "Incident 26", "late", "svc").incident(3, "Incident 3 renamed", "upsert", "svc");
        ChangeFeedIndexer again = new ChangeFeedIndexer(null, reopened, config(10));
        assertEquals(2, again.poll(feed), "only the changes after the committed cursor are applied");
        assertEquals(26, reopened.numDocs(), "an upsert of a known incident replaces it, never duplicates it");
        invoke(reopened, "close");
    }

    @Test
    void anIndexAnotherInstanceHoldsIsRefusedAndNeverWiped() throws Exception {
        InMemoryFeed feed = new InMemoryFeed("incidents");
        for (int i = 1; i <= 25; i++) {
            feed.incident(i, "Incident " + i, "symptom " + i, "svc");
        }
        IndexWriterLifecycle first = open(config(10));
        new ChangeFeedIndexer(null, first, config(10)).poll(feed);
        assertEquals(25, first.numDocs());

        java.lang.reflect.InvocationTargetException refused = org.junit.jupiter.api.Assertions.assertThrows(
                java.lang.reflect.InvocationTargetException.class, () -> open(config(10)));
        org.junit.jupiter.api.Assertions.assertTrue(refused.getCause().getMessage().contains("in use by another process"),
                refused.getCause().getMessage());
        assertEquals(25, first.numDocs(), "the holder's index is untouched");
        assertEquals(25, first.cursor("incidents"));
        invoke(first, "close");

        IndexWriterLifecycle reopened = open(config(10));
        assertEquals(25, reopened.numDocs(), "nothing was wiped: the documents are still on disk");
        assertEquals(0, reopened.rebuilds());
        invoke(reopened, "close");
    }

    private void indexTwentyFiveAndClose() throws Exception {
        InMemoryFeed feed = new InMemoryFeed("incidents");
        for (int i = 1; i <= 25; i++) {
            feed.incident(i, "Incident " + i, "symptom " + i, "svc");
        }
        IndexWriterLifecycle index = open(config(10));
        new ChangeFeedIndexer(null, index, config(10)).poll(feed);
        assertEquals(25, index.numDocs());
        invoke(index, "close");
    }

    @Test
    void garbageInTheCommitFileIsDetectedAtStartAndTheIndexRebuiltFromTheFeeds() throws Exception {
        indexTwentyFiveAndClose();
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("segments_")).toList()) {
                java.nio.file.Files.write(f, "this is not a lucene commit".getBytes());
            }
        }
        IndexWriterLifecycle reopened = open(config(10));
        org.junit.jupiter.api.Assertions.assertTrue(reopened.rebuiltAtStart());
        assertEquals(0, reopened.numDocs());
        assertEquals(0, reopened.cursor("incidents"), "read again from the start of the feed");
        InMemoryFeed feed = new InMemoryFeed("incidents");
        for (int i = 1; i <= 25; i++) {
            feed.incident(i, "Incident " + i, "symptom " + i, "svc");
        }
        assertEquals(25, new ChangeFeedIndexer(null, reopened, config(10)).poll(feed));
        assertEquals(25, reopened.numDocs());
        invoke(reopened, "close");
    }

    @Test
    void aPoisonedSegmentFileFailsItsChecksumAtStartAndIsRebuilt() throws Exception {
        indexTwentyFiveAndClose();
        try (var files = java.nio.file.Files.list(dir)) {
            for (Path f : files.filter(p -> !p.getFileName().toString().startsWith("segments_")
                    && !p.getFileName().toString().equals("write.lock")).toList()) {
                byte[] bytes = java.nio.file.Files.readAllBytes(f);
                if (bytes.length > 40) {
                    bytes[bytes.length / 2] ^= 0x5A; // one flipped byte in the middle of each data file
                    java.nio.file.Files.write(f, bytes);
                }
            }
        }
        IndexWriterLifecycle reopened = open(config(10));
        org.junit.jupiter.api.Assertions.assertTrue(reopened.rebuiltAtStart());
        assertEquals(0, reopened.numDocs());
        assertEquals(0, reopened.cursor("incidents"));
        invoke(reopened, "close");
    }

    /**
     * A change Lucene refuses (here a hand-made document with a term over its 32,766-byte limit; the document mapping
     * no longer makes such terms) is returned as that change's failure, with nothing of it applied, while the changes
     * around it are applied and the cursor moves past all of them: what the indexer turns into a dead letter.
     */
    @Test
    void aChangeLuceneRefusesIsReturnedAndTheOthersAreApplied() throws Exception {
        IndexWriterLifecycle index = open(config(10));
        Document before = new Document();
        before.add(new StringField("uid", "incident:1", Field.Store.YES));
        Document refused = new Document();
        refused.add(new StringField("uid", "incident:2", Field.Store.YES));
        refused.add(new StringField("status", "S".repeat(40_000), Field.Store.NO));
        Document after = new Document();
        after.add(new StringField("uid", "incident:3", Field.Store.YES));
        var failures = index.applyAt("incidents", 0, List.of(
                new io.hindsight.search.index.KnowledgeDocuments.Changes(List.of(before), List.of()),
                new io.hindsight.search.index.KnowledgeDocuments.Changes(List.of(refused), List.of()),
                new io.hindsight.search.index.KnowledgeDocuments.Changes(List.of(after), List.of())), 3);
        assertEquals(java.util.Set.of(1), failures.keySet());
        org.junit.jupiter.api.Assertions.assertTrue(failures.get(1).getMessage().contains("immense term"), failures.get(1).getMessage());
        index.commitAndRefresh();
        assertEquals(3, index.cursor("incidents"));
        assertEquals(2, index.numDocs(), "the refused change left nothing behind");
        invoke(index, "close");
    }

    @Test
    void aPageFetchedBeforeARebuildIsNotAppliedOverIt() throws Exception {
        IndexWriterLifecycle index = open(config(10));
        Document doc = new Document();
        doc.add(new StringField("uid", "incident:1", Field.Store.YES));
        index.apply("incidents", List.of(doc), List.of(), 7);
        index.clear();
        org.junit.jupiter.api.Assertions.assertNull(index.applyAt("incidents", 7, List.of(), 12));
        assertEquals(0, index.cursor("incidents"));
        invoke(index, "close");
    }

    @Test
    void anIndexOfAnotherSchemaVersionIsRebuilt() throws Exception {
        IndexWriterLifecycle index = open(config(10));
        Document doc = new Document();
        doc.add(new StringField("uid", "incident:1", Field.Store.YES));
        index.apply("incidents", List.of(doc), List.of(), 7);
        invoke(index, "close");

        // rewrite the commit with an old schema version, as an older build would have left it
        try (var directory = org.apache.lucene.store.FSDirectory.open(dir);
             var writer = new org.apache.lucene.index.IndexWriter(directory, new org.apache.lucene.index.IndexWriterConfig())) {
            writer.setLiveCommitData(java.util.Map.of("schema.version", "0", "cursor.incidents", "7").entrySet());
            writer.commit();
        }

        IndexWriterLifecycle reopened = open(config(10));
        assertEquals(0, reopened.numDocs());
        assertEquals(0, reopened.cursor("incidents"), "the feeds are read again from the start");
        invoke(reopened, "close");
    }
}
