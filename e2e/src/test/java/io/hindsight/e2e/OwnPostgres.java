package io.hindsight.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A PostgreSQL 15 instance of a test's own ({@code initdb} into a fresh folder of its own under the temp directory,
 * its own port and socket folder, loopback only), so a test may stop and restart its database without touching the
 * machine's shared cluster. initdb refuses to run as root: as root the binaries run as the {@code postgres} user, which
 * owns the folder. The folder is never under the checkout (a checkout in a private folder, mode 0700, is not
 * reachable by the postgres user): it is created with mode 0700 in {@code java.io.tmpdir}, named after the test and
 * its port ({@code hindsight-pg-NAME-PORT-*}), and removed on {@link #close()}; one that a killed test run left
 * behind (same name and port) is stopped and removed by the next run.
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

    /** initdb into a fresh private folder (see the class comment), not started yet. */
    OwnPostgres(String name, int port) throws IOException, InterruptedException {
        if (!name.matches("[a-z0-9-]+")) {
            throw new IllegalArgumentException("name: lower-case letters, digits and - only: " + name);
        }
        this.port = port;
        this.asPostgres = "0".equals(run(List.of("id", "-u"), false, null).strip());
        Path base = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath();
        String prefix = "hindsight-pg-" + name + "-" + port + "-";
        removeLeftovers(base, prefix);
        // createTempDirectory: a new name, mode 0700 on POSIX file systems
        this.dir = Files.createTempDirectory(base, prefix);
        this.data = this.dir.resolve("data");
        if (asPostgres) {
            run(List.of("chown", "postgres:postgres", this.dir.toString()), true, null);
        }
        run(as(BIN.resolve("initdb").toString(), "-D", data.toString(), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                "--locale=C", "--no-sync"), true, this.dir);
        shutdownHook = new Thread(() -> {
            try {
                stopImmediately();
            } catch (Exception ignored) {
                // best effort when the test JVM goes away
            }
            delete(this.dir);
        });
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Folders of an earlier run of the same test on the same port whose JVM was killed: stop their server, remove. */
    private void removeLeftovers(Path base, String prefix) throws IOException, InterruptedException {
        List<Path> stale;
        try (Stream<Path> list = Files.list(base)) {
            stale = list.filter(p -> p.getFileName().toString().startsWith(prefix) && Files.isDirectory(p)).toList();
        }
        for (Path old : stale) {
            if (Files.exists(old.resolve("data/postmaster.pid"))) {
                run(as(BIN.resolve("pg_ctl").toString(), "-D", old.resolve("data").toString(), "stop", "-m", "immediate",
                        "-w", "-t", "20"), false, old);
            }
            delete(old);
        }
    }

    private static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // best effort: a folder in the temp directory
        }
    }

    /** The server's folder (data, socket, log): private to this instance, removed on {@link #close()}. */
    Path dir() {
        return dir;
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
                "-d", database, "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql), true, dir);
    }

    private void psql(String sql) throws IOException, InterruptedException {
        run(as(BIN.resolve("psql").toString(), "-h", dir.toString(), "-p", Integer.toString(port), "-U", "postgres",
                "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-qAt", "-c", sql), true, dir);
    }

    private void pgCtl(boolean check, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BIN.resolve("pg_ctl").toString(), "-D", data.toString()));
        command.addAll(List.of(args));
        run(as(command.toArray(String[]::new)), check, dir);
    }

    private List<String> as(String... command) {
        List<String> full = new ArrayList<>();
        if (asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        return full;
    }

    /** Runs in {@code cwd} (the server's own folder: the postgres user may not enter the test's working directory). */
    private static String run(List<String> command, boolean check, Path cwd) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        if (cwd != null) {
            builder.directory(cwd.toFile());
        }
        Process p = builder.start();
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
        delete(dir);
    }
}
