package io.hindsight.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.KeycloakTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A soak that looks like an outage day, against a suite of this test's own (ports 18340-18345 plus the run's offset:
 * ui, incident, postmortem, search, PostgreSQL, Alertmanager; its own PostgreSQL instance and index folder), for
 * {@code -Dhindsight.soak.minutes} (1 in the test command; {@code scripts/soak [minutes]}, 30 by default, for longer).
 * Concurrently: 50 war-room viewers that drop and reopen their live streams (40 on incident-service's API, 10 through
 * the ui's war-room page and its SSE), responders declaring and posting status updates, authors saving post-mortems,
 * leaders on trend reports, search as you type, an Alertmanager storm (a real Alertmanager 0.25 when installed, and
 * the webhook fixtures posted directly), and one kill -9 of each service at a random moment (seed printed;
 * {@code -Dhindsight.soak.seed} repeats it), restarted on the same data. Then it checks, and reports every finding
 * before failing: no 5xx or unanswered request outside the restart window of the service it went to (or one it calls),
 * no 4xx to a valid request, every acknowledged write present, the index equal to the sources, update to viewer p99 at
 * most 1 s, the DB pool bounded (when the services export agroal gauges), RSS growth at most 10% (runs of 5 minutes or
 * more). The summary ("FIGURES soak") is the table the README quotes.
 */
class SoakTest {

    static final double MINUTES = Double.parseDouble(System.getProperty("hindsight.soak.minutes", "1"));
    static final double SCALE = Double.parseDouble(System.getProperty("hindsight.soak.rate", "1"));
    static final long SEED = Long.getLong("hindsight.soak.seed", System.nanoTime());
    static final int UI_PORT = TestPorts.port(18340);
    static final int INCIDENT_PORT = TestPorts.port(18341);
    static final int POSTMORTEM_PORT = TestPorts.port(18342);
    static final int SEARCH_PORT = TestPorts.port(18343);
    static final int PG_PORT = TestPorts.port(18344);
    static final int ALERTMANAGER_PORT = TestPorts.port(18345);
    static final List<String> SERVICES = List.of("incident-service", "postmortem-service", "search-service", "ui");
    static final int WAR_ROOMS = 10;
    /** 50 by default: four in five on incident-service's API, one in five through the ui ({@code -Dhindsight.soak.viewers}). */
    static final int VIEWERS = Integer.getInteger("hindsight.soak.viewers", 50);
    static final int UI_VIEWERS = VIEWERS / 5;
    static final int API_VIEWERS = VIEWERS - UI_VIEWERS;
    /** How long a killed service may take to be ready again before the soak calls its restart failed. */
    static final Duration RESTART_BOUND = Duration.ofSeconds(150);
    /** incident-service's and postmortem-service's quarkus.datasource.jdbc.max-size. */
    static final int POOL_SIZE = 20;

    static String incidents = "http://127.0.0.1:" + INCIDENT_PORT;
    static String postmortems = "http://127.0.0.1:" + POSTMORTEM_PORT;
    static String search = "http://127.0.0.1:" + SEARCH_PORT;
    static String ui = "http://127.0.0.1:" + UI_PORT;
    static OwnPostgres pg;
    static SuiteProcesses suite;
    static SoakAlertmanager alertmanager;

    @BeforeAll
    static void startOwnSuite() throws Exception {
        Path root = RunningSuite.root();
        pg = new OwnPostgres("soak", PG_PORT);
        pg.start();
        pg.createDatabases("hindsight_incident", "hindsight_postmortem");
        suite = new SuiteProcesses(root, "soak-logs");
        Map<String, String> common = new HashMap<>(Map.of(
                "HINDSIGHT_KEYCLOAK_URL", KeycloakTokens.keycloakUrl(),
                "HINDSIGHT_DB_USER", OwnPostgres.USER,
                "HINDSIGHT_DB_PASSWORD", OwnPostgres.PASSWORD,
                "HINDSIGHT_INCIDENT_URL", incidents,
                "HINDSIGHT_POSTMORTEM_URL", postmortems,
                "HINDSIGHT_SEARCH_URL", search,
                "HINDSIGHT_SEARCH_CLIENT_SECRET", "hindsight-search-local-secret",
                "HINDSIGHT_UI_CLIENT_SECRET", "hindsight-ui-local-demo-secret-not-for-production"));
        common.put("HINDSIGHT_INCIDENT_DB_URL", pg.jdbcUrl("hindsight_incident"));
        common.put("HINDSIGHT_POSTMORTEM_DB_URL", pg.jdbcUrl("hindsight_postmortem"));
        suite.start("incident-service", INCIDENT_PORT, common);
        suite.start("postmortem-service", POSTMORTEM_PORT, common);
        suite.start("search-service", SEARCH_PORT, common,
                "-Dhindsight.search.index-path=" + root.resolve("e2e/target/soak-search-index-" + UUID.randomUUID()),
                "-Dhindsight.search.poll-interval=0.2s");
        suite.start("ui", UI_PORT, common);
        KeycloakAdmin.allowUiAt(ui);
        suite.awaitReady(Duration.ofSeconds(300), 1, "incident-service", "postmortem-service", "search-service", "ui");
    }

    @AfterAll
    static void stopOwnSuite() throws Exception {
        if (alertmanager != null) {
            alertmanager.close();
        }
        if (suite != null) {
            suite.close();
        }
        if (pg != null) {
            pg.close();
        }
    }

    @Test
    void anOutageDayLosesNothingAndNothingGetsStuck() throws Exception {
        String run = Long.toString(Math.abs(SEED) % 1_000_000, 36);
        Random random = new Random(SEED);
        long durationNanos = (long) (MINUTES * 60e9);
        // the workload's arrivals on a scheduler of their own that never blocks (asynchronous sends only), so that no
        // slow answer delays the next arrival; viewers (the UI's page loads block), Alertmanager and the pool watch on another
        ScheduledExecutorService scheduler = daemons("soak-load", 4);
        ScheduledExecutorService aux = daemons("soak-aux", 8);
        List<String> findings = new ArrayList<>();

        // the war rooms, and the browsers of the UI viewers signed in (before any load, so that the clock starts with it)
        List<UiSession> browsers = new ArrayList<>();
        for (int i = 0; i < UI_VIEWERS; i++) {
            browsers.add(UiSession.signIn(ui, "responder", "/"));
        }
        List<Long> warRooms = new ArrayList<>();
        for (int i = 0; i < WAR_ROOMS; i++) {
            Http.Answer a = Http.postJson(incidents + "/api/incidents", KeycloakTokens.user("responder"), Map.of(
                    "title", "Soak " + run + " war room " + i + ": checkout 502s", "symptom", "Checkout answers 502 for EU users",
                    "service", "checkout"), Duration.ofSeconds(10));
            assertTrue(a.status() == 201, () -> "declaring war room " + a);
            warRooms.add(a.json().get("id").asLong());
        }
        SoakLedger ledger = new SoakLedger();
        SoakViewers viewers = new SoakViewers(ledger, aux, incidents, ui);
        for (int i = 0; i < API_VIEWERS; i++) {
            viewers.startApiViewer("api-" + i, warRooms.get(i % WAR_ROOMS));
        }
        for (int i = 0; i < UI_VIEWERS; i++) {
            viewers.startUiViewer("ui-" + i, warRooms.get(i % WAR_ROOMS), browsers.get(i));
        }
        SoakWorkload work = new SoakWorkload(ledger, scheduler, run, incidents, postmortems, search, warRooms,
                RunningSuite.root().resolve("incident-service/src/test/resources/alertmanager")); // = /work/shared/fixtures/alertmanager
        long started = System.nanoTime();
        work.start(SCALE, 3);
        if (SoakAlertmanager.installed()) {
            alertmanager = new SoakAlertmanager(RunningSuite.root().resolve("e2e/target/soak-alertmanager"), ALERTMANAGER_PORT, incidents, run);
            alertmanager.start(ledger, aux);
        } else {
            findings.add("NOTE (not a failure): no Alertmanager at " + SoakAlertmanager.BINARY + "; only the webhook fixtures were posted");
        }
        PoolWatch pool = new PoolWatch(ledger);
        aux.scheduleAtFixedRate(pool::sample, 1, 2, TimeUnit.SECONDS);

        // one kill -9 of each service at a random moment of the first 10-45% of the run, restarted on the same data
        List<Thread> killers = new ArrayList<>();
        Map<String, Long> killAt = new LinkedHashMap<>();
        for (String s : SERVICES) {
            killAt.put(s, (long) (durationNanos * (0.10 + 0.35 * random.nextDouble())));
        }
        killAt.forEach((s, at) -> {
            Thread t = new Thread(() -> killAndRestart(ledger, s, started + at), "soak-kill-" + s);
            t.setDaemon(true);
            t.start();
            killers.add(t);
        });

        // RSS: after every restart has settled (at 60% of the run), and at the end
        Map<String, Long> rssBase = new LinkedHashMap<>();
        sleepUntil(started + (long) (durationNanos * 0.6));
        for (String s : SERVICES) {
            rssBase.put(s, rssOrZero(s));
        }
        sleepUntil(started + durationNanos);
        Map<String, Long> rssEnd = new LinkedHashMap<>();
        for (String s : SERVICES) {
            rssEnd.put(s, rssOrZero(s));
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        work.stop();
        if (alertmanager != null) {
            alertmanager.stopStorm();
        }
        for (Thread t : killers) {
            t.join(300_000);
        }

        // streams hold no connection: the workload has stopped, the viewers are still connected
        Thread.sleep(3000);
        int streamsAtRest = viewers.openStreams();
        PoolWatch.Reading atRest = pool.read("incident-service");
        viewers.stop();
        Thread.sleep(11_000); // every request still out has answered or timed out (10 s)

        // -- checks ---------------------------------------------------------------------------------------------
        for (SoakLedger.Kill k : ledger.kills()) {
            if (k.readyNanos == 0) {
                findings.add(k.service + ", killed at t=" + String.format("%.1f", ledger.t(k.killedNanos)) + "s, was not ready again within "
                        + RESTART_BOUND.toSeconds() + " s (" + k.failure + ")");
            }
        }
        ledger.unexcusedFailures().forEach((op, l) -> findings.add("5xx or no answer outside a restart window: " + op + ": " + l));
        ledger.unexpectedRefusals().forEach((op, l) -> findings.add("4xx to a valid request: " + op + ": " + l));
        SoakChecks.writes(work, findings);
        SoakChecks.alerts(work, alertmanager, findings);
        SoakChecks.index(findings);
        SoakViewers.Latency api = viewers.latency(toUpdates(work), false);
        SoakViewers.Latency viaUi = viewers.latency(toUpdates(work), true);
        if (api.pairs() == 0 && API_VIEWERS > 0) {
            findings.add("no acknowledged status update was watched by an API viewer: " + work.updates.size() + " updates acknowledged, "
                    + ledger.count(x -> x.op().equals("viewer-connect") && x.status() == 200 && x.service().equals("incident-service"))
                    + " API streams opened (of " + ledger.count(x -> x.op().equals("viewer-connect") && x.service().equals("incident-service"))
                    + " attempts)");
        } else if (api.p99Ms() > 1000) {
            findings.add(String.format("update -> API viewer p99 %s > 1000 ms (%d of %d pairs never seen while the stream stayed open);"
                    + " worst: %s", SoakViewers.ms(api.p99Ms()), api.missed(), api.pairs(), api.worst()));
        }
        if (viaUi.pairs() > 0 && viaUi.p99Ms() > 1000) {
            findings.add(String.format("update -> UI viewer p99 %s > 1000 ms (%d of %d pairs never seen); worst: %s",
                    SoakViewers.ms(viaUi.p99Ms()), viaUi.missed(), viaUi.pairs(), viaUi.worst()));
        }
        pool.check(findings, atRest, streamsAtRest);
        StringBuilder memory = new StringBuilder();
        for (String s : SERVICES) {
            long b = rssBase.get(s);
            long e = rssEnd.get(s);
            memory.append(String.format("%-19s VmRSS at 60%% %7d kB, at the end %7d kB (%+.1f%%)%n", s, b, e, b == 0 ? 0 : 100.0 * (e - b) / b));
            if (MINUTES >= 5 && b > 0 && e > b * 1.10) {
                findings.add(s + " RSS grew more than 10% over the last 40% of the run: " + b + " kB -> " + e + " kB");
            }
        }
        if (MINUTES < 5) {
            memory.append("(RSS growth is asserted on runs of 5 minutes or more; reported here)\n");
        }

        System.out.println("FIGURES soak (" + MINUTES + " min, seed " + SEED + ", scale " + SCALE + ", " + API_VIEWERS + " API + "
                + UI_VIEWERS + " UI viewers on " + WAR_ROOMS + " war rooms):\n" + ledger.table(seconds) + "\n" + ledger.killTable()
                + "\nupdate -> viewer (from the responder's POST to the first snapshot that shows it):\n"
                + SoakViewers.format("API viewers", api) + SoakViewers.format("UI viewers", viaUi)
                + "\n" + pool.summary(atRest, streamsAtRest) + "\n" + memory
                + String.format("%nwrites acknowledged: %d declares, %d status updates, %d post-mortem drafts (%d saves), %d alert fingerprints;%n",
                        work.declared.size(), work.updates.size(), work.drafts.size(), work.drafts.stream().mapToInt(d -> d.saves).sum(),
                        work.alertIncidents.size())
                + (alertmanager == null ? "" : "Alertmanager: " + alertmanager.services.size() + " alert groups; " + alertmanager.notifications() + "\n")
                + (findings.isEmpty() ? "no findings" : "FINDINGS:\n - " + String.join("\n - ", findings)));
        scheduler.shutdownNow();
        aux.shutdownNow();
        List<String> failures = findings.stream().filter(f -> !f.startsWith("NOTE")).toList();
        assertTrue(failures.isEmpty(), () -> failures.size() + " soak findings (seed " + SEED + "):\n - " + String.join("\n - ", failures));
    }

    private static ScheduledExecutorService daemons(String name, int threads) {
        return Executors.newScheduledThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private static void killAndRestart(SoakLedger ledger, String service, long atNanos) {
        sleepUntil(atNanos);
        SoakLedger.Kill kill = null;
        try {
            kill = ledger.killed(service);
            suite.kill9(service);
            suite.restart(service);
            suite.awaitReady(RESTART_BOUND, 1, service);
            kill.readyNanos = System.nanoTime();
        } catch (Exception | Error e) {
            if (kill != null) {
                kill.failure = "restart failed: " + String.valueOf(e.getMessage()).lines().findFirst().orElse("")
                        + readiness(suite.get(service).url());
            }
        }
    }

    /** The readiness answer, its checks' data on one line (what a service waits for when it is not ready). */
    private static String readiness(String url) {
        Http.Answer r = Http.send(HttpRequest.newBuilder(URI.create(url + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build());
        return "; readiness now " + r.status() + " " + SoakLedger.brief(r.body().replaceAll("\\s+", " "));
    }

    private static List<SoakViewers.Update> toUpdates(SoakWorkload work) {
        return work.updates.stream().map(u -> new SoakViewers.Update(u.incidentId(), u.seq(), u.sentNanos(), u.ackNanos())).toList();
    }

    private static long rssOrZero(String service) {
        try {
            return suite.rssKb(service);
        } catch (Exception e) {
            return 0; // not running (being restarted)
        }
    }

    private static void sleepUntil(long nanos) {
        long wait = nanos - System.nanoTime();
        if (wait > 0) {
            try {
                Thread.sleep(wait / 1_000_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
