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

    record Service(String name, String module, int port, Process process, Path log, List<String> command, Map<String, String> env) {
        String url() {
            return "http://127.0.0.1:" + port;
        }

        long pid() {
            return process.pid();
        }
    }

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path root;
    private final Path logs;
    private final Map<String, Service> services = new LinkedHashMap<>();

    SuiteProcesses(Path root) throws IOException {
        this(root, "e2e-logs");
    }

    /** @param logsName the folder under {@code e2e/target} for the services' logs (one per suite started side by side) */
    SuiteProcesses(Path root, String logsName) throws IOException {
        this.root = root;
        this.logs = root.resolve("e2e/target").resolve(logsName);
        Files.createDirectories(logs);
    }

    Service start(String module, int port, Map<String, String> env, String... systemProperties) throws IOException {
        return startInstance(module, module, "quarkus-app", port, env, systemProperties);
    }

    /**
     * Starts the service from {@code target/<app>}: {@code quarkus-app} (PostgreSQL) or {@code embedded-app} (the H2
     * build of {@code ./hindsight up}; start it with {@code -Dquarkus.profile=embedded -Dhindsight.data-dir=...}).
     */
    Service start(String module, String app, int port, Map<String, String> env, String... systemProperties) throws IOException {
        return startInstance(module, module, app, port, env, systemProperties);
    }

    /**
     * Starts one more instance of {@code module} under its own {@code name} (its log {@code name.log}; {@link #get},
     * {@link #stop} and the others take the name), e.g. two replicas of one service on one database.
     */
    Service startInstance(String name, String module, int port, Map<String, String> env, String... systemProperties) throws IOException {
        return startInstance(name, module, "quarkus-app", port, env, systemProperties);
    }

    private Service startInstance(String name, String module, String app, int port, Map<String, String> env, String... systemProperties)
            throws IOException {
        Path jar = root.resolve(module).resolve("target").resolve(app).resolve("quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the e2e tests through the reactor (./hindsight test)");
        }
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(heap(module));
        command.addAll(List.of("-Dquarkus.http.host=127.0.0.1", "-Dquarkus.http.port=" + port));
        command.addAll(extraJvmOptions(module));
        command.addAll(List.of(systemProperties));
        command.addAll(List.of("-jar", jar.toString()));
        Files.deleteIfExists(logs.resolve(name + ".log"));
        return launch(name, module, port, command, env);
    }

    /**
     * The service's heap, as {@code ./hindsight} and the images size it: a fixed size (initial = maximum) with every
     * page touched at start. Without it G1 gives the heap back after start-up (it shrank from 378 MB to 44 MB) and
     * grows it again under load whenever its pauses take too long (44 MB to 211 MB in one step on a busy machine),
     * so resident memory crept up for minutes after any warm-up without anything leaking (README, "Memory").
     * search-service and ui live in well under 64 MB here (search-service's benchmark with 120,000 documents runs in
     * 256 MB); incident-service and postmortem-service keep 384 MB (imports of thousands of post-mortems).
     */
    static List<String> heap(String module) {
        String size = module.equals("search-service") || module.equals("ui") ? "256m" : "384m";
        return List.of("-Xms" + size, "-Xmx" + size, "-XX:+AlwaysPreTouch");
    }

    /**
     * Extra JVM options for diagnosis, e.g. {@code -Dhindsight.e2e.jvm-options.search-service="-XX:NativeMemoryTracking=summary"}:
     * {@code hindsight.e2e.jvm-options} applies to every service, {@code hindsight.e2e.jvm-options.<module>} to one;
     * options are separated by whitespace. None by default.
     */
    static List<String> extraJvmOptions(String module) {
        List<String> options = new ArrayList<>();
        for (String key : List.of("hindsight.e2e.jvm-options", "hindsight.e2e.jvm-options." + module)) {
            String value = System.getProperty(key, "").strip();
            if (!value.isEmpty()) {
                options.addAll(List.of(value.split("\\s+")));
            }
        }
        return options;
    }

    private Service launch(String name, String module, int port, List<String> command, Map<String, String> env) throws IOException {
        Path log = logs.resolve(name + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(root.resolve(module).resolve("target").toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        Service service = new Service(name, module, port, builder.start(), log, List.copyOf(command), Map.copyOf(env));
        services.put(name, service);
        return service;
    }

    /** SIGKILL to the service's JVM (by its pid): no shutdown hook, no final commit; waits until it is gone. */
    void kill9(String module) throws InterruptedException {
        Process p = services.get(module).process();
        p.destroyForcibly(); // SIGKILL on Linux
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            throw new IllegalStateException(module + " (pid " + p.pid() + ") survived SIGKILL");
        }
    }

    /** SIGTERM (an orderly shutdown), SIGKILL if it has not stopped within 20 s. */
    void stop(String module) throws InterruptedException {
        Process p = services.get(module).process();
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** Starts a stopped or killed service again with the same command line and environment (log appended). */
    Service restart(String module) throws IOException {
        Service old = services.get(module);
        if (old.process().isAlive()) {
            throw new IllegalStateException(module + " is still running (pid " + old.pid() + ")");
        }
        return launch(module, old.module(), old.port(), old.command(), old.env());
    }

    /** Resident set size of the service's JVM in kB, from /proc/<pid>/status (VmRSS). */
    long rssKb(String module) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(services.get(module).pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no VmRSS for " + module);
    }

    /** VmRSS, RssAnon (heap and other private memory) and RssFile (mapped files, e.g. Lucene's index) in kB. */
    String memory(String module) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(services.get(module).pid()), "status"))) {
            if (line.startsWith("VmRSS:") || line.startsWith("RssAnon:") || line.startsWith("RssFile:")) {
                sb.append(line.replaceAll("\\s+", " ")).append(' ');
            }
        }
        return sb.toString().strip();
    }

    java.util.Collection<Service> all() {
        return services.values();
    }

    /** Waits until every started service answers its readiness probe, failing with the log of one that died. */
    void awaitReady(Duration timeout) throws Exception {
        awaitReady(timeout, services.keySet().toArray(String[]::new));
    }

    /** Waits until these services answer their readiness probe. */
    void awaitReady(Duration timeout, String... modules) throws Exception {
        awaitReady(timeout, 0, modules);
    }

    /**
     * Waits until these services answer their readiness probe; a service that exits while starting is started again
     * up to {@code restarts} times (the fault tests' own processes on a loaded machine, where a start can time out
     * on Keycloak or the database), its first failure logged.
     */
    void awaitReady(Duration timeout, int restarts, String... modules) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        for (String module : modules) {
            Service s = services.get(module);
            int left = restarts;
            while (true) {
                if (!s.process().isAlive()) {
                    String failure = s.name() + " exited with " + s.process().exitValue() + ":\n" + tail(s.log());
                    if (left-- <= 0) {
                        throw new IllegalStateException(failure);
                    }
                    System.out.println("Starting again after a failed start: " + failure);
                    s = restart(module);
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
