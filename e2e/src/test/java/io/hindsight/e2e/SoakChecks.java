package io.hindsight.e2e;

import static io.hindsight.e2e.SoakTest.incidents;
import static io.hindsight.e2e.SoakTest.postmortems;
import static io.hindsight.e2e.SoakTest.search;

import com.fasterxml.jackson.databind.JsonNode;
import io.hindsight.testsupport.KeycloakTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The soak's end checks: each adds what it finds to the list, so that one run reports every finding. */
final class SoakChecks {

    private SoakChecks() {
    }

    /** Every 2xx write is there at the end: declares, status updates (id, seq and text), the last save of each draft. */
    static void writes(SoakWorkload work, List<String> findings) {
        String token = KeycloakTokens.runbook();
        List<String> lost = new ArrayList<>();
        List<String> unverified = new ArrayList<>();
        for (SoakWorkload.Declared d : work.declared) {
            Http.Answer a = Http.get(incidents + "/api/incidents/" + d.id(), token, Duration.ofSeconds(10));
            if (a.status() < 0 || a.status() >= 500) {
                unverified.add("declared incident " + d.id() + ": " + SoakLedger.brief(a.toString()));
            } else if (a.status() != 200 || !d.title().equals(a.json().path("title").asText())) {
                lost.add("declared incident " + d.id() + " (" + d.title() + "): " + SoakLedger.brief(a.toString()));
            }
        }
        Set<Long> unreadable = new java.util.HashSet<>();
        Map<Long, Map<Long, JsonNode>> byIncident = new HashMap<>();
        for (SoakWorkload.PostedUpdate u : work.updates) {
            Map<Long, JsonNode> stored = byIncident.computeIfAbsent(u.incidentId(), id -> {
                Map<Long, JsonNode> m = new HashMap<>();
                Http.Answer a = Http.get(incidents + "/api/incidents/" + id + "/updates", token, Duration.ofSeconds(20));
                if (a.status() == 200) {
                    a.json().forEach(n -> m.put(n.get("id").asLong(), n));
                    Set<Integer> seqs = new TreeSet<>();
                    a.json().forEach(n -> {
                        if (!seqs.add(n.get("seq").asInt())) {
                            findings.add("incident " + id + " has two status updates with seq " + n.get("seq").asInt());
                        }
                    });
                } else {
                    unreadable.add(id);
                    unverified.add("status updates of incident " + id + ": " + SoakLedger.brief(a.toString()));
                }
                return m;
            });
            JsonNode n = stored.get(u.updateId());
            if (unreadable.contains(u.incidentId())) {
                continue;
            }
            if (n == null || n.get("seq").asInt() != u.seq() || !u.scope().equals(n.path("scope").asText())) {
                lost.add("status update " + u.updateId() + " #" + u.seq() + " of incident " + u.incidentId() + " (201): "
                        + (n == null ? "gone" : "now " + n));
            }
        }
        String author = KeycloakTokens.user("author");
        for (SoakWorkload.Draft d : work.drafts) {
            Http.Answer a = Http.get(postmortems + "/api/postmortems/" + d.id, author, Duration.ofSeconds(10));
            String summary = a.status() == 200 ? a.json().path("summary").asText() : null;
            if (a.status() < 0 || a.status() >= 500) {
                unverified.add("post-mortem " + d.id + ": " + SoakLedger.brief(a.toString()));
            } else if (summary == null || !(summary.equals(d.lastSaved) || d.unknownAfter.contains(summary))) {
                lost.add("post-mortem " + d.id + ": last acknowledged save \"" + d.lastSaved + "\", at the end " + (summary == null ? a : "\"" + summary + "\""));
            }
        }
        if (!lost.isEmpty()) {
            findings.add(lost.size() + " acknowledged writes lost or changed: " + lost.subList(0, Math.min(10, lost.size()))
                    + (lost.size() > 10 ? " ..." : ""));
        }
        if (!unverified.isEmpty()) {
            findings.add(unverified.size() + " reads of acknowledged writes failed at the end, so they could not be verified: "
                    + unverified.subList(0, Math.min(5, unverified.size())) + (unverified.size() > 5 ? " ..." : ""));
        }
    }

    /** Each directly posted alert fingerprint opened one incident; each Alertmanager group ends as one incident. */
    static void alerts(SoakWorkload work, SoakAlertmanager alertmanager, List<String> findings) throws InterruptedException {
        work.alertIncidents.forEach((fingerprint, ids) -> {
            if (ids.size() != 1) {
                findings.add("alert fingerprint " + fingerprint + " was answered with " + ids.size() + " different incidents: " + ids);
            }
        });
        if (alertmanager == null) {
            return;
        }
        List<String> wrong = new ArrayList<>();
        long deadline = System.nanoTime() + 30_000_000_000L;
        do {
            wrong.clear();
            Map<String, List<Long>> byService = new HashMap<>();
            String unreadable = allIncidents((id, services) -> services.forEach(sv -> byService.computeIfAbsent(sv, x -> new ArrayList<>()).add(id)));
            if (unreadable != null) {
                wrong.add("the incident list is unreadable, so the " + alertmanager.services.size() + " groups could not be checked: "
                        + SoakLedger.brief(unreadable));
            } else {
                for (String service : alertmanager.services) {
                    List<Long> ids = byService.getOrDefault(service, List.of());
                    if (ids.size() != 1) {
                        wrong.add(service + ": " + ids.size() + " incidents " + ids);
                    }
                }
            }
            if (!wrong.isEmpty()) {
                Thread.sleep(2000);
            }
        } while (!wrong.isEmpty() && System.nanoTime() < deadline);
        if (!wrong.isEmpty()) {
            findings.add((wrong.get(0).startsWith("the incident list") ? "" : wrong.size() + " of " + alertmanager.services.size() + " ")
                    + "Alertmanager alert groups are not exactly one incident 30 s after the storm: " + wrong.subList(0, Math.min(10, wrong.size())));
        }
    }

    /** Every incident (id, services), page by page; null when all were read, else the failing answer. */
    private static String allIncidents(java.util.function.BiConsumer<Long, List<String>> each) {
        String cursor = null;
        do {
            Http.Answer a = Http.get(incidents + "/api/incidents?limit=200" + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor,
                    StandardCharsets.UTF_8)), KeycloakTokens.runbook(), Duration.ofSeconds(10));
            if (a.status() != 200) {
                return a.toString();
            }
            for (JsonNode i : a.json().get("items")) {
                List<String> services = new ArrayList<>();
                i.path("services").forEach(x -> services.add(x.asText()));
                each.accept(i.get("id").asLong(), services);
            }
            cursor = a.json().path("nextCursor").isTextual() ? a.json().get("nextCursor").asText() : null;
        } while (cursor != null);
        return null;
    }

    /** The index holds exactly the live ids of both feeds, each once, within 60 s. */
    static void index(List<String> findings) throws InterruptedException {
        String admin = KeycloakTokens.user("admin");
        long deadline = System.nanoTime() + 60_000_000_000L;
        List<String> differences = new ArrayList<>();
        do {
            differences.clear();
            for (String type : List.of("incident", "postmortem")) {
                try {
                    List<String> source = IndexParity.sourceIds(type.equals("incident") ? incidents : postmortems, admin, type);
                    IndexParity.IndexPage index = IndexParity.indexIds(search, admin, type);
                    Set<String> missing = new TreeSet<>(source);
                    index.ids().forEach(missing::remove);
                    Set<String> extra = new TreeSet<>(index.ids());
                    source.forEach(extra::remove);
                    if (!missing.isEmpty() || !extra.isEmpty() || index.total() != index.distinct()) {
                        differences.add(type + ": " + source.size() + " at the source, " + index.total() + " in the index (" + index.distinct()
                                + " distinct); missing from the index " + head(missing) + ", in the index but not the source " + head(extra));
                    }
                } catch (AssertionError | RuntimeException e) {
                    differences.add(type + ": " + SoakLedger.brief(e.getMessage()));
                }
            }
            if (!differences.isEmpty()) {
                Thread.sleep(1000);
            }
        } while (!differences.isEmpty() && System.nanoTime() < deadline);
        if (!differences.isEmpty()) {
            Http.Answer status = Http.get(search + "/api/admin/index/rebuild", admin, Duration.ofSeconds(10));
            Http.Answer ready = Http.send(HttpRequest.newBuilder(URI.create(search + "/q/health/ready")).timeout(Duration.ofSeconds(5)).build());
            findings.add("the index is not equal to the sources 60 s after the run: " + differences + "; index status "
                    + SoakLedger.brief(status.body(), 800) + "; search readiness " + ready.status() + " " + SoakLedger.brief(ready.body().replaceAll("\\s+", " "), 800));
        }
    }

    private static String head(Set<String> ids) {
        List<String> l = new ArrayList<>(ids);
        return l.size() <= 8 ? l.toString() : l.subList(0, 8) + " and " + (l.size() - 8) + " more";
    }
}
