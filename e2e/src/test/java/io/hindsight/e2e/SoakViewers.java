package io.hindsight.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import io.hindsight.testsupport.KeycloakTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * War-room viewers that behave like browsers: each opens the live stream of one incident, keeps it open for a random
 * 2-15 s, drops it and opens it again (a page reload: every form post in the war room reloads the page); a stream the
 * server ends is reopened after 1-3 s, as EventSource does. API viewers read incident-service's
 * {@code /api/incidents/{id}/live} with a responder token and see an update when a snapshot's {@code statusUpdates}
 * reach its seq; UI viewers load the war-room page and read the ui's {@code /incidents/{id}/live} with a signed-in
 * session, seeing an update when the re-rendered timeline shows "Status update #seq". Every snapshot's arrival is kept
 * per stream session, so the update-to-viewer latency is computed afterwards for exactly the viewers that were
 * watching when the update was posted.
 */
final class SoakViewers {

    /** One opened stream: which incident, from its first event to its end, and the highest seq seen at each arrival. */
    static final class Session {
        final String viewer;
        final long incidentId;
        volatile long openNanos;
        volatile long closeNanos = Long.MAX_VALUE;
        final List<long[]> arrivals = new CopyOnWriteArrayList<>(); // {nanos, max seq}

        Session(String viewer, long incidentId) {
            this.viewer = viewer;
            this.incidentId = incidentId;
        }
    }

    /** An acknowledged status update: where, its seq, when it was sent and when its 201 arrived. */
    record Update(long incidentId, int seq, long sentNanos, long ackNanos) {
    }

    record Latency(int pairs, int missed, double p50Ms, double p99Ms, double maxMs, String worst) {
    }

    private static final Pattern UI_SEQ = Pattern.compile("Status update #(\\d+)");
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(3)).build();
    private final SoakLedger ledger;
    private final ScheduledExecutorService scheduler;
    private final String incidents;
    private final String ui;
    private final Map<Long, List<Session>> sessions = new ConcurrentHashMap<>();
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final List<Flow.Subscription> open = new CopyOnWriteArrayList<>();

    SoakViewers(SoakLedger ledger, ScheduledExecutorService scheduler, String incidents, String ui) {
        this.ledger = ledger;
        this.scheduler = scheduler;
        this.incidents = incidents;
        this.ui = ui;
    }

    void startApiViewer(String name, long incidentId) {
        scheduler.schedule(() -> connect(name, incidentId, null), ThreadLocalRandom.current().nextInt(2000), TimeUnit.MILLISECONDS);
    }

    void startUiViewer(String name, long incidentId, UiSession session) {
        scheduler.schedule(() -> connect(name, incidentId, session), ThreadLocalRandom.current().nextInt(2000), TimeUnit.MILLISECONDS);
    }

    /** Stops reconnecting and drops every open stream. */
    void stop() {
        stopping.set(true);
        open.forEach(Flow.Subscription::cancel);
    }

    int openStreams() {
        return open.size();
    }

    private void again(String name, long incidentId, UiSession session, long delayMs) {
        if (!stopping.get()) {
            scheduler.schedule(() -> connect(name, incidentId, session), delayMs, TimeUnit.MILLISECONDS);
        }
    }

    private void connect(String name, long incidentId, UiSession session) {
        if (stopping.get()) {
            return;
        }
        boolean viaUi = session != null;
        String service = viaUi ? "ui" : "incident-service";
        HttpClient http = viaUi ? session.client() : client;
        long due = System.nanoTime();
        if (viaUi) {
            // the war-room page first, as a browser loads it before its EventSource connects
            Http.Answer page = session.get("/incidents/" + incidentId, Duration.ofSeconds(10));
            if (page.status() == 200 && page.body().contains("kc-form-login")) {
                ledger.record("ui-warroom-page", service, due, 200, null);
                resignIn(name, incidentId, session);
                return;
            }
            ledger.record("ui-warroom-page", service, due, page.status(), page.status() == 200 ? null : page.body());
            if (page.status() != 200) {
                again(name, incidentId, session, 1000 + ThreadLocalRandom.current().nextInt(2000));
                return;
            }
            due = System.nanoTime();
        }
        String url = viaUi ? ui + "/incidents/" + incidentId + "/live" : incidents + "/api/incidents/" + incidentId + "/live";
        // HTTP/1.1 as a browser speaks to a plain-http server: one connection per stream, closed when the viewer leaves
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).version(HttpClient.Version.HTTP_1_1)
                .timeout(Duration.ofSeconds(10)).header("Accept", "text/event-stream");
        if (!viaUi) {
            request.header("Authorization", "Bearer " + KeycloakTokens.user("responder"));
        }
        Session s = new Session(name, incidentId);
        long connectDue = due;
        Stream stream = new Stream(s, viaUi, connectDue, service, name, session);
        http.sendAsync(request.build(), info -> {
            String type = info.headers().firstValue("Content-Type").orElse("");
            if (info.statusCode() == 200 && type.startsWith("text/event-stream")) {
                return HttpResponse.BodySubscribers.fromLineSubscriber(stream, x -> null, StandardCharsets.UTF_8, null);
            }
            return HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofString(StandardCharsets.UTF_8), body -> {
                if (viaUi && body.contains("kc-form-login")) {
                    ledger.record("viewer-connect", service, connectDue, 200, null);
                    scheduler.execute(() -> resignIn(name, incidentId, session));
                } else {
                    ledger.record("viewer-connect", service, connectDue, info.statusCode(), type + " " + body);
                    again(name, incidentId, session, 1000 + ThreadLocalRandom.current().nextInt(2000));
                }
                return null;
            });
        }).whenComplete((r, e) -> {
            if (e != null && !stream.subscribed) {
                ledger.record("viewer-connect", service, connectDue, -1, e.toString());
                again(name, incidentId, session, 1000 + ThreadLocalRandom.current().nextInt(2000));
            }
        });
    }

    private void resignIn(String name, long incidentId, UiSession session) {
        long due = System.nanoTime();
        try {
            session.signInAgain("responder", "/incidents");
            ledger.record("ui-sign-in-again", "ui", due, 200, null);
        } catch (Exception e) {
            ledger.record("ui-sign-in-again", "ui", due, -1, e.toString());
        }
        again(name, incidentId, session, 500);
    }

    /** The SSE parser of one stream: events are "event:"/"data:" lines ended by a blank line. */
    private final class Stream implements Flow.Subscriber<String> {
        final Session session;
        final boolean viaUi;
        final long due;
        final String service;
        final String name;
        final UiSession ui;
        volatile boolean subscribed;
        /** Set once by whichever ends the session first: the viewer's drop or the server's end of the stream. */
        final AtomicBoolean finished = new AtomicBoolean();
        volatile Flow.Subscription subscription;
        String event = "message";
        final StringBuilder data = new StringBuilder();

        Stream(Session session, boolean viaUi, long due, String service, String name, UiSession ui) {
            this.session = session;
            this.viaUi = viaUi;
            this.due = due;
            this.service = service;
            this.name = name;
            this.ui = ui;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscribed = true;
            subscription = s;
            open.add(s);
            // the viewer leaves after 2-15 s whether or not the server sent anything (a stuck stream is left too)
            scheduler.schedule(this::drop, 2000 + ThreadLocalRandom.current().nextInt(13_000), TimeUnit.MILLISECONDS);
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.isEmpty()) {
                if (data.length() > 0) {
                    dispatch(event, data.toString());
                }
                event = "message";
                data.setLength(0);
            } else if (line.startsWith("event:")) {
                event = line.substring(6).strip();
            } else if (line.startsWith("data:")) {
                data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5)).append('\n');
            }
        }

        private void dispatch(String name, String payload) {
            long now = System.nanoTime();
            long seq = -1;
            if (!viaUi) {
                try {
                    JsonNode v = Http.JSON.readTree(payload);
                    for (JsonNode u : v.path("statusUpdates")) {
                        seq = Math.max(seq, u.get("seq").asLong());
                    }
                } catch (Exception e) {
                    ledger.record("viewer-event", service, now, -1, "not a snapshot: " + payload);
                    return;
                }
            } else if (name.equals("timeline")) {
                Matcher m = UI_SEQ.matcher(payload);
                while (m.find()) {
                    seq = Math.max(seq, Long.parseLong(m.group(1)));
                }
            }
            if (session.openNanos == 0) {
                session.openNanos = now;
                sessions.computeIfAbsent(session.incidentId, k -> new CopyOnWriteArrayList<>()).add(session);
                ledger.record("viewer-connect", service, due, 200, null);
            }
            session.arrivals.add(new long[] {now, seq});
        }

        private void drop() {
            if (!finished.compareAndSet(false, true)) {
                return;
            }
            if (session.openNanos == 0 && !stopping.get()) {
                ledger.record("viewer-connect", service, due, -1, "no first snapshot within the viewer's stay ("
                        + (System.nanoTime() - due) / 1_000_000 + " ms, incident " + session.incidentId + ")");
            }
            session.closeNanos = Math.min(session.closeNanos, System.nanoTime());
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
                open.remove(s);
            }
            again(name, session.incidentId, ui, 0);
        }

        @Override
        public void onError(Throwable t) {
            ended("stream failed: " + t);
        }

        @Override
        public void onComplete() {
            ended("stream ended by the server");
        }

        private void ended(String why) {
            open.remove(subscription);
            if (stopping.get() || !finished.compareAndSet(false, true)) {
                return;
            }
            session.closeNanos = Math.min(session.closeNanos, System.nanoTime());
            long opened = session.openNanos == 0 ? due : session.openNanos;
            ledger.record("viewer-stream-cut", service, opened, -1,
                    why + " after " + (System.nanoTime() - opened) / 1_000_000 + " ms (incident " + session.incidentId + ")");
            again(name, session.incidentId, ui, 1000 + ThreadLocalRandom.current().nextInt(2000));
        }
    }

    /**
     * Update-to-viewer latency over every (acknowledged update, viewer session of its incident that was open before the
     * update was sent): the first arrival showing its seq, minus the send time (what the war room waits: the write and
     * the fan-out). A session that stayed open for 1 s after the 201 (the commit is certain by then) without showing it
     * is a miss (it counts as above every bound); one that closed sooner is left out.
     */
    Latency latency(List<Update> updates, boolean viaUi) {
        List<Long> micros = new ArrayList<>();
        int missed = 0;
        String worst = "";
        long worstMicros = -1;
        for (Update u : updates) {
            for (Session s : sessions.getOrDefault(u.incidentId(), List.of())) {
                if (s.viewer.startsWith("ui") != viaUi || s.openNanos == 0 || s.openNanos > u.sentNanos()) {
                    continue;
                }
                long seen = -1;
                for (long[] a : s.arrivals) {
                    if (a[1] >= u.seq() && a[0] >= u.sentNanos()) {
                        seen = a[0];
                        break;
                    }
                }
                long m;
                if (seen >= 0 && seen <= s.closeNanos) {
                    m = (seen - u.sentNanos()) / 1000;
                } else if (s.closeNanos - u.ackNanos() >= 1_000_000_000L) {
                    missed++;
                    m = Long.MAX_VALUE / 2;
                } else {
                    continue;
                }
                micros.add(m);
                if (m > worstMicros) {
                    worstMicros = m;
                    worst = "incident " + u.incidentId() + " update #" + u.seq() + " to " + s.viewer
                            + (m >= Long.MAX_VALUE / 2 ? " never seen though the stream stayed open " + (s.closeNanos == Long.MAX_VALUE
                            ? "to the end" : (s.closeNanos - u.ackNanos()) / 1_000_000 + " ms after the 201") : " after " + m / 1000 + " ms");
                }
            }
        }
        micros.sort(null);
        return new Latency(micros.size(), missed, SoakLedger.pct(micros, 0.50), SoakLedger.pct(micros, 0.99),
                micros.isEmpty() ? 0 : micros.get(micros.size() - 1) / 1000.0, worst);
    }

    static String format(String who, Latency l) {
        return String.format("%-22s %7d pairs %5d missed  p50 %8s  p99 %8s  max %8s  (worst: %s)%n", who, l.pairs(), l.missed(),
                ms(l.p50Ms()), ms(l.p99Ms()), ms(l.maxMs()), l.worst().isEmpty() ? "-" : l.worst());
    }

    static String ms(double v) {
        return v >= Long.MAX_VALUE / 2e6 ? "never" : String.format("%.1fms", v);
    }
}
