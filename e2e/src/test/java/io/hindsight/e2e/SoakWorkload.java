package io.hindsight.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hindsight.testsupport.KeycloakTokens;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The soak's writers and readers, at fixed arrival rates (open model: latency from when a request was due): responders
 * declaring incidents and posting status updates to the war rooms, leaders fetching trend reports, people searching as
 * they type (suggest and search with a growing prefix), the Alertmanager webhook fixtures posted directly; and
 * authors saving post-mortems (closed loop: each author saves, reads the answer, types, saves again). Every
 * acknowledged (2xx) write is kept, so that the end of the soak can check each one is still there.
 */
final class SoakWorkload {

    record Declared(long id, String title) {
    }

    record PostedUpdate(long incidentId, long updateId, int seq, String scope, long sentNanos, long ackNanos) {
    }

    /** One post-mortem an author worked on: the content of its last acknowledged save, and saves with no answer after it. */
    static final class Draft {
        final long id;
        volatile String lastSaved;
        final List<String> unknownAfter = new CopyOnWriteArrayList<>();
        volatile int saves;

        Draft(long id, String summary) {
            this.id = id;
            this.lastSaved = summary;
        }
    }

    static final String[] WORDS = {"timeout", "checkout", "database", "latency", "memory", "deploy", "rollback", "certificate",
            "kafka", "payments", "NullPointerException", "connection"};

    private final SoakLedger ledger;
    private final ScheduledExecutorService scheduler;
    private final String run;
    private final String incidents;
    private final String postmortems;
    private final String search;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger sequence = new AtomicInteger();
    private final List<Thread> authors = new ArrayList<>();
    final List<Long> warRooms;
    final List<Declared> declared = new CopyOnWriteArrayList<>();
    final List<PostedUpdate> updates = new CopyOnWriteArrayList<>();
    final List<Draft> drafts = new CopyOnWriteArrayList<>();
    /** Fingerprint of a directly posted alert -> the incidents its 2xx answers named (one expected). */
    final Map<String, Set<Long>> alertIncidents = new ConcurrentHashMap<>();
    private final String firing;
    private final String resolved;

    SoakWorkload(SoakLedger ledger, ScheduledExecutorService scheduler, String run, String incidents, String postmortems, String search,
                 List<Long> warRooms, Path fixtures) throws Exception {
        this.ledger = ledger;
        this.scheduler = scheduler;
        this.run = run;
        this.incidents = incidents;
        this.postmortems = postmortems;
        this.search = search;
        this.warRooms = warRooms;
        this.firing = Files.readString(fixtures.resolve("alertmanager-webhook.json"));
        this.resolved = Files.readString(fixtures.resolve("alertmanager-webhook-resolved.json"));
    }

    /** Starts every arrival stream at {@code scale} times its base rate, and {@code authorCount} authors. */
    void start(double scale, int authorCount) {
        every(2.0 * scale, this::statusUpdate);
        every(0.5 * scale, this::declare);
        every(0.5 * scale, this::report);
        every(4.0 * scale, this::keystroke);
        every(1.0 * scale, this::alertFixture);
        for (int i = 0; i < authorCount; i++) {
            Thread t = new Thread(this::author, "soak-author-" + i);
            t.setDaemon(true);
            t.start();
            authors.add(t);
        }
    }

    void stop() throws InterruptedException {
        stopping.set(true);
        for (Thread t : authors) {
            t.join(30_000);
        }
    }

    private void every(double perSecond, Runnable task) {
        long period = (long) (1_000_000 / perSecond);
        scheduler.scheduleAtFixedRate(() -> {
            if (!stopping.get()) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    ledger.record("driver-error", "soak", System.nanoTime(), -1, e.toString());
                }
            }
        }, ThreadLocalRandom.current().nextLong(period), period, TimeUnit.MICROSECONDS);
    }

    private void fire(String op, String service, HttpRequest request, Consumer<HttpResponse<String>> onOk) {
        long due = System.nanoTime();
        client.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((r, e) -> {
            if (e != null) {
                ledger.record(op, service, due, -1, e.toString());
                return;
            }
            boolean ok = r.statusCode() / 100 == 2;
            ledger.record(op, service, due, r.statusCode(), ok ? null : r.body());
            if (ok && onOk != null) {
                try {
                    onOk.accept(r);
                } catch (RuntimeException bad) {
                    ledger.record(op + "-answer", service, due, -1, "unreadable 2xx answer: " + bad + ": " + r.body());
                }
            }
        });
    }

    private void statusUpdate() {
        long incident = warRooms.get(ThreadLocalRandom.current().nextInt(warRooms.size()));
        String scope = "soak " + run + " update " + sequence.incrementAndGet() + ": EU checkout users";
        long sent = System.nanoTime();
        fire("status-update", "incident-service", json(incidents + "/api/incidents/" + incident + "/updates", KeycloakTokens.user("responder"),
                "{\"scope\":\"" + scope + "\",\"nextSteps\":[{\"action\":\"Roll back checkout\",\"etaMinutes\":10}]}"), r -> {
            JsonNode u = read(r.body());
            updates.add(new PostedUpdate(incident, u.get("id").asLong(), u.get("seq").asInt(), scope, sent, System.nanoTime()));
        });
    }

    private void declare() {
        int n = sequence.incrementAndGet();
        String word = WORDS[n % WORDS.length];
        String title = "Soak " + run + " incident " + n + ": " + word + " errors";
        fire("declare", "incident-service", json(incidents + "/api/incidents", KeycloakTokens.user("responder"),
                "{\"title\":\"" + title + "\",\"symptom\":\"Requests fail with " + word + " for some users\",\"service\":\"soak-" + word + "\"}"),
                r -> declared.add(new Declared(read(r.body()).get("id").asLong(), title)));
    }

    private static final String[] REPORTS = {"incidents?interval=week", "response-times", "repeats", "action-items", "status-updates"};

    private void report() {
        String path = REPORTS[ThreadLocalRandom.current().nextInt(REPORTS.length)];
        fire("report", "search-service", get(search + "/api/reports/" + path, KeycloakTokens.user("leader")), null);
    }

    private final AtomicInteger typed = new AtomicInteger();

    /** One keystroke of someone typing a word into the search box: suggest and search for the prefix typed so far. */
    private void keystroke() {
        int k = typed.getAndIncrement();
        int word = 0;
        int left = k;
        while (left >= WORDS[word % WORDS.length].length()) {
            left -= WORDS[word % WORDS.length].length();
            word++;
        }
        String prefix = WORDS[word % WORDS.length].substring(0, left + 1);
        String q = URLEncoder.encode(prefix, StandardCharsets.UTF_8);
        String token = KeycloakTokens.user(k % 2 == 0 ? "responder" : "author");
        fire("suggest", "search-service", get(search + "/api/search/suggest?q=" + q, token), null);
        fire("search", "search-service", get(search + "/api/search?q=" + q + "&facet=type,service", token), null);
    }

    private final AtomicInteger alerts = new AtomicInteger();

    /** The real webhook fixtures, firing then resolved, over 20 alerts of this run (fingerprint and service varied). */
    private void alertFixture() {
        int n = alerts.getAndIncrement();
        int alert = (n / 2) % 20;
        boolean fire = n % 2 == 0;
        String fingerprint = "soak" + run + "a" + alert;
        ObjectNode hook = (ObjectNode) read(fire ? firing : resolved);
        ObjectNode a = (ObjectNode) hook.get("alerts").get(0);
        a.put("fingerprint", fingerprint);
        ((ObjectNode) a.get("labels")).put("service", "soak-" + run + "-alert-" + alert);
        fire("alert-webhook", "incident-service", json(incidents + "/api/alerts/alertmanager", KeycloakTokens.runbook(), hook.toString()), r -> {
            for (JsonNode result : read(r.body()).path("results")) {
                if (result.hasNonNull("incidentId")) {
                    alertIncidents.computeIfAbsent(fingerprint, f -> ConcurrentHashMap.newKeySet()).add(result.get("incidentId").asLong());
                }
            }
        });
    }

    /** An author: starts a draft, saves it every 1-2 s with If-Match, a new draft after 8 saves; re-reads on no answer or 409. */
    private void author() {
        Draft draft = null;
        long version = 0;
        while (!stopping.get()) {
            String token = KeycloakTokens.user("author");
            if (draft == null) {
                String summary = "soak " + run + " draft " + sequence.incrementAndGet() + " started";
                long due = System.nanoTime();
                Http.Answer a = Http.postJson(postmortems + "/api/postmortems", token, Map.of("title", "Soak " + run + " post-mortem",
                        "summary", summary), Duration.ofSeconds(10));
                ledger.record("postmortem-create", "postmortem-service", due, a.status(), a.status() == 201 ? null : a.body());
                if (a.status() == 201) {
                    draft = new Draft(a.json().get("id").asLong(), summary);
                    version = a.json().get("version").asLong();
                    drafts.add(draft);
                } else {
                    pause(1000);
                    continue;
                }
            }
            pause(1000 + ThreadLocalRandom.current().nextInt(1000));
            String summary = "soak " + run + " draft " + draft.id + " save " + sequence.incrementAndGet();
            long due = System.nanoTime();
            Http.Answer a = Http.send(HttpRequest.newBuilder(URI.create(postmortems + "/api/postmortems/" + draft.id))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .header("If-Match", "\"" + version + "\"")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"title\":\"Soak " + run + " post-mortem\",\"summary\":\"" + summary
                            + "\",\"rootCause\":\"A " + WORDS[draft.saves % WORDS.length] + " regression\"}")).build());
            ledger.record("postmortem-save", "postmortem-service", due, a.status(), a.status() == 200 ? null : a.body());
            if (a.status() == 200) {
                draft.lastSaved = summary;
                draft.unknownAfter.clear();
                version = a.json().get("version").asLong();
                if (++draft.saves >= 8) {
                    draft = null;
                }
            } else {
                if (a.status() < 0 || a.status() >= 500) {
                    draft.unknownAfter.add(summary); // it may or may not have been written
                }
                Http.Answer current = Http.get(postmortems + "/api/postmortems/" + draft.id, token, Duration.ofSeconds(10));
                if (current.status() == 200) {
                    version = current.json().get("version").asLong();
                } else {
                    pause(1000);
                }
            }
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static JsonNode read(String body) {
        try {
            return Http.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static HttpRequest json(String url, String token, String body) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    static HttpRequest get(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).GET().build();
    }
}
