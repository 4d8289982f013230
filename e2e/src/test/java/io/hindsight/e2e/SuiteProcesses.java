package io.hindsight.e2e;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the services packaged by this build (their {@code target/quarkus-app}) as separate JVMs on loopback,
 * against the test PostgreSQL and Keycloak that {@code ./hindsight test} provides, and stops them afterwards.
 */
final class SuiteProcesses implements AutoCloseable {

    record Service(String name, int port, Process process, Path log) {
        String url() {
            return "http://127.0.0.1:" + port;
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path root;
    private final Path logs;
    private final Map<String, Service> services = new LinkedHashMap<>();

    SuiteProcesses(Path root) throws IOException {
        this.root = root;
        this.logs = root.resolve("e2e/target/e2e-logs");
        Files.createDirectories(logs);
    }

    Service start(String module, int port, Map<String, String> env, String... systemProperties) throws IOException {
        Path jar = root.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the e2e tests through the reactor (./hindsight test)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port));
        command.addAll(List.of(systemProperties));
        command.addAll(List.of("-jar", jar.toString()));
        Path log = logs.resolve(module + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.resolve(module).resolve("target").toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(env);
        Service service = new Service(module, port, builder.start(), log);
        services.put(module, service);
        return service;
    }

    /** Waits until every started service answers its readiness probe, failing with the log of one that died. */
    void awaitReady(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        for (Service s : services.values()) {
            while (true) {
                if (!s.process().isAlive()) {
                    throw new IllegalStateException(s.name() + " exited with " + s.process().exitValue() + ":\n" + tail(s.log()));
                }
                try {
                    HttpResponse<Void> r = HTTP.send(HttpRequest.newBuilder(URI.create(s.url() + "/q/health/ready"))
                            .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                    if (r.statusCode() == 200) {
                        break;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException(s.name() + " not ready after " + timeout + ":\n" + tail(s.log()));
                }
                s.process().waitFor(200, TimeUnit.MILLISECONDS);
            }
        }
    }

    Service get(String module) {
        return services.get(module);
    }

    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Service s : services.values()) {
            s.process().destroy();
        }
        for (Service s : services.values()) {
            if (!s.process().waitFor(20, TimeUnit.SECONDS)) {
                s.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
