package io.hindsight.search;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hindsight.search.config.SearchConfig;
import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.Access;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.search.index.SearchRequest;
import io.hindsight.search.index.SearchService;
import io.hindsight.search.index.SimilarService;
import io.hindsight.search.rest.SimilarRequest;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality harness: imports the DFDS post-mortems (../shared/data/dfds-postmortems.jsonl, or
 * -Dhindsight.quality.data=...) as post-mortem documents through the real indexer, runs the known-item and
 * category queries of {@code quality/queries.tsv}, and prints nDCG@10 and MRR for this service's search, its
 * similar-incident ranking, and a baseline: plain BM25 over one title+text field, standard tokenizer, no stemming,
 * no field weights. Fails if search does not beat the baseline.
 */
class QualityHarnessTest {

    private static final Pattern SECTION = Pattern.compile("(?m)^#+\\s*(.+?)\\s*$");

    @TempDir
    Path dir;

    record Judged(String kind, String query, Set<String> relevant) {
    }

    @Test
    void searchBeatsPlainBm25OnTheDfdsPostmortems() throws Exception {
        Path data = dataFile();
        if (data == null) {
            System.out.println("Quality harness skipped: dfds-postmortems.jsonl not found");
            return;
        }
        List<JsonNode> postmortems = new ArrayList<>();
        for (String line : Files.readAllLines(data)) {
            if (!line.isBlank()) {
                postmortems.add(Payloads.JSON.readTree(line));
            }
        }
        List<Judged> queries = queries(Path.of("quality/queries.tsv"));

        // this service: the real mapping and indexer
        IndexWriterLifecycle index = open(dir);
        InMemoryFeed feed = new InMemoryFeed("postmortems");
        Map<String, String> sourceIdOf = new HashMap<>();
        for (int i = 0; i < postmortems.size(); i++) {
            feed.upsert("postmortem", i + 1, asPostmortem(i + 1, postmortems.get(i)));
            sourceIdOf.put(String.valueOf(i + 1), postmortems.get(i).get("id").asText());
        }
        new ChangeFeedIndexer(null, index, config(dir)).poll(feed);
        SearchService search = new SearchService(index);
        SimilarService similar = new SimilarService(index);
        Function<String, List<String>> ours = q -> search.search(SearchRequest.of(QueryParser.escape(q), 0, 10), Access.EVERYTHING)
                .hits().stream().map(h -> sourceIdOf.get(h.id())).toList();
        Function<String, List<String>> oursSimilar = q -> similar.similar(new SimilarRequest(q, null, null, null, false, null, 10),
                Access.EVERYTHING).matches().stream().map(m -> sourceIdOf.get(m.id())).toList();

        // baseline: plain BM25 over title + text
        var baselineDir = new ByteBuffersDirectory();
        StandardAnalyzer plain = new StandardAnalyzer();
        try (IndexWriter w = new IndexWriter(baselineDir, new IndexWriterConfig(plain))) {
            for (JsonNode pm : postmortems) {
                Document d = new Document();
                d.add(new StringField("id", pm.get("id").asText(), Field.Store.YES));
                d.add(new TextField("text", pm.get("title").asText() + "\n" + pm.get("text").asText(), Field.Store.NO));
                w.addDocument(d);
            }
        }
        DirectoryReader reader = DirectoryReader.open(baselineDir);
        IndexSearcher baselineSearcher = new IndexSearcher(reader);
        QueryParser parser = new QueryParser("text", plain);
        Function<String, List<String>> baseline = q -> {
            try {
                List<String> ids = new ArrayList<>();
                for (ScoreDoc sd : baselineSearcher.search(parser.parse(QueryParser.escape(q)), 10).scoreDocs) {
                    ids.add(baselineSearcher.storedFields().document(sd.doc).get("id"));
                }
                return ids;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        // PostgreSQL full-text search as one would set it up: weighted tsvector (title A, summary B, contributing
        // factors C, the rest D), the query's lexemes OR-ed (websearch's AND finds almost nothing for prose), ts_rank
        java.sql.Connection pg = postgres();
        Function<String, List<String>> postgres = null;
        if (pg != null) {
            try (java.sql.Statement st = pg.createStatement()) {
                st.execute("create schema if not exists quality_fts");
                st.execute("drop table if exists quality_fts.pm");
                st.execute("create table quality_fts.pm (id text primary key, tsv tsvector)");
            }
            try (java.sql.PreparedStatement insert = pg.prepareStatement("insert into quality_fts.pm values (?, "
                    + "setweight(to_tsvector('english', ?), 'A') || setweight(to_tsvector('english', ?), 'B') || "
                    + "setweight(to_tsvector('english', ?), 'C') || setweight(to_tsvector('english', ?), 'D'))")) {
                for (int i = 0; i < postmortems.size(); i++) {
                    JsonNode pm = asPostmortem(i + 1, postmortems.get(i));
                    insert.setString(1, postmortems.get(i).get("id").asText());
                    insert.setString(2, pm.path("title").asText());
                    insert.setString(3, pm.path("summary").asText());
                    insert.setString(4, pm.path("rootCause").asText());
                    insert.setString(5, pm.path("wentWell").asText() + "\n" + pm.path("wentBadly").asText() + "\n" + pm.path("prevention").asText());
                    insert.executeUpdate();
                }
            }
            java.sql.PreparedStatement query = pg.prepareStatement("select id from quality_fts.pm, (select cast(nullif(replace("
                    + "plainto_tsquery('english', ?)::text, '&', '|'), '') as tsquery) as q) x where tsv @@ x.q "
                    + "order by ts_rank(tsv, x.q) desc, id limit 10");
            postgres = q -> {
                try {
                    query.setString(1, q);
                    List<String> ids = new ArrayList<>();
                    try (java.sql.ResultSet rs = query.executeQuery()) {
                        while (rs.next()) {
                            ids.add(rs.getString(1));
                        }
                    }
                    return ids;
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            };
        }

        Map<String, Function<String, List<String>>> systems = new LinkedHashMap<>();
        systems.put("baseline BM25 title+text", baseline);
        if (postgres != null) {
            systems.put("PostgreSQL FTS (weighted, ts_rank)", postgres);
        }
        systems.put("search (GET /api/search)", ours);
        systems.put("similar (POST /api/search/similar)", oursSimilar);
        Map<String, double[]> all = new LinkedHashMap<>();
        System.out.printf("%nQuality on %d DFDS post-mortems, %d queries%n", postmortems.size(), queries.size());
        System.out.printf("%-38s %-9s %8s %8s%n", "system", "queries", "nDCG@10", "MRR");
        for (String kind : List.of("known", "category", "all")) {
            for (var system : systems.entrySet()) {
                double ndcg = 0;
                double mrr = 0;
                int n = 0;
                for (Judged j : queries) {
                    if (!"all".equals(kind) && !j.kind().equals(kind)) {
                        continue;
                    }
                    List<String> ranked = system.getValue().apply(j.query());
                    ndcg += ndcg(ranked, j.relevant());
                    mrr += mrr(ranked, j.relevant());
                    n++;
                }
                System.out.printf("%-38s %-9s %8.3f %8.3f%n", system.getKey(), kind + " (" + n + ")", ndcg / n, mrr / n);
                all.put(system.getKey() + "/" + kind, new double[]{ndcg / n, mrr / n});
            }
        }
        reader.close();
        invoke(index, "close");
        double[] base = all.get("baseline BM25 title+text/all");
        double[] us = all.get("search (GET /api/search)/all");
        assertTrue(us[0] > base[0], "nDCG@10 of search " + us[0] + " should beat the baseline's " + base[0]);
        assertTrue(us[1] >= base[1], "MRR of search " + us[1] + " should not be below the baseline's " + base[1]);
        if (pg != null) {
            double[] fts = all.get("PostgreSQL FTS (weighted, ts_rank)/all");
            pg.close();
            assertTrue(us[0] > fts[0], "nDCG@10 of search " + us[0] + " should beat PostgreSQL full-text search's " + fts[0]);
        }
    }

    /** The test PostgreSQL of ./hindsight test, if reachable; the comparison is skipped without it. */
    private static java.sql.Connection postgres() {
        String url = System.getenv().getOrDefault("HINDSIGHT_TEST_POSTMORTEM_DB_URL", "jdbc:postgresql://127.0.0.1:5432/hindsight_postmortem_test");
        try {
            return java.sql.DriverManager.getConnection(url, "hindsight", System.getenv().getOrDefault("HINDSIGHT_DB_PASSWORD", "hindsight"));
        } catch (java.sql.SQLException e) {
            System.out.println("PostgreSQL full-text comparison skipped: " + e.getMessage());
            return null;
        }
    }

    static double ndcg(List<String> ranked, Set<String> relevant) {
        double dcg = 0;
        for (int i = 0; i < Math.min(10, ranked.size()); i++) {
            if (relevant.contains(ranked.get(i))) {
                dcg += 1 / log2(i + 2);
            }
        }
        double ideal = 0;
        for (int i = 0; i < Math.min(10, relevant.size()); i++) {
            ideal += 1 / log2(i + 2);
        }
        return ideal == 0 ? 0 : dcg / ideal;
    }

    static double mrr(List<String> ranked, Set<String> relevant) {
        for (int i = 0; i < ranked.size(); i++) {
            if (relevant.contains(ranked.get(i))) {
                return 1.0 / (i + 1);
            }
        }
        return 0;
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    /** A DFDS post-mortem in the shape of postmortem-service's feed payload (imported, published). */
    static ObjectNode asPostmortem(long id, JsonNode in) {
        Map<String, String> sections = sections(in.get("text").asText());
        ObjectNode pm = Payloads.JSON.createObjectNode();
        pm.put("id", id).putNull("incidentId").put("title", in.get("title").asText()).put("status", "PUBLISHED");
        pm.put("summary", sections.getOrDefault("summary", ""));
        pm.putObject("impact").putNull("users").putNull("durationMinutes").putNull("revenue").putNull("sla");
        pm.put("rootCause", sections.getOrDefault("contributing factors", sections.getOrDefault("contributing factors (findings)", "")));
        pm.putArray("contributingFactors");
        pm.put("detection", "");
        StringBuilder rest = new StringBuilder();
        sections.forEach((name, text) -> {
            if (!Set.of("summary", "contributing factors", "contributing factors (findings)", "lessons learned", "action items").contains(name)) {
                rest.append(text).append('\n');
            }
        });
        pm.put("wentWell", rest.toString()).put("wentBadly", sections.getOrDefault("lessons learned", ""))
                .put("prevention", sections.getOrDefault("action items", ""));
        pm.putArray("lessons");
        pm.putArray("actionItems");
        pm.putArray("services");
        pm.putNull("priority");
        var categories = pm.putArray("categories");
        in.path("categories").forEach(c -> categories.add(c.asText()));
        String date = in.path("date").asText("");
        pm.put("impactStartedAt", date.isEmpty() ? null : date + "T00:00:00Z").putNull("resolvedAt").putNull("publishedAt");
        pm.putObject("source").put("kind", "IMPORT").put("id", in.get("id").asText()).put("url", in.path("url").asText(""))
                .put("company", in.path("company").asText(""));
        pm.put("createdBy", "import").put("createdAt", "2026-01-01T00:00:00Z").put("updatedAt", "2026-01-01T00:00:00Z").put("version", 0);
        return pm;
    }

    /** Markdown sections by lower-cased heading; text before the first heading goes to "summary". */
    static Map<String, String> sections(String markdown) {
        Map<String, String> sections = new LinkedHashMap<>();
        Matcher m = SECTION.matcher(markdown);
        String name = "summary";
        int start = 0;
        while (m.find()) {
            sections.merge(name, markdown.substring(start, m.start()).strip(), (a, b) -> a + "\n" + b);
            name = m.group(1).toLowerCase();
            start = m.end();
        }
        sections.merge(name, markdown.substring(start).strip(), (a, b) -> a + "\n" + b);
        return sections;
    }

    static List<Judged> queries(Path tsv) throws IOException {
        List<Judged> queries = new ArrayList<>();
        for (String line : Files.readAllLines(tsv)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cols = line.split("\t");
            queries.add(new Judged(cols[0], cols[1], Set.of(cols[2].split(","))));
        }
        return queries;
    }

    private static Path dataFile() {
        for (String candidate : new String[]{System.getProperty("hindsight.quality.data", ""),
                "../../shared/data/dfds-postmortems.jsonl", "../shared/data/dfds-postmortems.jsonl", "/work/shared/data/dfds-postmortems.jsonl"}) {
            if (!candidate.isEmpty() && Files.isRegularFile(Path.of(candidate))) {
                return Path.of(candidate);
            }
        }
        return null;
    }

    private static SearchConfig config(Path dir) {
        return TestSearchConfig.of(dir, 500, 1000);
    }

    private static IndexWriterLifecycle open(Path dir) throws Exception {
        IndexWriterLifecycle index = new IndexWriterLifecycle(config(dir));
        invoke(index, "open");
        return index;
    }

    private static void invoke(IndexWriterLifecycle index, String method) throws Exception {
        Method m = IndexWriterLifecycle.class.getDeclaredMethod(method);
        m.setAccessible(true);
        m.invoke(index);
    }
}
