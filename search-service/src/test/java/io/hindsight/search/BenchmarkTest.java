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
        index.clear();
        BenchmarkCorpus corpus = new BenchmarkCorpus(42);
        int incidents = docs * 4 / 5;
        ChangeFeedIndexer indexer = new ChangeFeedIndexer(null, index, config(dir));
        long ingestNanos = 0;
        int batch = 10_000;
        for (int start = 1; start <= docs; start += batch) {
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
        System.out.printf("%nIngest: %d feed changes (%d incidents, %d post-mortems with an action item each) -> %d documents in %.1f s = %.0f changes/s%n",
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
        for (int i = 0; i < queries.size(); i++) {
            long t0 = System.nanoTime();
            search.search(new SearchRequest(queries.get(i), List.of(), List.of(), List.of(), List.of(), List.of(), null, null, null,
                    List.of(), 0, 20), responder);
            lat[i] = System.nanoTime() - t0;
        }
        print("In-process search, 1 thread", lat);

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
                }
                return null;
            }));
        }
        for (Future<?> f : futures) {
            f.get();
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        pool.shutdown();
        print("HTTP search, " + clients + " concurrent clients (" + lat.length / seconds + " req/s, " + errors.get() + " errors)", lat);
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
}
