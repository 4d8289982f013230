package io.hindsight.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.hindsight.e2e.ApiOperations.Answer;
import io.hindsight.e2e.ApiOperations.Op;
import io.hindsight.e2e.ApiOperations.Who;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The edges of every parameter: each query, path and header parameter of every operation of incident-service,
 * postmortem-service and search-service (enumerated from their {@code /q/openapi}, so a parameter added later is
 * probed too) is sent huge, negative, zero, non-numeric, overflowing, empty, far-future and impossible dates, a NUL
 * and a lone surrogate, with a token of an allowed role. Whatever comes in: never a 5xx, every 4xx a problem+json.
 * And the date parameters: a value outside the years 1970–9999 or an impossible date is a 400 naming the parameter.
 */
@ExtendWith(RunningSuite.class)
class ParameterEdgesTest {

    /** Values for any parameter; query and path values are sent percent-encoded. */
    static final List<String> VALUES = List.of(
            "", " ", "0", "-1", "-9223372036854775808", "9223372036854775807", "9223372036854775808",
            "99999999999999999999999999999", "2147483648", "1e309", "NaN", "1.5", "abc", "\"3\"", "W/\"-1\"", "*",
            "+300000000-01-01", "+300000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "2026-13-45", "0000-01-01",
            "1969-12-31T23:59:59Z", "10000-01-01", "2026-11-27T25:61:00Z", "x\u0000y", "\ud800", "9".repeat(300),
            "%", "../../etc/passwd");
    /** Header values must be visible ASCII (the HTTP client refuses others). */
    static final List<String> HEADER_VALUES = VALUES.stream()
            .filter(v -> v.chars().allMatch(c -> c >= 0x20 && c < 0x7f) && !v.isEmpty()).toList();
    /** The date parameters of the API: each refuses a date outside 1970–9999 or an impossible one with a 400 naming it. */
    static final List<String> DATE_PARAMETERS = List.of(
            "incident-service GET /api/incidents since",
            "search-service GET /api/search from", "search-service GET /api/search to",
            "search-service GET /api/reports/incidents from", "search-service GET /api/reports/incidents to",
            "search-service GET /api/reports/response-times from", "search-service GET /api/reports/response-times to",
            "search-service GET /api/reports/repeats from", "search-service GET /api/reports/repeats to",
            "search-service GET /api/reports/status-updates from", "search-service GET /api/reports/status-updates to");
    static final List<String> OUT_OF_RANGE_DATES = List.of(
            "+300000000-01-01", "+300000000-01-01T00:00:00Z", "-999999999-01-01T00:00:00Z", "+10000-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z", "2026-13-45", "2026-02-30", "2026-11-27T25:61:00Z");

    private static final Map<String, String> IDS = new HashMap<>();

    /** One parameter of one operation. */
    record Parameter(Op op, String in, String name) {
        String key() {
            return op.key() + " " + name;
        }
    }

    @BeforeAll
    static void fixtures() {
        IDS.put(ApiOperations.INCIDENT, idOf(ApiOperations.send("POST", RunningSuite.incidents() + "/api/incidents",
                Who.RUNBOOK.token(), "application/json",
                "{\"title\":\"Parameter edges fixture\",\"symptom\":\"fixture\",\"service\":\"edges\"}".getBytes(StandardCharsets.UTF_8))));
        IDS.put(ApiOperations.POSTMORTEM, idOf(ApiOperations.send("POST", RunningSuite.postmortems() + "/api/postmortems",
                Who.AUTHOR.token(), "application/json",
                "{\"title\":\"Parameter edges fixture\",\"summary\":\"fixture\"}".getBytes(StandardCharsets.UTF_8))));
    }

    @TestFactory
    Stream<DynamicTest> everyParameterAnswersEdgeValuesWithA4xxProblemOrSuccessNeverA5xx() {
        return parameters().stream().map(p -> DynamicTest.dynamicTest(p.key(), () -> {
            List<String> failures = new ArrayList<>();
            for (String value : p.in().equals("header") ? HEADER_VALUES : VALUES) {
                Answer a = call(p, value);
                if (a.status() >= 500 || (a.status() >= 400 && !a.isProblem())) {
                    failures.add(printable(value) + " -> " + a);
                }
            }
            assertTrue(failures.isEmpty(), p.key() + ":\n  " + String.join("\n  ", failures));
        }));
    }

    @TestFactory
    Stream<DynamicTest> dateParametersRefuseDatesOutsideTheSupportedYearsWith400NamingTheParameter() {
        Map<String, Parameter> all = new LinkedHashMap<>();
        parameters().forEach(p -> all.put(p.key(), p));
        return DATE_PARAMETERS.stream().map(key -> DynamicTest.dynamicTest(key, () -> {
            Parameter p = all.get(key);
            assertTrue(p != null, key + " is not a documented parameter");
            for (String value : OUT_OF_RANGE_DATES) {
                Answer a = call(p, value);
                assertEquals(400, a.status(), key + "=" + value + " -> " + a);
                assertTrue(a.isProblem(), key + "=" + value + " -> " + a);
                JsonNode body = ApiOperations.json(a.body());
                assertTrue(body.path("detail").asText().contains(p.name()), key + "=" + value + " -> " + a);
                assertEquals(p.name(), body.path("violations").path(0).path("field").asText(), key + "=" + value + " -> " + a);
                assertTrue(body.path("violations").path(0).path("message").asText().contains("1970"), key + "=" + value + " -> " + a);
            }
        }));
    }

    /** Every query, path and header parameter of every operation in the table, from the services' OpenAPI. */
    static List<Parameter> parameters() {
        List<Parameter> found = new ArrayList<>();
        for (String service : ApiOperations.SERVICES) {
            JsonNode doc = ApiOperations.openApi(service);
            for (Op op : ApiOperations.ofService(service)) {
                if (op.path().endsWith("/live") || op.path().equals("/api/admin/index/rebuild") && op.method().equals("POST")) {
                    continue; // event streams stay open; a rebuild would empty the index under the other tests
                }
                JsonNode operation = doc.path("paths").path(op.path()).path(op.method().toLowerCase(Locale.ROOT));
                for (JsonNode param : operation.path("parameters")) {
                    String in = param.path("in").asText();
                    if (in.equals("query") || in.equals("path") || in.equals("header")) {
                        found.add(new Parameter(op, in, param.path("name").asText()));
                    }
                }
            }
        }
        return found;
    }

    private static Answer call(Parameter p, String value) {
        String path = p.op().path();
        Iterator<String> names = pathNames(path).iterator();
        while (names.hasNext()) {
            String name = names.next();
            String v = p.in().equals("path") && p.name().equals(name) ? encode(value)
                    : name.equals("id") ? IDS.getOrDefault(p.op().service(), "1") : "1";
            path = path.replace("{" + name + "}", v.isEmpty() ? "%20" : v);
        }
        String url = p.op().baseUrl() + path + (p.in().equals("query") ? "?" + p.name() + "=" + encode(value) : "");
        boolean withBody = List.of("POST", "PUT", "PATCH").contains(p.op().method());
        Map<String, String> headers = p.in().equals("header") ? Map.of(p.name(), value) : Map.of();
        return ApiOperations.send(p.op().method(), url, p.op().caller().token(), withBody ? "application/json" : null,
                withBody ? "{}".getBytes(StandardCharsets.UTF_8) : null, headers);
    }

    private static List<String> pathNames(String path) {
        List<String> names = new ArrayList<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(path);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String printable(String value) {
        String v = value.length() > 40 ? value.substring(0, 40) + "…" : value;
        return "'" + v.replace("\u0000", "\\u0000").replace("\ud800", "\\ud800") + "'";
    }

    private static String idOf(Answer a) {
        if (a.status() != 201) {
            throw new IllegalStateException("fixture: " + a);
        }
        return ApiOperations.json(a.body()).path("id").asText();
    }
}
