package io.hindsight.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.testsupport.KeycloakTokens;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The API of the three services as a table: every HTTP operation and the identities allowed to call it. The
 * role-matrix test checks the services against it and against their own {@code /q/openapi}, so an operation
 * added to a service without a row here fails the build. The hostile-input properties take their operations
 * (and an allowed identity for each) from here too.
 */
final class ApiOperations {

    /** Who calls: no token, the demo users, the runbook and search-service service accounts. */
    enum Who {
        NONE, RESPONDER, AUTHOR, LEADER, RUNBOOK, ADMIN, INDEXER;

        String token() {
            return switch (this) {
                case NONE -> null;
                case RUNBOOK -> KeycloakTokens.runbook();
                case INDEXER -> KeycloakTokens.serviceAccount("hindsight-search", "hindsight-search-local-secret");
                default -> KeycloakTokens.user(name().toLowerCase(Locale.ROOT));
            };
        }
    }

    record Op(String service, String method, String path, Set<Who> allowed) {
        String key() {
            return service + " " + method + " " + path;
        }

        /** The least powerful allowed identity: admin only if nobody else may. */
        Who caller() {
            for (Who w : List.of(Who.RESPONDER, Who.AUTHOR, Who.LEADER, Who.RUNBOOK, Who.INDEXER)) {
                if (allowed.contains(w)) {
                    return w;
                }
            }
            return Who.ADMIN;
        }

        String baseUrl() {
            return ApiOperations.baseUrl(service);
        }

        @Override
        public String toString() {
            return key();
        }
    }

    static final String INCIDENT = "incident-service";
    static final String POSTMORTEM = "postmortem-service";
    static final String SEARCH = "search-service";
    static final List<String> SERVICES = List.of(INCIDENT, POSTMORTEM, SEARCH);

    private static final Set<Who> READERS = EnumSet.of(Who.RESPONDER, Who.AUTHOR, Who.LEADER, Who.RUNBOOK, Who.ADMIN);
    /** People who may read but not write: the readers without the runbook (e.g. Markdown preview). */
    private static final Set<Who> PEOPLE = EnumSet.of(Who.RESPONDER, Who.AUTHOR, Who.LEADER, Who.ADMIN);
    /** Writes a runbook may make too: declare, status updates (not moving the status), timeline notes, triage preview. */
    private static final Set<Who> INCIDENT_WRITERS = EnumSet.of(Who.RESPONDER, Who.RUNBOOK, Who.ADMIN);
    private static final Set<Who> RESPONDERS = EnumSet.of(Who.RESPONDER, Who.ADMIN);
    private static final Set<Who> ALERT_SENDERS = EnumSet.of(Who.RUNBOOK, Who.ADMIN);
    private static final Set<Who> AUTHORS = EnumSet.of(Who.AUTHOR, Who.ADMIN);
    private static final Set<Who> LEADERS = EnumSet.of(Who.LEADER, Who.ADMIN);
    private static final Set<Who> ADMIN = EnumSet.of(Who.ADMIN);
    private static final Set<Who> FEED_READERS = EnumSet.of(Who.INDEXER, Who.ADMIN);

    /** The expected access of every operation (README, "Roles"). */
    static final List<Op> TABLE = List.of(
            // incident-service
            op(INCIDENT, "POST", "/api/incidents", INCIDENT_WRITERS),
            op(INCIDENT, "GET", "/api/incidents", READERS),
            op(INCIDENT, "GET", "/api/incidents/{id}", READERS),
            op(INCIDENT, "PATCH", "/api/incidents/{id}", RESPONDERS),
            op(INCIDENT, "POST", "/api/incidents/{id}/triage", RESPONDERS),
            op(INCIDENT, "GET", "/api/incidents/{id}/triage", READERS),
            op(INCIDENT, "POST", "/api/incidents/{id}/triage/override", RESPONDERS),
            op(INCIDENT, "POST", "/api/incidents/{id}/transitions", RESPONDERS),
            op(INCIDENT, "POST", "/api/incidents/{id}/phase", RESPONDERS),
            op(INCIDENT, "POST", "/api/incidents/{id}/acknowledge", RESPONDERS),
            op(INCIDENT, "POST", "/api/incidents/{id}/mitigate", RESPONDERS),
            op(INCIDENT, "POST", "/api/incidents/{id}/timestamp-corrections", RESPONDERS),
            op(INCIDENT, "PUT", "/api/incidents/{id}/roles", RESPONDERS),
            op(INCIDENT, "POST", "/api/incidents/{id}/updates", INCIDENT_WRITERS),
            op(INCIDENT, "GET", "/api/incidents/{id}/updates", READERS),
            op(INCIDENT, "POST", "/api/incidents/{id}/hypotheses", RESPONDERS),
            op(INCIDENT, "POST", "/api/incidents/{id}/hypotheses/{hid}/outcome", RESPONDERS),
            op(INCIDENT, "POST", "/api/incidents/{id}/changes", RESPONDERS),
            op(INCIDENT, "POST", "/api/incidents/{id}/changes/{cid}/outcome", RESPONDERS),
            op(INCIDENT, "POST", "/api/incidents/{id}/containment", RESPONDERS),
            op(INCIDENT, "PUT", "/api/incidents/{id}/fix-checklist", RESPONDERS),
            op(INCIDENT, "GET", "/api/incidents/{id}/timeline", READERS),
            op(INCIDENT, "POST", "/api/incidents/{id}/timeline", INCIDENT_WRITERS),
            op(INCIDENT, "GET", "/api/incidents/{id}/live", READERS),
            op(INCIDENT, "GET", "/api/incidents/live", READERS),
            op(INCIDENT, "POST", "/api/triage/preview", INCIDENT_WRITERS),
            op(INCIDENT, "POST", "/api/alerts/alertmanager", ALERT_SENDERS),
            op(INCIDENT, "POST", "/api/alerts/pagerduty", ALERT_SENDERS),
            op(INCIDENT, "GET", "/api/changes", FEED_READERS),
            // postmortem-service
            op(POSTMORTEM, "POST", "/api/postmortems", AUTHORS),
            op(POSTMORTEM, "GET", "/api/postmortems", READERS),
            op(POSTMORTEM, "GET", "/api/postmortems/{id}", READERS),
            op(POSTMORTEM, "PUT", "/api/postmortems/{id}", AUTHORS),
            op(POSTMORTEM, "POST", "/api/postmortems/{id}/submit", AUTHORS),
            op(POSTMORTEM, "POST", "/api/postmortems/{id}/approve", LEADERS),
            op(POSTMORTEM, "POST", "/api/postmortems/{id}/request-changes", LEADERS),
            op(POSTMORTEM, "POST", "/api/postmortems/{id}/reopen", AUTHORS),
            op(POSTMORTEM, "POST", "/api/postmortems/{id}/incident-refresh", AUTHORS),
            op(POSTMORTEM, "GET", "/api/postmortems/{id}/revisions", READERS),
            op(POSTMORTEM, "GET", "/api/postmortems/{id}/revisions/{revision}", READERS),
            op(POSTMORTEM, "GET", "/api/postmortems/{id}/diff", READERS),
            op(POSTMORTEM, "GET", "/api/postmortems/{id}/export", READERS),
            op(POSTMORTEM, "POST", "/api/postmortems/{id}/action-items", AUTHORS),
            op(POSTMORTEM, "POST", "/api/postmortems/{id}/lessons", AUTHORS),
            op(POSTMORTEM, "DELETE", "/api/postmortems/{id}/lessons/{lessonId}", AUTHORS),
            op(POSTMORTEM, "GET", "/api/action-items", READERS),
            op(POSTMORTEM, "GET", "/api/action-items/stats", READERS),
            op(POSTMORTEM, "GET", "/api/action-items/{id}", READERS),
            op(POSTMORTEM, "PUT", "/api/action-items/{id}", AUTHORS),
            op(POSTMORTEM, "GET", "/api/lessons", READERS),
            op(POSTMORTEM, "POST", "/api/lessons", AUTHORS),
            op(POSTMORTEM, "GET", "/api/lessons/{id}", READERS),
            op(POSTMORTEM, "PUT", "/api/lessons/{id}", AUTHORS),
            op(POSTMORTEM, "POST", "/api/markdown/render", PEOPLE),
            op(POSTMORTEM, "POST", "/api/imports/jsonl", ADMIN),
            op(POSTMORTEM, "POST", "/api/imports/markdown", ADMIN),
            op(POSTMORTEM, "GET", "/api/changes", FEED_READERS),
            // search-service
            op(SEARCH, "GET", "/api/search", READERS),
            op(SEARCH, "GET", "/api/search/suggest", READERS),
            op(SEARCH, "POST", "/api/search/similar", READERS),
            op(SEARCH, "GET", "/api/reports/incidents", LEADERS),
            op(SEARCH, "GET", "/api/reports/response-times", LEADERS),
            op(SEARCH, "GET", "/api/reports/repeats", LEADERS),
            op(SEARCH, "GET", "/api/reports/action-items", LEADERS),
            op(SEARCH, "GET", "/api/reports/status-updates", LEADERS),
            op(SEARCH, "GET", "/api/admin/index/ids", ADMIN),
            op(SEARCH, "GET", "/api/admin/index/rebuild", ADMIN),
            op(SEARCH, "POST", "/api/admin/index/rebuild", ADMIN),
            op(SEARCH, "GET", "/api/admin/index", ADMIN),
            op(SEARCH, "GET", "/api/admin/index/dead-letters", ADMIN),
            op(SEARCH, "POST", "/api/admin/index/dead-letters/retry", ADMIN),
            op(SEARCH, "POST", "/api/admin/index/dead-letters/{feed}/{seq}/retry", ADMIN),
            op(SEARCH, "DELETE", "/api/admin/index/dead-letters/{feed}/{seq}", ADMIN));

    /**
     * Everything an automation (role runbook) may call, written out once more by hand (README, "What a runbook may do"):
     * declare, read, search and similar, post status updates that do not move the status, timeline notes, alerts,
     * triage preview. Not: lifecycle moves (forced or not), acknowledge, mitigate, triage, containment, hypotheses,
     * changes, the checklist, roles, post-mortem writes, Markdown preview, reports, admin.
     */
    static final Set<String> RUNBOOK_MAY = Set.of(
            INCIDENT + " POST /api/incidents", INCIDENT + " GET /api/incidents", INCIDENT + " GET /api/incidents/{id}",
            INCIDENT + " GET /api/incidents/{id}/triage", INCIDENT + " POST /api/incidents/{id}/updates",
            INCIDENT + " GET /api/incidents/{id}/updates", INCIDENT + " GET /api/incidents/{id}/timeline",
            INCIDENT + " POST /api/incidents/{id}/timeline", INCIDENT + " GET /api/incidents/{id}/live",
            INCIDENT + " GET /api/incidents/live", INCIDENT + " POST /api/triage/preview",
            INCIDENT + " POST /api/alerts/alertmanager", INCIDENT + " POST /api/alerts/pagerduty",
            POSTMORTEM + " GET /api/postmortems", POSTMORTEM + " GET /api/postmortems/{id}",
            POSTMORTEM + " GET /api/postmortems/{id}/revisions", POSTMORTEM + " GET /api/postmortems/{id}/revisions/{revision}",
            POSTMORTEM + " GET /api/postmortems/{id}/diff", POSTMORTEM + " GET /api/postmortems/{id}/export",
            POSTMORTEM + " GET /api/action-items", POSTMORTEM + " GET /api/action-items/stats", POSTMORTEM + " GET /api/action-items/{id}",
            POSTMORTEM + " GET /api/lessons", POSTMORTEM + " GET /api/lessons/{id}",
            SEARCH + " GET /api/search", SEARCH + " GET /api/search/suggest", SEARCH + " POST /api/search/similar");

    /** Public on purpose, on every service: probes, metrics and the API description (README, "Roles"). */
    static final List<String> PUBLIC_PATHS = List.of(
            "/q/health", "/q/health/live", "/q/health/ready", "/q/metrics", "/q/openapi", "/q/openapi?format=json",
            "/q/swagger-ui/");

    private static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).followRedirects(HttpClient.Redirect.NEVER).build();

    private ApiOperations() {
    }

    private static Op op(String service, String method, String path, Set<Who> allowed) {
        return new Op(service, method, path, allowed);
    }

    static String baseUrl(String service) {
        return switch (service) {
            case INCIDENT -> RunningSuite.incidents();
            case POSTMORTEM -> RunningSuite.postmortems();
            case SEARCH -> RunningSuite.search();
            default -> throw new IllegalArgumentException(service);
        };
    }

    static JsonNode openApi(String service) {
        Answer a = send("GET", baseUrl(service) + "/q/openapi?format=json", null, null, null);
        if (a.status() != 200) {
            throw new IllegalStateException(service + " /q/openapi: " + a.status() + " " + a.body());
        }
        try {
            return JSON.readTree(a.body());
        } catch (IOException e) {
            throw new IllegalStateException(service + " /q/openapi is not JSON", e);
        }
    }

    /** "service METHOD /path" of every operation a service's OpenAPI document lists. */
    static Set<String> documentedOperations(String service, JsonNode doc) {
        Set<String> ops = new TreeSet<>();
        Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (String method : List.of("get", "put", "post", "delete", "options", "head", "patch", "trace")) {
                if (path.getValue().has(method)) {
                    ops.add(service + " " + method.toUpperCase(Locale.ROOT) + " " + path.getKey());
                }
            }
        }
        return ops;
    }

    static List<Op> ofService(String service) {
        List<Op> ops = new ArrayList<>();
        for (Op op : TABLE) {
            if (op.service().equals(service)) {
                ops.add(op);
            }
        }
        return ops;
    }

    /** An answer: status, media type (no parameters) and the body (not read for event streams). */
    /** {@code challenge}: the {@code WWW-Authenticate} header, or an empty string. */
    record Answer(int status, String mediaType, String body, String challenge) {
        boolean isProblem() {
            return "application/problem+json".equals(mediaType);
        }

        @Override
        public String toString() {
            return status + " " + mediaType + " " + (body.length() > 300 ? body.substring(0, 300) + "..." : body);
        }
    }

    static Answer send(String method, String url, String token, String contentType, byte[] body) {
        return send(method, url, token, contentType, body, Map.of());
    }

    static Answer send(String method, String url, String token, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        headers.forEach(b::header);
        try {
            HttpResponse<InputStream> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
            String type = r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim().toLowerCase(Locale.ROOT);
            String text;
            try (InputStream in = r.body()) {
                // an event stream stays open: its status and type are the answer
                text = type.equals("text/event-stream") ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Answer(r.statusCode(), type, text, r.headers().firstValue("WWW-Authenticate").orElse(""));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + url + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }

    static ObjectMapper mapper() {
        return JSON;
    }
}
