package io.hindsight.search;

import io.hindsight.search.config.SearchConfig;
import io.hindsight.search.feed.ChangeFeedIndexer;
import io.hindsight.search.index.Access;
import io.hindsight.search.index.IndexWriterLifecycle;
import io.hindsight.search.index.SearchRequest;
import io.hindsight.search.index.SearchService;
import io.hindsight.search.report.ReportService;
import io.hindsight.testsupport.KeycloakTokens;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The benchmark, off unless asked for:
 * <pre>
 * # generate and index 100,000 documents in-process: ingest rate, query latency, report time, RSS
 * ./mvnw -pl search-service test -Dtest=BenchmarkTest#inProcess -Dhindsight.bench.docs=100000 -Dhindsight.bench.index=/tmp/bench-index
 * # drive a running search-service over HTTP with 50 concurrent clients (index built above, polling off)
 * ./mvnw -pl search-service test -Dtest=BenchmarkTest#overHttp -Dhindsight.bench.url=http://127.0.0.1:38083 \
 *   -DHINDSIGHT_TEST_KEYCLOAK_URL=... (token of the runbook service account)
 * </pre>
 */
class BenchmarkTest {

    @Test
    void inProcess() throws Exception {
        int docs = Integer.getInteger("hindsight.bench.docs", 0);
        if (docs == 0) {
            return;
        }
        Path dir = Path.of(System.getProperty("hindsight.bench.index", Files.createTempDirectory("bench-index").toString()));
        IndexWriterLifecycle index = new IndexWriterLifecycle(config(dir));
        invoke(index, "open");
        // -Dhindsight.bench.reuse=true: search the index a previous run built in that directory (no ingest)
        boolean reuse = Boolean.getBoolean("hindsight.bench.reuse") && index.numDocs() > 0;
        if (!reuse) {
            index.clear();
        }
        BenchmarkCorpus corpus = new BenchmarkCorpus(42);
        int incidents = docs * 4 / 5;
        ChangeFeedIndexer indexer = new ChangeFeedIndexer(null, index, config(dir));
        long ingestNanos = 0;
        int batch = 10_000;
        for (int start = 1; start <= docs && !reuse; start += batch) {
            InMemoryFeed feed = new InMemoryFeed("bench-" + start);
            for (int id = start; id < start + batch && id <= docs; id++) {
                if (id <= incidents) {
                    feed.upsert("incident", id, corpus.incident(id));
                } else {
                    feed.upsert("postmortem", id, corpus.postmortem(id, id - incidents));
                }
            }
            long t0 = System.nanoTime();
            indexer.poll(feed);
            ingestNanos += System.nanoTime() - t0;
        }
        System.out.printf(reuse ? "%nIngest skipped, index reused: %4$d documents%n" : "%nIngest: %d feed changes (%d incidents, %d post-mortems with an action item each) -> %d documents in %.1f s = %.0f changes/s%n",
                docs, incidents, docs - incidents, index.numDocs(), ingestNanos / 1e9, docs / (ingestNanos / 1e9));

        SearchService search = new SearchService(index);
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            queries.add(corpus.query());
        }
        Access responder = Access.of(java.util.Set.of("responder"));
        for (String q : queries.subList(0, 500)) {
            search.search(new SearchRequest(q, List.of(), List.of(), List.of(), List.of(), List.of(), null, null, null, List.of(), 0, 20), responder);
        }
        long[] lat = new long[queries.size()];
        long[] allocated = new long[queries.size()];
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < queries.size(); i++) {
            long a0 = threads.getThreadAllocatedBytes(thread);
            long t0 = System.nanoTime();
            search.search(new SearchRequest(queries.get(i), List.of(), List.of(), List.of(), List.of(), List.of(), null, null, null,
                    List.of(), 0, 20), responder);
            lat[i] = System.nanoTime() - t0;
            allocated[i] = threads.getThreadAllocatedBytes(thread) - a0;
        }
        print("In-process search, 1 thread", lat);
        System.out.printf("In-process search allocates %.0f kB per query on average%n", Arrays.stream(allocated).average().orElse(0) / 1024);
        if (Boolean.getBoolean("hindsight.bench.per-kind")) { // latency and allocation of each kind of query of the mix
            java.util.Map<String, List<Integer>> kinds = new java.util.TreeMap<>();
            for (int i = 0; i < queries.size(); i++) {
                kinds.computeIfAbsent(kind(queries.get(i)), k -> new ArrayList<>()).add(i);
            }
            kinds.forEach((kind, at) -> {
                long[] l = at.stream().mapToLong(i -> lat[i]).toArray();
                print("In-process " + kind + " (" + at.stream().mapToLong(i -> allocated[i]).sum() / at.size() / 1024 + " kB/query)", l);
            });
        }

        ReportService reports = new ReportService(index);
        reports.responseTimes(null, null, Access.EVERYTHING);
        long[] rep = new long[20];
        for (int i = 0; i < rep.length; i++) {
            long t0 = System.nanoTime();
            if (i % 2 == 0) {
                reports.responseTimes(null, null, Access.EVERYTHING);
            } else {
                reports.counts("month", null, null, Access.EVERYTHING);
            }
            rep[i] = System.nanoTime() - t0;
        }
        print("Trend report over " + incidents + " incidents", rep);
        System.gc();
        System.out.println("RSS after ingest and queries: " + rss() + " (heap used " +
                (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory()) / (1024 * 1024) + " MB)");
        invoke(index, "close");
    }

    @Test
    void overHttp() throws Exception {
        String url = System.getProperty("hindsight.bench.url");
        if (url == null) {
            return;
        }
        int clients = Integer.getInteger("hindsight.bench.clients", 50);
        int perClient = Integer.getInteger("hindsight.bench.requests", 200);
        long thinkMillis = Long.getLong("hindsight.bench.think-ms", 0);
        String token = KeycloakTokens.runbook();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).executor(Executors.newFixedThreadPool(4)).build();
        BenchmarkCorpus corpus = new BenchmarkCorpus(7);
        List<String> queries = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            queries.add(corpus.query());
        }
        for (int i = 0; i < 500; i++) { // warm-up
            send(http, url, token, queries.get(i % queries.size()));
        }
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long[] lat = new long[clients * perClient];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger errors = new AtomicInteger();
        List<Future<?>> futures = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            futures.add(pool.submit(() -> {
                for (int i = 0; i < perClient; i++) {
                    int n = next.getAndIncrement();
                    long s = System.nanoTime();
                    if (send(http, url, token, queries.get(n % queries.size())) != 200) {
                        errors.incrementAndGet();
                    }
                    lat[n] = System.nanoTime() - s;
                    if (thinkMillis > 0) {
                        // a person reads the results before the next query: pacing of the workload, not a wait for a condition
                        Thread.sleep(thinkMillis / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(thinkMillis + 1));
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        print(String.format("HTTP search, %d concurrent clients, think time %d ms on average (%.0f req/s, %d errors)", clients,
                thinkMillis, lat.length / seconds, errors.get()), lat);
    }

    /** The kind of a query of {@link BenchmarkCorpus#query()}. */
    private static String kind(String q) {
        if (Arrays.asList(BenchmarkCorpus.EXCEPTIONS).contains(q)) {
            return "exception name";
        } else if (Arrays.asList(BenchmarkCorpus.CLASSES).contains(q)) {
            return "class name";
        } else if (q.startsWith("\"")) {
            return "phrase";
        } else if (q.startsWith("latency database ")) {
            return "words + service";
        } else if (q.startsWith("service:")) {
            return "field:value AND word";
        } else if (q.contains("NOT")) {
            return "words NOT word";
        }
        return "status/error code";
    }

    private static int send(HttpClient http, String url, String token, String q) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url + "/api/search?limit=20&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(10)).build();
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (Exception e) {
            return -1;
        }
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf("%s: n=%d p50=%.2f ms p99=%.2f ms max=%.2f ms%n", what, sorted.length,
                sorted[sorted.length / 2] / 1e6, sorted[(int) Math.ceil(sorted.length * 0.99) - 1] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static String rss() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS")) {
                return line.substring(6).trim();
            }
        }
        return "?";
    }

    private static SearchConfig config(Path dir) {
        return TestSearchConfig.of(dir, 1000, 100_000);
    }

    private static void invoke(IndexWriterLifecycle index, String method) throws Exception {
        Method m = IndexWriterLifecycle.class.getDeclaredMethod(method);
        m.setAccessible(true);
        m.invoke(index);
    }

    /**
     * The same corpus and query mix in PostgreSQL full-text search, the way one would build it there: a weighted
     * tsvector (title A, symptom B, root cause C, everything else D), a GIN index, websearch_to_tsquery and ts_rank,
     * top 20. Single-threaded latency, to set beside the in-process Lucene figure of {@link #inProcess} (which also
     * builds highlighted snippets; ts_headline is left out here, so the comparison favours PostgreSQL).
     */
    @Test
    void postgresFullText() throws Exception {
        int docs = Integer.getInteger("hindsight.bench.pg-docs", 0);
        if (docs == 0) {
            return;
        }
        String url = System.getProperty("hindsight.bench.pg-url", System.getenv().getOrDefault("HINDSIGHT_TEST_POSTMORTEM_DB_URL",
                "jdbc:postgresql://127.0.0.1:5432/hindsight_postmortem_test"));
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(url, "hindsight",
                System.getenv().getOrDefault("HINDSIGHT_DB_PASSWORD", "hindsight"))) {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("create schema if not exists bench_fts");
                st.execute("drop table if exists bench_fts.doc");
                st.execute("create table bench_fts.doc (id bigint primary key, type text, service text, title text, symptom text, "
                        + "root_cause text, body text, tsv tsvector generated always as ("
                        + "setweight(to_tsvector('english', coalesce(title, '')), 'A') || "
                        + "setweight(to_tsvector('english', coalesce(symptom, '')), 'B') || "
                        + "setweight(to_tsvector('english', coalesce(root_cause, '')), 'C') || "
                        + "setweight(to_tsvector('english', coalesce(body, '')), 'D')) stored)");
            }
            BenchmarkCorpus corpus = new BenchmarkCorpus(42);
            int incidents = docs * 4 / 5;
            long t0 = System.nanoTime();
            c.setAutoCommit(false);
            try (java.sql.PreparedStatement insert = c.prepareStatement(
                    "insert into bench_fts.doc (id, type, service, title, symptom, root_cause, body) values (?, ?, ?, ?, ?, ?, ?)")) {
                for (int id = 1; id <= docs; id++) {
                    com.fasterxml.jackson.databind.node.ObjectNode d = id <= incidents ? corpus.incident(id) : corpus.postmortem(id, id - incidents);
                    String rootCause = d.has("rootCause") ? d.path("rootCause").asText() : confirmed(d);
                    StringBuilder body = new StringBuilder();
                    collectText(d, body);
                    insert.setLong(1, id);
                    insert.setString(2, id <= incidents ? "incident" : "postmortem");
                    insert.setString(3, d.path("services").path(0).asText(null));
                    insert.setString(4, d.path("title").asText());
                    insert.setString(5, d.has("symptom") ? d.path("symptom").asText() : d.path("summary").asText());
                    insert.setString(6, rootCause);
                    insert.setString(7, body.toString());
                    insert.addBatch();
                    if (id % 1000 == 0) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            c.commit();
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("create index on bench_fts.doc using gin (tsv)");
                st.execute("create index on bench_fts.doc (service)");
                st.execute("analyze bench_fts.doc");
            }
            c.commit();
            c.setAutoCommit(true);
            System.out.printf("%nPostgreSQL: loaded %d documents with a weighted tsvector and a GIN index in %.1f s%n", docs, (System.nanoTime() - t0) / 1e9);

            List<String> queries = new ArrayList<>();
            for (int i = 0; i < 2000; i++) {
                queries.add(corpus.query());
            }
            String sql = "select id, ts_rank(tsv, q) as rank from bench_fts.doc, websearch_to_tsquery('english', ?) q "
                    + "where tsv @@ q and (?::text is null or service = ?) order by rank desc limit 20";
            try (java.sql.PreparedStatement search = c.prepareStatement(sql)) {
                for (String q : queries.subList(0, 200)) { // warm-up
                    pg(search, q);
                }
                long[] lat = new long[queries.size()];
                for (int i = 0; i < queries.size(); i++) {
                    long s = System.nanoTime();
                    pg(search, queries.get(i));
                    lat[i] = System.nanoTime() - s;
                }
                print("PostgreSQL full-text search, 1 thread (websearch_to_tsquery + ts_rank, top 20, no snippets)", lat);
            }
        }
    }

    /** The query of the mix in PostgreSQL terms: field:value becomes a filter, NOT becomes websearch's minus. */
    private static void pg(java.sql.PreparedStatement search, String q) throws java.sql.SQLException {
        String service = null;
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("service:(\\S+) AND (.*)").matcher(q);
        if (m.matches()) {
            service = m.group(1);
            q = m.group(2);
        }
        search.setString(1, q.replace(" NOT ", " -"));
        search.setString(2, service);
        search.setString(3, service);
        try (java.sql.ResultSet rs = search.executeQuery()) {
            while (rs.next()) {
                rs.getLong(1);
            }
        }
    }

    private static String confirmed(com.fasterxml.jackson.databind.JsonNode incident) {
        for (com.fasterxml.jackson.databind.JsonNode h : incident.path("hypotheses")) {
            if ("CONFIRMED".equals(h.path("outcome").asText())) {
                return h.path("statement").asText();
            }
        }
        return null;
    }

    private static void collectText(com.fasterxml.jackson.databind.JsonNode node, StringBuilder out) {
        if (node.isTextual()) {
            out.append(node.asText()).append(' ');
        } else if (node.isContainerNode()) {
            node.forEach(child -> collectText(child, out));
        }
    }
}
