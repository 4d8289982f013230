package io.hindsight.e2e;

import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The database pools of incident-service and postmortem-service during the soak, from their {@code /q/metrics}
 * agroal gauges ({@code agroal_active_count}: connections handed out, {@code agroal_awaiting_count}: callers
 * waiting for one), every 2 s. Bounded means: never exhausted (all {@link SoakTest#POOL_SIZE} in use with callers
 * waiting) on two samples in a row outside a restart window, and with the workload stopped but every viewer still
 * connected, incident-service has at most 2 in use (a live stream holds none). Services that do not export the gauges
 * are reported, and that check is skipped.
 */
final class PoolWatch {

    record Reading(boolean present, double active, double awaiting, String raw) {
    }

    private static final List<String> WATCHED = List.of("incident-service", "postmortem-service");
    private final SoakLedger ledger;
    private final Map<String, Double> maxActive = new ConcurrentHashMap<>();
    private final Map<String, Double> maxAwaiting = new ConcurrentHashMap<>();
    private final Map<String, Integer> exhaustedInARow = new ConcurrentHashMap<>();
    private final Map<String, String> exhausted = new ConcurrentHashMap<>();
    private final Map<String, Boolean> seen = new ConcurrentHashMap<>();

    PoolWatch(SoakLedger ledger) {
        this.ledger = ledger;
    }

    static Reading scrape(String url) {
        Http.Answer m = Http.send(HttpRequest.newBuilder(URI.create(url + "/q/metrics")).timeout(Duration.ofSeconds(5)).build());
        if (m.status() != 200) {
            return new Reading(false, 0, 0, m.toString());
        }
        double active = 0;
        double awaiting = 0;
        boolean present = false;
        for (String line : m.body().lines().toList()) {
            if (line.startsWith("agroal_active_count")) {
                active += value(line);
                present = true;
            } else if (line.startsWith("agroal_awaiting_count")) {
                awaiting += value(line);
            }
        }
        return new Reading(present, active, awaiting, present ? "" : "no agroal_active_count in /q/metrics");
    }

    Reading read(String module) {
        return scrape(url(module));
    }

    private static String url(String module) {
        return module.equals("incident-service") ? SoakTest.incidents : SoakTest.postmortems;
    }

    private static double value(String line) {
        try {
            return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    void sample() {
        for (String module : WATCHED) {
            long now = System.nanoTime();
            Reading r = scrape(url(module));
            if (!r.present()) {
                seen.putIfAbsent(module, false);
                continue;
            }
            seen.put(module, true);
            maxActive.merge(module, r.active(), Math::max);
            maxAwaiting.merge(module, r.awaiting(), Math::max);
            boolean full = r.active() >= SoakTest.POOL_SIZE && r.awaiting() > 0 && !ledger.excused(module, now, now);
            int inARow = full ? exhaustedInARow.merge(module, 1, Integer::sum) : 0;
            if (!full) {
                exhaustedInARow.put(module, 0);
            }
            if (inARow >= 2) {
                exhausted.putIfAbsent(module, String.format("t=%.0fs %s: %.0f of %d connections in use, %.0f callers waiting",
                        (now - ledger.startNanos) / 1e9, module, r.active(), SoakTest.POOL_SIZE, r.awaiting()));
            }
        }
    }

    void check(List<String> findings, Reading incidentAtRest, int streamsAtRest) {
        for (String module : WATCHED) {
            if (!Boolean.TRUE.equals(seen.get(module))) {
                findings.add("NOTE (check skipped): " + module + " exports no agroal pool gauges in /q/metrics"
                        + " (quarkus.datasource.metrics.enabled); DB pool use not asserted for it");
            }
        }
        exhausted.values().forEach(e -> findings.add("DB pool exhausted for 4 s or more outside a restart window: " + e));
        if (incidentAtRest.present() && incidentAtRest.active() > 2) {
            findings.add(String.format("incident-service holds %.0f DB connections with the workload stopped and %d live streams open:"
                    + " live streams hold connections", incidentAtRest.active(), streamsAtRest));
        }
    }

    String summary(Reading incidentAtRest, int streamsAtRest) {
        StringBuilder sb = new StringBuilder("DB pool (max " + SoakTest.POOL_SIZE + "): ");
        for (String module : WATCHED) {
            sb.append(module).append(Boolean.TRUE.equals(seen.get(module))
                    ? String.format(" max in use %.0f, max waiting %.0f; ", maxActive.get(module), maxAwaiting.get(module))
                    : " no agroal gauges; ");
        }
        sb.append(incidentAtRest.present() ? String.format("incident-service at rest with %d streams open: %.0f in use", streamsAtRest,
                incidentAtRest.active()) : "at rest: " + streamsAtRest + " streams open, pool not exported");
        return sb.append('\n').toString();
    }
}
