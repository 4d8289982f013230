package io.hindsight.postmortem.rest;

import static io.hindsight.postmortem.Api.as;
import static io.hindsight.postmortem.Api.document;
import static io.hindsight.postmortem.Api.draft;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The figures of the README (issue 4: import 10,000 post-mortems at >= 500/s; saving a revision p99 < 50 ms).
 * Tagged: not part of the default build. Run:
 * {@code ./mvnw test -pl postmortem-service -Dgroups=benchmark -DexcludedGroups= -Dtest=ImportAndSaveBenchmarkTest}
 */
@QuarkusTest
@Tag("benchmark")
class ImportAndSaveBenchmarkTest {

    @Inject
    DataSource db;

    @Test
    void import10000Postmortems() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String text = ("## Summary\\nThe checkout service returned 500s after a config push. "
                + "Connection pool exhausted; retries amplified load.\\n\\n## Root cause\\nA missing index on orders.customer_id. ").repeat(4);
        StringBuilder body = new StringBuilder();
        int n = Integer.getInteger("benchmark.imports", 10_000);
        for (int i = 0; i < n; i++) {
            body.append("{\"id\":\"bench-").append(run).append('-').append(i).append("\",\"title\":\"Benchmark post-mortem ")
                    .append(i).append("\",\"company\":\"Bench\",\"date\":\"2024-01-01\",\"categories\":[\"database\",\"config\"],")
                    .append("\"text\":\"").append(text).append("\",\"url\":\"https://example.org/bench/").append(run).append('/')
                    .append(i).append("\"}\n");
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        String token = KeycloakTokens.user("admin");
        double[] cpu0 = cpuSeconds();
        long t0 = System.nanoTime();
        int created = given().config(io.restassured.RestAssured.config().httpClient(io.restassured.config.HttpClientConfig.httpClientConfig()
                        .setParam("http.socket.timeout", 600_000).setParam("http.connection.timeout", 10_000)))
                .auth().oauth2(token).contentType("application/x-ndjson").body(bytes)
                .when().post("/api/imports/jsonl").then().statusCode(200).extract().jsonPath().getInt("created");
        double seconds = (System.nanoTime() - t0) / 1e9;
        double[] cpu1 = cpuSeconds();
        assertEquals(n, created);
        System.out.printf("BENCHMARK import: %d post-mortems (%d KB) in %.2f s = %.0f/s%n", n, bytes.length / 1024, seconds, n / seconds);
        // what the import cost in CPU, which a busy machine does not inflate the way it inflates the wall time
        System.out.printf("BENCHMARK import CPU: test JVM (service and client) %.1f s, PostgreSQL backends of this database %s%n",
                cpu1[0] - cpu0[0], cpu0[1] < 0 || cpu1[1] < 0 ? "n/a (no /proc)" : String.format("%.1f s", cpu1[1] - cpu0[1]));
    }

    /** CPU seconds used so far by this JVM, and by the PostgreSQL backends serving this database (-1 if unreadable). */
    private double[] cpuSeconds() {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
        double pg = 0;
        try (var c = db.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("select pid from pg_stat_activity where datname = current_database()")) {
            List<Long> pids = new ArrayList<>();
            while (rs.next()) {
                pids.add(rs.getLong(1));
            }
            for (long pid : pids) {
                // utime and stime, in clock ticks (100 per second on Linux), after the command name in parentheses
                String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                pg += (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
            }
        } catch (Exception e) {
            pg = -1;
        }
        return new double[] {jvm, pg};
    }

    @Test
    void saveRevisionLatency() {
        long id = draft("Benchmark saves");
        String token = KeycloakTokens.user("author");
        long version = 0;
        int warmup = 50;
        int n = 500;
        long[] micros = new long[n];
        for (int i = 0; i < warmup + n; i++) {
            String body = document("Benchmark saves " + i, false, null);
            long t0 = System.nanoTime();
            version = given().auth().oauth2(token).contentType("application/json").header("If-Match", "\"" + version + "\"")
                    .body(body).when().put("/api/postmortems/" + id).then().statusCode(200).extract().jsonPath().getLong("version");
            long took = (System.nanoTime() - t0) / 1000;
            if (i >= warmup) {
                micros[i - warmup] = took;
            }
        }
        Arrays.sort(micros);
        System.out.printf("BENCHMARK save (HTTP round trip incl. token check, revision, feed): n=%d p50=%.1f ms p95=%.1f ms p99=%.1f ms max=%.1f ms%n",
                n, micros[n / 2] / 1000.0, micros[(int) (n * 0.95)] / 1000.0, micros[(int) (n * 0.99)] / 1000.0, micros[n - 1] / 1000.0);
        as("author").when().get("/api/postmortems/" + id + "/revisions?limit=1").then().statusCode(200);
        // the server-side view of the same saves (transaction incl. row lock, revision and feed entry)
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        metrics.lines().filter(l -> l.startsWith("hindsight_postmortem_save_seconds{") && l.contains("quantile"))
                .forEach(l -> System.out.println("BENCHMARK server-side " + l));
    }
}
