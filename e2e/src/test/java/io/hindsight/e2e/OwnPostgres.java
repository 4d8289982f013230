package io.hindsight.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL 15 instance of a test's own ({@code initdb} into a folder under {@code e2e/target}, its own port and
 * socket folder, loopback only), so a test may stop and restart its database without touching the machine's shared
 * cluster. initdb refuses to run as root: as root the binaries run as the {@code postgres} user, which owns the folder.
 */
final class OwnPostgres implements AutoCloseable {

    static final Path BIN = Path.of(System.getProperty("hindsight.e2e.pg-bin", "/usr/lib/postgresql/15/bin"));
    static final String USER = "hindsight";
    static final String PASSWORD = "hindsight";

    private final Path dir;
    private final Path data;
    private final int port;
    private final boolean asPostgres;
    private final Thread shutdownHook;

    /** initdb into {@code dir/data} (dropping what a previous run left there), not started yet. */
    OwnPostgres(Path dir, int port) throws IOException, InterruptedException {
        this.dir = dir.toAbsolutePath();
        this.data = this.dir.resolve("data");
        this.port = port;
        this.asPostgres = "0".equals(run(List.of("id", "-u"), false).strip());
        if (Files.exists(data.resolve("postmaster.pid"))) {
            pgCtl(false, "stop", "-m", "immediate", "-w", "-t", "20");
        }
        if (Files.exists(this.dir)) {
            try (Stream<Path> walk = Files.walk(this.dir)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(this.dir);
        if (asPostgres) {
            run(List.of("chown", "postgres:postgres", this.dir.toString()), true);
        }
        run(as(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                "--locale=C", "--no-sync"), true);
        shutdownHook = new Thread(() -> {
            try {
                stopImmediately();
            } catch (Exception ignored) {
                // best effort when the test JVM goes away
            }
        });
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    int port() {
        return port;
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    /** Starts the server and waits until it accepts connections. */
    void start() throws IOException, InterruptedException {
        // fsync off: the machine does not crash in these tests, only the server stops; commits stay synchronous
        pgCtl(true, "start", "-w", "-t", "60", "-l", dir.resolve("postgres.log").toString(), "-o",
                "-p " + port + " -k " + dir + " -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60");
    }

    /** The test role and these databases, owned by it. */
    void createDatabases(String... names) throws IOException, InterruptedException {
        psql("create role " + USER + " login password '" + PASSWORD + "'");
        for (String name : names) {
            psql("create database " + name + " owner " + USER);
        }
    }

    /** {@code pg_ctl stop -m immediate}: every backend is killed at once, like a crash of the server. */
    void stopImmediately() throws IOException, InterruptedException {
        pgCtl(false, "stop", "-m", "immediate", "-w", "-t", "30");
    }

    /** Runs SQL in one of the databases as the superuser; returns psql's unaligned output. */
    String sql(String database, String sql) throws IOException, InterruptedException {
        return run(as(BIN.resolve("psql").toString(), "-h", dir.toString(), "-p", Integer.toString(port), "-U", "postgres",
                "-d", database, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql), true);
    }

    private void psql(String sql) throws IOException, InterruptedException {
        run(as(BIN.resolve("psql").toString(), "-h", dir.toString(), "-p", Integer.toString(port), "-U", "postgres",
                "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql), true);
    }

    private void pgCtl(boolean check, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString()));
        command.addAll(List.of(args));
        run(as(command.toArray(String[]::new)), check);
    }

    private List<String> as(String... command) {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    private static String run(List<String> command, boolean check) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + command);
        }
        if (check && p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + out);
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        pgCtl(false, "stop", "-m", "fast", "-w", "-t", "30");
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
    }
}
