package io.hindsight.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.hindsight.e2e.ApiOperations.Answer;
import io.hindsight.e2e.ApiOperations.Op;
import io.hindsight.e2e.ApiOperations.Who;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Element;

/**
 * Hostile input, property-based (jqwik, beside Jupiter on the JUnit Platform), against the packaged services:
 * every JSON-body operation of incident-service, postmortem-service and search-service (enumerated from their
 * {@code /q/openapi}) gets bodies built from its own schema with random and boundary values, wrong types, huge
 * strings, deep nesting, nulls and unknown enum values, sent with a token of an allowed role. Whatever comes
 * in, no answer is a 5xx and every 4xx is {@code application/problem+json}. Also: malformed JSON is a 400,
 * Lucene syntax garbage never a 5xx, Markdown with active content renders inert, SQL-looking text is kept verbatim.
 */
class HostileInputPropertyTest {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Map<String, JsonNode> DOCS = new HashMap<>();
    /** Real ids for the path parameters, so that bodies reach the domain code and not only a 404. */
    private static final Map<String, String> IDS = new HashMap<>();
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static long startedAt;

    private static final List<String> SQL = List.of(
            "'; DROP TABLE incident; --", "\" OR 1=1 --", "1; DELETE FROM postmortem WHERE 1=1", "' UNION SELECT * FROM pg_user --",
            "Robert'); DROP TABLE students;--", "%' AND 1=CAST((SELECT version()) AS int) --", "\\'; TRUNCATE outbox; --",
            "$$; COPY (SELECT 1) TO PROGRAM 'id'; $$");
    private static final List<String> ACTIVE_CONTENT = List.of(
            "<script>alert(1)</script>", "<iframe src=\"https://evil.example\"></iframe>", "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>", "[click](javascript:alert(1))", "[c](JaVaScRiPt:alert(1))",
            "[c](&#106;avascript:alert(1))", "![i](javascript:alert(1))", "<svg onload=alert(1)>", "<div onclick=\"alert(1)\">d</div>",
            "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">d</a>", "<object data=\"x.swf\"></object>",
            "<embed src=\"x\">", "<style>body{display:none}</style>", "<form action=\"https://evil.example\"><input></form>",
            "<details open ontoggle=alert(1)>", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
            "<<script>script>alert(1)<</script>/script>", "<a href=\"  javascript:alert(1)\">s</a>", "<base href=\"javascript:\">",
            "[ref]\n\n[ref]: javascript:alert(1)", "<javascript:alert(1)>", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">");

    @BeforeContainer
    static void startSuiteAndFixtures() throws Exception {
        RunningSuite.acquire();
        startedAt = System.nanoTime();
        for (String service : ApiOperations.SERVICES) {
            DOCS.put(service, ApiOperations.openApi(service));
        }
        String incident = idOf(post(ApiOperations.INCIDENT, "/api/incidents", Who.RUNBOOK,
                "{\"title\":\"Hostile input fixture\",\"symptom\":\"fixture for the property tests\",\"service\":\"fuzz\"}"));
        IDS.put(ApiOperations.INCIDENT + " id", incident);
        IDS.put(ApiOperations.INCIDENT + " hid", idOf(post(ApiOperations.INCIDENT, "/api/incidents/" + incident + "/hypotheses", Who.RESPONDER,
                "{\"statement\":\"the pool is exhausted\",\"prediction\":\"waits grow\",\"howToTest\":\"look at the pool metrics\"}")));
        IDS.put(ApiOperations.INCIDENT + " cid", idOf(post(ApiOperations.INCIDENT, "/api/incidents/" + incident + "/changes", Who.RESPONDER,
                "{\"description\":\"raise the pool size\",\"revertPlan\":\"lower it again\"}")));
        String postmortem = idOf(post(ApiOperations.POSTMORTEM, "/api/postmortems", Who.AUTHOR,
                "{\"title\":\"Hostile input fixture\",\"summary\":\"fixture for the property tests\"}"));
        IDS.put(ApiOperations.POSTMORTEM + " id", postmortem);
        IDS.put(ApiOperations.POSTMORTEM + " action-item", idOf(post(ApiOperations.POSTMORTEM, "/api/postmortems/" + postmortem + "/action-items",
                Who.AUTHOR, "{\"title\":\"add a pool alert\"}")));
        IDS.put(ApiOperations.POSTMORTEM + " lesson", idOf(post(ApiOperations.POSTMORTEM, "/api/lessons", Who.AUTHOR,
                "{\"title\":\"Hostile fixture lesson " + System.nanoTime() + "\",\"body\":\"pools need alerts\"}")));
    }

    @AfterContainer
    static void figures() {
        System.out.printf("hostile input: %d requests in %d ms%n", REQUESTS.get(), (System.nanoTime() - startedAt) / 1_000_000);
    }

    // ------------------------------------------------------------------ schema-built bodies, every JSON operation

    /** An operation that takes a JSON body, with its request schema. */
    record JsonOp(Op op, JsonNode schema) {
        @Override
        public String toString() {
            return op.key();
        }
    }

    /** One generated request: the operation, the mutation rate, the seed of the body. */
    record Case(JsonOp target, double hostility, long seed) {
        String body() {
            return bodyFor(target, hostility, new Random(seed));
        }

        @Override
        public String toString() {
            String body = body();
            return target + " hostility=" + hostility + " seed=" + seed + " body=" + (body.length() > 400 ? body.substring(0, 400) + "..." : body);
        }
    }

    @Property(tries = 100)
    void incidentServiceBodiesNeverFailTheServer(@ForAll("incidentCases") Case c) {
        assertSafe(c);
    }

    @Property(tries = 100)
    void postmortemServiceBodiesNeverFailTheServer(@ForAll("postmortemCases") Case c) {
        assertSafe(c);
    }

    @Property(tries = 50)
    void searchServiceBodiesNeverFailTheServer(@ForAll("searchCases") Case c) {
        assertSafe(c);
    }

    @Provide
    Arbitrary<Case> incidentCases() {
        return cases(ApiOperations.INCIDENT);
    }

    @Provide
    Arbitrary<Case> postmortemCases() {
        return cases(ApiOperations.POSTMORTEM);
    }

    @Provide
    Arbitrary<Case> searchCases() {
        return cases(ApiOperations.SEARCH);
    }

    private static Arbitrary<Case> cases(String service) {
        List<JsonOp> ops = jsonOperations(service);
        assertFalse(ops.isEmpty(), service + " has JSON-body operations");
        return Combinators.combine(Arbitraries.of(ops), Arbitraries.of(0.0, 0.15, 0.4, 1.0), Arbitraries.longs())
                .as(Case::new);
    }

    @Example
    void everyJsonOperationIsCovered() {
        int total = 0;
        for (String service : ApiOperations.SERVICES) {
            total += jsonOperations(service).size();
        }
        System.out.println("hostile input: " + total + " JSON-body operations");
        assertTrue(total >= 25, "found only " + total + " JSON-body operations");
    }

    private static void assertSafe(Case c) {
        Op op = c.target().op();
        Answer a = send(op, c.body(), "application/json");
        assertTrue(a.status() < 500, "5xx for " + c + ": " + a);
        assertTrue(a.status() != 401 && a.status() != 403, "refused an allowed caller for " + c + ": " + a);
        if (a.status() >= 400) {
            assertProblem(a, c.toString());
        }
    }

    // ------------------------------------------------------------------ malformed JSON, structure bombs

    @Example
    void malformedJsonIsA400ProblemOnEveryJsonOperation() {
        List<String> malformed = List.of("{", "{\"title\":", "{'title':'x'}", "[1,2", "{\"a\":1}}", "{\"a\":1,}", "{} trailing",
                "\u0000", "nul", "{\"a\":\"\\u12\"}", "{\"a\":01}", "{\"a\":NaN}", "\"unterminated");
        List<String> failures = new ArrayList<>();
        for (String service : ApiOperations.SERVICES) {
            for (JsonOp op : jsonOperations(service)) {
                for (String body : malformed) {
                    Answer a = send(op.op(), body, "application/json");
                    if (a.status() != 400 || !a.isProblem()) {
                        failures.add(op + " body " + body + ": " + a);
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Example
    void structuralBombsAreRefusedCleanlyOnEveryJsonOperation() {
        List<String> bombs = List.of(
                "[".repeat(5000) + "]".repeat(5000),
                "{\"a\":".repeat(3000) + "1" + "}".repeat(3000),
                "null", "[]", "\"a string\"", "42", "true", "",
                "{\"title\":\"" + "x".repeat(900_000) + "\"}",
                "{\"n\":" + "9".repeat(5000) + "}",
                "{\"n\":1e999999}",
                "{\"title\":\"a\",\"title\":\"b\"}",
                "[" + "{},".repeat(50_000) + "{}]");
        List<String> failures = new ArrayList<>();
        for (String service : ApiOperations.SERVICES) {
            for (JsonOp op : jsonOperations(service)) {
                for (String body : bombs) {
                    Answer a = send(op.op(), body, "application/json");
                    if (a.status() >= 500 || (a.status() >= 400 && !a.isProblem())) {
                        failures.add(op + " body " + (body.length() > 60 ? body.substring(0, 60) + "..." : body) + ": " + a);
                    }
                }
            }
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    // ------------------------------------------------------------------ search syntax

    @Property(tries = 100)
    void luceneGarbageIsA400ProblemOrAResultNeverA5xx(@ForAll("luceneGarbage") String q) {
        for (String path : List.of("/api/search?q=", "/api/search/suggest?q=")) {
            String url = RunningSuite.search() + path + URLEncoder.encode(q, StandardCharsets.UTF_8);
            Answer a = ApiOperations.send("GET", url, Who.RESPONDER.token(), null, null);
            REQUESTS.incrementAndGet();
            assertTrue(a.status() == 200 || a.status() == 400, path + q + ": " + a);
            if (a.status() == 400) {
                assertProblem(a, path + q);
            }
        }
    }

    @Provide
    Arbitrary<String> luceneGarbage() {
        Arbitrary<String> pieces = Arbitraries.of("(", ")", "[", "]", "{", "}", "\"", "~", "^", "*", "?", ":", "\\", "/", "!", "+", "-",
                "&&", "||", " AND ", " OR ", " NOT ", "TO", "title:", "service:", "symptom:", "*:*", "/.*/", "/[a-z", "~2", "^-1",
                "[a TO", "{* TO *}", "x~0.5", "a*b?c", "?", "*", "\u0000", "\uD800", "é", "💥", " ", "0", "99999999999999999999",
                "'; DROP TABLE incident; --");
        Arbitrary<String> noise = Arbitraries.strings().ofMaxLength(20);
        return Arbitraries.oneOf(pieces, pieces, noise).list().ofMinSize(1).ofMaxSize(12).map(l -> String.join("", l))
                // long, but inside the 4 KB request line (a longer URL is the HTTP layer's 414, before any code of ours)
                .edgeCases(c -> c.add("x".repeat(3000)).add("(".repeat(1000)).add("a".repeat(300) + "~2"));
    }

    // ------------------------------------------------------------------ Markdown stays inert

    @Property(tries = 60)
    void markdownWithActiveContentRendersInert(@ForAll("hostileMarkdown") String markdown) {
        ObjectNode body = NODES.objectNode().put("markdown", markdown);
        Answer a = send(ApiOperations.TABLE.stream().filter(o -> o.key().equals("postmortem-service POST /api/markdown/render")).findFirst().orElseThrow(),
                body.toString(), "application/json");
        assertEquals(200, a.status(), markdown + ": " + a);
        assertInert(Jsoup.parseBodyFragment(ApiOperations.json(a.body()).path("html").asText()).body(), markdown);
    }

    @Provide
    Arbitrary<String> hostileMarkdown() {
        Arbitrary<String> payload = Arbitraries.of(ACTIVE_CONTENT);
        Arbitrary<String> context = Arbitraries.of("%s", "# %s", "> %s", "- %s", "`x` %s", "| a | b |\n|---|---|\n| %s | x |",
                "text %s text", "**%s**", "[%s](https://example.com)", "\n\n%s\n\n", "<div>\n\n%s\n\n</div>");
        return Combinators.combine(context, payload).as((c, p) -> c.formatted(p)).list().ofMinSize(1).ofMaxSize(4)
                .map(l -> String.join("\n", l));
    }

    @Example
    void activeContentInAPostmortemIsInertInItsExport() {
        String all = String.join("\n\n", ACTIVE_CONTENT);
        ObjectNode create = NODES.objectNode().put("title", "XSS fixture <script>alert(1)</script>").put("summary", all);
        Answer created = post(ApiOperations.POSTMORTEM, "/api/postmortems", Who.AUTHOR, create.toString());
        assertEquals(201, created.status(), created.toString());
        String id = idOf(created);
        Answer html = ApiOperations.send("GET", RunningSuite.postmortems() + "/api/postmortems/" + id + "/export?format=html",
                Who.AUTHOR.token(), null, null);
        REQUESTS.incrementAndGet();
        assertEquals(200, html.status(), html.toString());
        // the page's own head (charset, print styles) is the exporter's; what the author wrote is in the body
        assertInert(Jsoup.parse(html.body()).body(), all);
        // the stored Markdown is the author's text, verbatim; only its rendering is sanitised
        Answer stored = ApiOperations.send("GET", RunningSuite.postmortems() + "/api/postmortems/" + id, Who.AUTHOR.token(), null, null);
        assertEquals(all, ApiOperations.json(stored.body()).path("summary").asText());
    }

    private static void assertInert(Element root, String source) {
        String html = root.outerHtml();
        for (Element e : root.getAllElements()) {
            String tag = e.normalName();
            assertFalse(List.of("script", "iframe", "object", "embed", "style", "form", "input", "base", "meta", "svg", "math", "frame", "link")
                    .contains(tag), "<" + tag + "> survived from " + source + ":\n" + html);
            for (Attribute attr : e.attributes()) {
                String name = attr.getKey().toLowerCase(Locale.ROOT);
                String value = attr.getValue().replaceAll("[\\s\\u0000-\\u001f]", "").toLowerCase(Locale.ROOT);
                assertFalse(name.startsWith("on"), "event handler " + name + " survived from " + source + ":\n" + html);
                assertFalse(value.startsWith("javascript:") || value.startsWith("data:") || value.startsWith("vbscript:"),
                        name + "=" + attr.getValue() + " survived from " + source + ":\n" + html);
            }
        }
    }

    // ------------------------------------------------------------------ SQL-looking text is data

    @Property(tries = 50)
    void sqlLookingTextIsStoredAndReturnedVerbatim(@ForAll("sqlText") String text) {
        ObjectNode declare = NODES.objectNode().put("title", text).put("symptom", "symptom " + text).put("service", "sql-fuzz");
        Answer created = post(ApiOperations.INCIDENT, "/api/incidents", Who.RUNBOOK, declare.toString());
        assertEquals(201, created.status(), created.toString());
        Answer read = ApiOperations.send("GET", RunningSuite.incidents() + "/api/incidents/" + idOf(created), Who.RESPONDER.token(), null, null);
        REQUESTS.incrementAndGet();
        JsonNode incident = ApiOperations.json(read.body());
        assertEquals(text, incident.path("title").asText());
        assertEquals("symptom " + text, incident.path("symptom").asText());

        ObjectNode draft = NODES.objectNode().put("title", text).put("summary", text);
        Answer pm = post(ApiOperations.POSTMORTEM, "/api/postmortems", Who.AUTHOR, draft.toString());
        assertEquals(201, pm.status(), pm.toString());
        Answer pmRead = ApiOperations.send("GET", RunningSuite.postmortems() + "/api/postmortems/" + idOf(pm), Who.AUTHOR.token(), null, null);
        REQUESTS.incrementAndGet();
        assertEquals(text, ApiOperations.json(pmRead.body()).path("title").asText());
        assertEquals(text, ApiOperations.json(pmRead.body()).path("summary").asText());
    }

    @Provide
    Arbitrary<String> sqlText() {
        Arbitrary<String> sql = Arbitraries.of(SQL);
        Arbitrary<String> word = Arbitraries.strings().alpha().numeric().withChars("'\";-%_\\$(),*=").ofMinLength(1).ofMaxLength(30);
        return Combinators.combine(word, sql, word).as((a, b, c) -> (a + " " + b + " " + c).strip());
    }

    // ------------------------------------------------------------------ helpers

    private static void assertProblem(Answer a, String what) {
        assertEquals("application/problem+json", a.mediaType(), "4xx is not a problem for " + what + ": " + a);
        JsonNode problem = ApiOperations.json(a.body());
        assertEquals(a.status(), problem.path("status").asInt(), "problem status for " + what + ": " + a);
        assertFalse(problem.path("title").asText().isEmpty(), "problem title for " + what + ": " + a);
        assertFalse(a.body().contains("\tat ") || a.body().contains("Exception:"), "stack trace leaked for " + what + ": " + a);
    }

    static List<JsonOp> jsonOperations(String service) {
        List<JsonOp> ops = new ArrayList<>();
        JsonNode doc = DOCS.get(service);
        for (Op op : ApiOperations.ofService(service)) {
            JsonNode schema = doc.path("paths").path(op.path()).path(op.method().toLowerCase(Locale.ROOT))
                    .path("requestBody").path("content").path("application/json").path("schema");
            if (!schema.isMissingNode()) {
                ops.add(new JsonOp(op, schema));
            }
        }
        return ops;
    }

    private static Answer send(Op op, String body, String contentType) {
        String path = op.path();
        for (String param : List.of("hid", "cid", "lessonId", "revision", "id")) {
            path = path.replace("{" + param + "}", idFor(op, param));
        }
        REQUESTS.incrementAndGet();
        return ApiOperations.send(op.method(), op.baseUrl() + path, op.caller().token(), contentType,
                body.getBytes(StandardCharsets.UTF_8));
    }

    private static String idFor(Op op, String param) {
        String key;
        if (op.service().equals(ApiOperations.POSTMORTEM) && param.equals("id") && op.path().startsWith("/api/action-items")) {
            key = ApiOperations.POSTMORTEM + " action-item";
        } else if (op.service().equals(ApiOperations.POSTMORTEM) && (param.equals("lessonId")
                || (param.equals("id") && op.path().startsWith("/api/lessons")))) {
            key = ApiOperations.POSTMORTEM + " lesson";
        } else {
            key = op.service() + " " + param;
        }
        return IDS.getOrDefault(key, "1");
    }

    private static Answer post(String service, String path, Who who, String json) {
        REQUESTS.incrementAndGet();
        return ApiOperations.send("POST", ApiOperations.baseUrl(service) + path, who.token(), "application/json",
                json.getBytes(StandardCharsets.UTF_8));
    }

    private static String idOf(Answer created) {
        assertTrue(created.status() == 200 || created.status() == 201, "fixture not created: " + created);
        JsonNode body = ApiOperations.json(created.body());
        String id = body.path("id").asText();
        assertFalse(id.isEmpty(), "no id in " + created);
        return id;
    }

    // ------------------------------------------------------------------ bodies from a schema

    static String bodyFor(JsonOp target, double hostility, Random random) {
        JsonNode components = DOCS.get(target.op().service()).path("components").path("schemas");
        JsonNode value = generate(target.schema(), components, hostility, random, 0);
        try {
            return ApiOperations.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode resolve(JsonNode schema, JsonNode components) {
        for (int i = 0; i < 10 && schema.has("$ref"); i++) {
            String ref = schema.get("$ref").asText();
            schema = components.path(ref.substring(ref.lastIndexOf('/') + 1));
        }
        for (String combinator : List.of("allOf", "oneOf", "anyOf")) {
            if (schema.has(combinator) && schema.get(combinator).size() > 0) {
                JsonNode first = null;
                for (JsonNode s : schema.get(combinator)) {
                    if (!"null".equals(s.path("type").asText())) {
                        first = s;
                        break;
                    }
                }
                if (first != null) {
                    return resolve(first, components);
                }
            }
        }
        return schema;
    }

    private static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("enum")) {
            return "string";
        }
        return "object";
    }

    private static JsonNode generate(JsonNode schemaOrRef, JsonNode components, double hostility, Random random, int depth) {
        if (random.nextDouble() < hostility) {
            return hostile(random);
        }
        JsonNode schema = resolve(schemaOrRef, components);
        switch (typeOf(schema)) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth > 6) {
                    return object;
                }
                Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
                while (properties.hasNext()) {
                    Map.Entry<String, JsonNode> p = properties.next();
                    if (random.nextInt(4) > 0) {
                        object.set(p.getKey(), generate(p.getValue(), components, hostility, random, depth + 1));
                    }
                }
                if (schema.path("additionalProperties").isObject() && random.nextBoolean()) {
                    object.set("key" + random.nextInt(100), generate(schema.get("additionalProperties"), components, hostility, random, depth + 1));
                }
                if (hostility > 0 && random.nextInt(5) == 0) {
                    object.put("unknownField" + random.nextInt(10), "surprise");
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int n = depth > 6 ? 0 : random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    array.add(generate(schema.path("items"), components, hostility, random, depth + 1));
                }
                return array;
            }
            case "integer" -> {
                long min = schema.path("minimum").asLong(0);
                long max = schema.path("maximum").asLong(min + 100);
                return NODES.numberNode(min + (long) (random.nextDouble() * (max - min + 1)));
            }
            case "number" -> {
                return NODES.numberNode(random.nextDouble() * 100);
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                if (schema.has("enum") && schema.get("enum").size() > 0) {
                    return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
                }
                String format = schema.path("format").asText();
                if (format.equals("date-time")) {
                    return NODES.textNode(java.time.Instant.now().minusSeconds(random.nextInt(86_400)).toString());
                }
                if (format.equals("date")) {
                    return NODES.textNode(java.time.LocalDate.now().plusDays(random.nextInt(60) - 30).toString());
                }
                int max = Math.min(schema.path("maxLength").asInt(40), 40);
                StringBuilder text = new StringBuilder("fuzz ");
                while (text.length() < Math.max(1, random.nextInt(max + 1))) {
                    text.append((char) ('a' + random.nextInt(26)));
                }
                return NODES.textNode(text.toString());
            }
        }
    }

    /** A value of the wrong kind, or of the right kind at a boundary. */
    private static JsonNode hostile(Random random) {
        return switch (random.nextInt(24)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode("");
            case 2 -> NODES.textNode("   \t\n ");
            case 3 -> NODES.textNode("x".repeat(100_000 + random.nextInt(100_000)));
            case 4 -> NODES.textNode("\u0000\u0001\u001f\u007f\u202e\uFEFF 💥 é 中文 \uD83D");
            case 5 -> NODES.numberNode(Long.MAX_VALUE);
            case 6 -> NODES.numberNode(Long.MIN_VALUE);
            case 7 -> NODES.numberNode(-1);
            case 8 -> NODES.numberNode(0);
            case 9 -> NODES.rawValueNode(new RawValue("123456789012345678901234567890"));
            case 10 -> NODES.rawValueNode(new RawValue("1e309"));
            case 11 -> NODES.numberNode(-0.5);
            case 12 -> NODES.booleanNode(random.nextBoolean());
            case 13 -> NODES.arrayNode();
            case 14 -> NODES.objectNode();
            case 15 -> NODES.rawValueNode(new RawValue("[".repeat(200) + "]".repeat(200)));
            case 16 -> NODES.textNode("NOT_A_VALUE_" + random.nextInt(1000));
            case 17 -> NODES.textNode("2026-13-45T99:99:99Z");
            case 18 -> NODES.textNode("-999999999-01-01T00:00:00Z");
            case 19 -> NODES.textNode(SQL.get(random.nextInt(SQL.size())));
            case 20 -> NODES.textNode(ACTIVE_CONTENT.get(random.nextInt(ACTIVE_CONTENT.size())));
            case 21 -> NODES.arrayNode().add("x".repeat(300)).add(NODES.nullNode()).add(1);
            case 22 -> NODES.objectNode().put("__proto__", "x").put("constructor", 1);
            default -> NODES.textNode("javascript:alert(1)");
        };
    }
}
