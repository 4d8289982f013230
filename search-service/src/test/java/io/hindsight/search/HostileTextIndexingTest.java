package io.hindsight.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hindsight.search.index.IndexFields;
import io.hindsight.search.index.KnowledgeDocuments;
import io.hindsight.search.index.SearchAnalyzers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property-style: random hostile text (long runs, lone and paired surrogates, combining marks, right-to-left text,
 * emoji, control characters, name-like runs that made the name pattern backtrack) in every text field of every
 * document type goes through the real document mapping into a real on-disk {@link IndexWriter} without an exception,
 * within a time bound, and every keyword term stays far under Lucene's 32766-byte limit.
 */
class HostileTextIndexingTest {

    private static final String[] PIECES = {
            "\uD800", "\uDC00", "\uDBFF\uDFFF", "\uD83D\uDCA5", "💥", "👩‍👩‍👧", "e\u0301\u0301\u0301", "\u0300", "\u202E", "\u200F",
            "مرحبا", "שלום", "中文", "\u0000", "\u0001", "\u001f", "\u007f", "\uFEFF", "\uFFFF", "\uFFFE", "\t", "\n", " ",
            "NullPointerException", "com.acme.PromoValidator", "java.", "Ab", "a.", "a_", "_", ".", "-", "/", ":", "@"};

    private final Random random = new Random(20261204L);

    private String hostile() {
        StringBuilder b = new StringBuilder();
        int parts = 1 + random.nextInt(12);
        for (int p = 0; p < parts; p++) {
            switch (random.nextInt(6)) {
                case 0 -> b.append(PIECES[random.nextInt(PIECES.length)].repeat(1 + random.nextInt(random.nextInt(8) == 0 ? 40_000 : 20)));
                case 1 -> b.append("Ab").append("C".repeat(random.nextInt(25_000)));
                case 2 -> {
                    for (int i = random.nextInt(200); i > 0; i--) {
                        b.append((char) random.nextInt(0x10000)); // any UTF-16 unit, surrogates included
                    }
                }
                case 3 -> b.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
                case 4 -> b.append(PIECES[random.nextInt(PIECES.length)]);
                default -> b.append(" word").append(random.nextInt(100)).append(' ');
            }
        }
        return b.toString();
    }

    private ArrayNode strings(ObjectNode parent, String field) {
        ArrayNode a = parent.putArray(field);
        for (int i = random.nextInt(4); i > 0; i--) {
            a.add(hostile());
        }
        return a;
    }

    private List<ObjectNode> payloads(long id) {
        ObjectNode incident = Payloads.incident(id, hostile(), hostile(), "P1", "2026-09-01T10:00:00Z", hostile());
        incident.putObject("labels").put("category", hostile()).put(hostile(), hostile());
        Payloads.hypothesis(incident, 1, hostile(), "CONFIRMED");
        ObjectNode pm = Payloads.postmortem(id, id, "PUBLISHED", hostile(), hostile(), hostile(), new String[]{hostile()}, new String[]{hostile()});
        pm.put("wentWell", hostile()).put("prevention", hostile());
        strings(pm, "categories");
        ObjectNode lesson = Payloads.lesson(id, hostile(), hostile(), id);
        strings(lesson, "tags");
        ObjectNode item = Payloads.actionItem(id, id, hostile(), hostile(), hostile());
        item.put("owner", hostile()).put("link", hostile());
        return List.of(incident, pm, lesson, item);
    }

    @Test
    void randomHostileTextIsIndexedWithoutAnException(@TempDir Path dir) throws Exception {
        String[] types = {KnowledgeDocuments.INCIDENT, KnowledgeDocuments.POSTMORTEM, KnowledgeDocuments.LESSON, KnowledgeDocuments.ACTION_ITEM};
        java.util.Set<String> uids = new java.util.HashSet<>();
        try (FSDirectory directory = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzers.index()))) {
            for (long id = 1; id <= 40; id++) {
                List<ObjectNode> payloads = payloads(id);
                for (int t = 0; t < types.length; t++) {
                    String type = types[t];
                    ObjectNode payload = payloads.get(t);
                    KnowledgeDocuments.Changes changes = assertTimeoutPreemptively(Duration.ofSeconds(5),
                            () -> KnowledgeDocuments.map(type, String.valueOf(payload.path("id").asLong()), false, payload, pmId -> IndexFields.PUBLIC),
                            () -> type + " mapping took too long: " + payload.toString().substring(0, Math.min(200, payload.toString().length())));
                    for (Document doc : changes.upserts()) {
                        for (IndexableField f : doc.getFields()) {
                            if (f.fieldType().tokenized() || f.stringValue() == null) {
                                continue;
                            }
                            int bytes = f.stringValue().getBytes(StandardCharsets.UTF_8).length;
                            assertTrue(f.fieldType().indexOptions() == org.apache.lucene.index.IndexOptions.NONE
                                            || bytes <= KnowledgeDocuments.MAX_KEYWORD_BYTES,
                                    f.name() + " term of " + bytes + " bytes");
                        }
                        writer.updateDocument(new Term(IndexFields.UID, doc.get(IndexFields.UID)), doc);
                        uids.add(doc.get(IndexFields.UID));
                    }
                }
            }
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                assertEquals(uids.size(), reader.numDocs(),
                        "every mapped document is in the index");
                assertTrue(new IndexSearcher(reader).count(new TermQuery(new Term(IndexFields.TYPE, KnowledgeDocuments.LESSON))) > 0);
            }
        }
    }

    @Test
    void oneLongWordAndTheInputsThatMadeTheNamePatternBacktrackAreIndexed(@TempDir Path dir) throws Exception {
        List<String> texts = new ArrayList<>(List.of("Ab" + "C".repeat(19_000), "Ab".repeat(50_000) + "_", "a.".repeat(50_000) + "_",
                "x".repeat(100_000), "AbC".repeat(30_000) + "_"));
        try (FSDirectory directory = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(SearchAnalyzers.index()))) {
            long id = 1;
            for (String text : texts) {
                long n = id++;
                ObjectNode lesson = Payloads.lesson(n, "Long word " + n, text + " canary", 1);
                KnowledgeDocuments.Changes changes = assertTimeoutPreemptively(Duration.ofSeconds(5),
                        () -> KnowledgeDocuments.map(KnowledgeDocuments.LESSON, String.valueOf(n), false, lesson, pm -> IndexFields.PUBLIC));
                for (Document doc : changes.upserts()) {
                    writer.addDocument(doc);
                }
            }
            writer.commit();
            try (DirectoryReader reader = DirectoryReader.open(writer)) {
                assertEquals(texts.size(), reader.numDocs());
            }
        }
    }
}
