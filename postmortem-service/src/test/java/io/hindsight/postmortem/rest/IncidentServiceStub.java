package io.hindsight.postmortem.rest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for incident-service answering with the documented contract (BRIEF: incident JSON and
 * /timeline), on a real socket; it records the Authorization headers it receives.
 */
public class IncidentServiceStub implements QuarkusTestResourceLifecycleManager {

    static final List<String> AUTHORIZATIONS = new CopyOnWriteArrayList<>();

    static final String INCIDENT = """
            {"id": 42, "title": "Checkout latency", "symptom": "p99 latency above 5 s on checkout", "services": ["checkout", "postgres"],
             "labels": {"team": "payments"}, "drill": false, "status": "RESOLVED", "statusLabel": "Resolved", "phase": "VERIFY",
             "priority": "P1", "triage": null,
             "impactStartedAt": "2026-03-01T09:45:00Z", "detectedAt": "2026-03-01T09:47:00Z", "acknowledgedAt": "2026-03-01T09:48:00Z",
             "mitigatedAt": "2026-03-01T10:00:00Z", "resolvedAt": "2026-03-01T10:30:00Z",
             "commander": "alice", "commsLead": null, "responders": ["alice", "bob"], "nextUpdateDue": null, "overdue": false,
             "redFlags": [],
             "hypotheses": [{"id": 1, "statement": "N+1 query in 2.4.1", "prediction": "pg_stat_activity shows the same query", "outcome": "CONFIRMED"},
                            {"id": 2, "statement": "Cache eviction", "prediction": "hit rate drops", "outcome": "RULED_OUT"}],
             "changes": [{"id": 1, "description": "Roll back to 2.4.0", "hypothesisId": 1, "revertPlan": "redeploy 2.4.1",
                          "outcome": "IMPROVED", "appliedAt": "2026-03-01T09:58:00Z"}],
             "statusUpdates": [{"postedAt": "2026-03-01T09:50:00Z", "status": "INVESTIGATING", "nextUpdateAt": "2026-03-01T10:20:00Z"}],
             "declaredBy": "alertmanager", "createdAt": "2026-03-01T09:47:00Z", "updatedAt": "2026-03-01T10:30:00Z", "version": 9}
            """;

    static final String TIMELINE = """
            {"events": [
              {"at": "2026-03-01T09:47:00Z", "actor": "alertmanager", "type": "DECLARED", "summary": "Incident declared from alert"},
              {"at": "2026-03-01T09:58:00Z", "actor": "alice", "type": "CHANGE", "summary": "Roll back to 2.4.0"},
              {"at": "2026-03-01T10:30:00Z", "actor": "alice", "type": "STATUS", "summary": "Resolved"}]}
            """;

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/api/incidents/", this::handle);
        server.start();
        return Map.of("quarkus.rest-client.incident-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void handle(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        AUTHORIZATIONS.add(auth == null ? "" : auth);
        String path = ex.getRequestURI().getPath();
        int status;
        String body;
        if (auth == null || !auth.startsWith("Bearer ey")) {
            status = 401;
            body = "{}";
        } else if (path.equals("/api/incidents/42")) {
            status = 200;
            body = INCIDENT;
        } else if (path.equals("/api/incidents/42/timeline")) {
            status = 200;
            body = TIMELINE;
        } else if (path.startsWith("/api/incidents/500")) {
            status = 500;
            body = "{}";
        } else {
            status = 404;
            body = "{\"title\":\"Not Found\",\"status\":404}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", status == 200 ? "application/json" : "application/problem+json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
