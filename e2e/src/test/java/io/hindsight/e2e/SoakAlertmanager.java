package io.hindsight.e2e;

import io.hindsight.testsupport.KeycloakTokens;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real Prometheus Alertmanager (0.25, {@code /usr/bin/prometheus-alertmanager}) on loopback, no cluster, feeding
 * incident-service's webhook with a runbook token (the config is rewritten and reloaded every minute, before the token
 * expires); the storm posts a batch of alerts to it every 2 s: one new alert group and the last five again. Alertmanager
 * retries a failed notification on the group's next flush, so after incident-service's kill every group still ends as
 * exactly one incident ({@code group_by} alertname and service; the same fingerprint attaches).
 */
final class SoakAlertmanager implements AutoCloseable {

    static final Path BINARY = Path.of(System.getProperty("hindsight.soak.alertmanager", "/usr/bin/prometheus-alertmanager"));

    private final Path dir;
    private final int port;
    private final String webhook;
    private final String run;
    private Process process;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger groups = new AtomicInteger();
    /** The service label of every alert group sent to Alertmanager (each must end as one incident). */
    final List<String> services = new CopyOnWriteArrayList<>();

    SoakAlertmanager(Path dir, int port, String incidents, String run) {
        this.dir = dir;
        this.port = port;
        this.webhook = incidents + "/api/alerts/alertmanager";
        this.run = run;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    void start(SoakLedger ledger, ScheduledExecutorService scheduler) throws Exception {
        Files.createDirectories(dir);
        writeConfig();
        process = new ProcessBuilder(BINARY.toString(), "--config.file=" + dir.resolve("alertmanager.yml"),
                "--storage.path=" + dir.resolve("data"), "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=")
                .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile()).start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (Http.send(HttpRequest.newBuilder(URI.create(url() + "/-/ready")).timeout(Duration.ofSeconds(2)).build()).status() != 200) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("Alertmanager did not start:\n" + SuiteProcesses.tail(dir.resolve("alertmanager.log")));
            }
            Thread.sleep(200);
        }
        scheduler.scheduleAtFixedRate(() -> {
            try {
                writeConfig();
                Http.Answer a = Http.send(HttpRequest.newBuilder(URI.create(url() + "/-/reload")).timeout(Duration.ofSeconds(5))
                        .POST(HttpRequest.BodyPublishers.noBody()).build());
                if (a.status() != 200) {
                    ledger.record("alertmanager-reload", "alertmanager", System.nanoTime(), a.status(), a.body());
                }
            } catch (Exception e) {
                ledger.record("alertmanager-reload", "alertmanager", System.nanoTime(), -1, e.toString());
            }
        }, 60, 60, TimeUnit.SECONDS);
        scheduler.scheduleAtFixedRate(() -> storm(ledger), 0, 2, TimeUnit.SECONDS);
    }

    private void writeConfig() throws Exception {
        Path tmp = dir.resolve("alertmanager.yml.tmp");
        Files.writeString(tmp, """
                route:
                  receiver: hindsight
                  group_by: ['alertname', 'service']
                  group_wait: 0s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: hindsight
                    webhook_configs:
                      - url: %s
                        send_resolved: true
                        http_config:
                          authorization:
                            credentials: %s
                """.formatted(webhook, KeycloakTokens.runbook()));
        Files.move(tmp, dir.resolve("alertmanager.yml"), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** One new alert group and the last five again, posted to Alertmanager's API. */
    private void storm(SoakLedger ledger) {
        if (stopping.get()) {
            return;
        }
        int n = groups.getAndIncrement();
        services.add(service(n));
        StringBuilder batch = new StringBuilder("[");
        for (int g = Math.max(0, n - 5); g <= n; g++) {
            if (batch.length() > 1) {
                batch.append(',');
            }
            batch.append("{\"labels\":{\"alertname\":\"SoakLatency\",\"service\":\"").append(service(g))
                    .append("\",\"severity\":\"critical\"},\"annotations\":{\"summary\":\"p99 above 2s on ").append(service(g)).append("\"}}");
        }
        batch.append(']');
        long due = System.nanoTime();
        Http.Answer a = Http.send(HttpRequest.newBuilder(URI.create(url() + "/api/v2/alerts")).timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(batch.toString())).build());
        ledger.record("alertmanager-post", "alertmanager", due, a.status(), a.status() == 200 ? null : a.body());
    }

    private String service(int n) {
        return "soak-" + run + "-am-" + n;
    }

    void stopStorm() {
        stopping.set(true);
    }

    /** Alertmanager's own count of webhook notifications and of failed ones (from its /metrics). */
    String notifications() {
        Http.Answer m = Http.send(HttpRequest.newBuilder(URI.create(url() + "/metrics")).timeout(Duration.ofSeconds(5)).build());
        if (m.status() != 200) {
            return "(no metrics: " + m + ")";
        }
        StringBuilder sb = new StringBuilder();
        m.body().lines().filter(l -> (l.startsWith("alertmanager_notifications_total") || l.startsWith("alertmanager_notifications_failed_total"))
                && l.contains("webhook")).forEach(l -> sb.append(l.replaceAll("\\{.*}", "")).append("; "));
        return sb.toString();
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
