package io.hindsight.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hindsight.e2e.ApiOperations.Answer;
import io.hindsight.e2e.ApiOperations.Op;
import io.hindsight.e2e.ApiOperations.Who;
import io.hindsight.testsupport.KeycloakTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Who may call what, against the real Keycloak and the packaged services: every operation of incident-service,
 * postmortem-service and search-service (the table of {@link ApiOperations}, checked against each service's own
 * OpenAPI document) for every identity; the public endpoints; and tokens that must never get in (expired,
 * tampered, unsigned, signed by a foreign key, issued by another realm).
 */
@ExtendWith(RunningSuite.class)
class SecurityMatrixTest {

    /** Path parameters name nothing that exists: an allowed caller gets past security and meets a 404 or a 400. */
    private static final String UNKNOWN_ID = "987654321";
    private static final Map<String, JsonNode> DOCS = new HashMap<>();

    @BeforeAll
    static void readOpenApi() {
        for (String service : ApiOperations.SERVICES) {
            DOCS.put(service, ApiOperations.openApi(service));
        }
    }

    @Test
    void theTableListsEveryDocumentedOperationAndNothingElse() {
        Set<String> documented = new TreeSet<>();
        DOCS.forEach((service, doc) -> documented.addAll(ApiOperations.documentedOperations(service, doc)));
        Set<String> inTable = ApiOperations.TABLE.stream().map(Op::key).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(inTable.size(), ApiOperations.TABLE.size(), "the table lists an operation twice");
        Set<String> missing = new TreeSet<>(documented);
        missing.removeAll(inTable);
        Set<String> stale = new TreeSet<>(inTable);
        stale.removeAll(documented);
        assertTrue(missing.isEmpty(), "operations in /q/openapi without a row in ApiOperations.TABLE (add their roles): " + missing);
        // an undocumented operation would escape this check: the feed is the only one allowed to be missing
        assertTrue(stale.stream().allMatch(k -> k.endsWith(" GET /api/changes")),
                "rows of ApiOperations.TABLE that no /q/openapi lists (removed, or hidden from the API description): " + stale);
    }

    @Test
    void theRunbookRowsAreExactlyWhatAnAutomationMayDo() {
        // the role matrix checks the services against the table; this checks the table against the written decision
        Set<String> runbookRows = ApiOperations.TABLE.stream().filter(op -> op.allowed().contains(Who.RUNBOOK)).map(Op::key)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(ApiOperations.RUNBOOK_MAY), runbookRows, "the runbook rows of ApiOperations.TABLE");
    }

    @Test
    void roleMatrix() {
        long started = System.nanoTime();
        List<String> failures = new ArrayList<>();
        int calls = 0;
        for (Op op : ApiOperations.TABLE) {
            for (Who who : Who.values()) {
                Answer a = call(op, who.token());
                calls++;
                String cell = op.key() + " as " + who + ": " + a;
                if (a.status() == 401 || a.status() == 403) {
                    String fault = refusalFault(a);
                    if (fault != null) {
                        failures.add(cell + " (" + fault + ")");
                    }
                }
                if (who == Who.NONE) {
                    if (a.status() != 401) {
                        failures.add(cell + " (expected 401)");
                    }
                } else if (op.allowed().contains(who)) {
                    if (a.status() == 401 || a.status() == 403 || a.status() >= 500) {
                        failures.add(cell + " (expected neither 401/403 nor 5xx)");
                    }
                } else if (a.status() != 403) {
                    failures.add(cell + " (expected 403)");
                }
            }
        }
        System.out.printf("role matrix: %d operations x %d identities = %d calls in %d ms%n",
                ApiOperations.TABLE.size(), Who.values().length, calls, (System.nanoTime() - started) / 1_000_000);
        assertTrue(failures.isEmpty(), failures.size() + " cells differ from the table:\n" + String.join("\n", failures));
    }

    @Test
    void probesMetricsAndTheApiDescriptionArePublic() {
        for (String service : ApiOperations.SERVICES) {
            for (String path : ApiOperations.PUBLIC_PATHS) {
                Answer a = ApiOperations.send("GET", ApiOperations.baseUrl(service) + path, null, null, null);
                assertEquals(200, a.status(), service + " " + path + " without a token: " + a);
            }
        }
    }

    @Test
    void tamperedUnsignedForeignAndOtherRealmTokensAre401Everywhere() throws Exception {
        String genuine = KeycloakTokens.user("responder");
        assertEquals(200, call(op(ApiOperations.INCIDENT, "GET", "/api/incidents"), genuine).status(), "control: the genuine token works");
        String[] parts = genuine.split("\\.");
        ObjectNode header = (ObjectNode) ApiOperations.json(decode(parts[0]));
        ObjectNode claims = (ObjectNode) ApiOperations.json(decode(parts[1]));

        // payload altered (more roles, another name), signature kept
        ObjectNode elevated = claims.deepCopy();
        elevated.put("preferred_username", "admin");
        ((ArrayNode) elevated.path("realm_access").path("roles")).add("admin");
        String alteredPayload = parts[0] + "." + encode(elevated.toString()) + "." + parts[2];
        // signature altered: one character in the middle of it
        char[] sig = parts[2].toCharArray();
        int mid = sig.length / 2;
        sig[mid] = sig[mid] == 'A' ? 'B' : 'A';
        String alteredSignature = parts[0] + "." + parts[1] + "." + new String(sig);
        // unsigned: alg none, with and without the key id, empty signature
        ObjectNode none = header.deepCopy();
        none.put("alg", "none");
        String unsigned = encode(none.toString()) + "." + encode(elevated.toString()) + ".";
        String unsignedGenuineClaims = encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";
        // signed with a key of our own, under the realm's key id
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair foreign = generator.generateKeyPair();
        String signingInput = parts[0] + "." + encode(elevated.toString());
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initSign(foreign.getPrivate());
        rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        String foreignKey = signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(rsa.sign());
        // HMAC with a guessed secret (algorithm confusion)
        ObjectNode hs = header.deepCopy();
        hs.put("alg", "HS256");
        String hsInput = encode(hs.toString()) + "." + encode(elevated.toString());
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("hindsight-runbook-local-secret".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String hmac = hsInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(hsInput.getBytes(StandardCharsets.US_ASCII)));
        // a real token of another realm of the same Keycloak: the master realm's console admin
        String otherRealm = token("master", Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "kcadmin", "password", "kcadmin-local-demo")).path("access_token").asText();
        assertTrue(KeycloakTokens.claims(otherRealm).path("iss").asText().endsWith("/realms/master"));

        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("payload altered", alteredPayload);
        bad.put("signature altered", alteredSignature);
        bad.put("alg none, elevated claims", unsigned);
        bad.put("alg none, genuine claims", unsignedGenuineClaims);
        bad.put("signed by a foreign RSA key", foreignKey);
        bad.put("HS256 with a guessed secret", hmac);
        bad.put("issued by the master realm", otherRealm);
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, String> token : bad.entrySet()) {
            failures.addAll(everyOperationRefuses(token.getKey(), token.getValue()));
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void idTokensAre401Everywhere() {
        // a real ID token of the realm (signed, unexpired, the admin's): it says who signed in, it grants nothing
        String id = KeycloakTokens.idToken("admin");
        assertEquals("ID", KeycloakTokens.claims(id).path("typ").asText(), "control: an ID token");
        List<String> failures = everyOperationRefuses("an ID token", id);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void accessTokensOfOtherClientsOfTheRealmAre401Everywhere() {
        // the realm's own admin-cli client: a genuine, unexpired Bearer token of the admin user, signed by the realm, but
        // not issued for the suite's APIs (no audience hindsight-api; admin-cli maps no realm roles either)
        String other = token(KeycloakTokens.REALM, Map.of("grant_type", "password", "client_id", "admin-cli",
                "username", "admin", "password", "admin-demo")).path("access_token").asText();
        JsonNode claims = KeycloakTokens.claims(other);
        assertEquals("Bearer", claims.path("typ").asText());
        assertFalse(claims.path("aud").toString().contains("hindsight-api"), claims.toString());
        assertTrue(KeycloakTokens.claims(KeycloakTokens.user("admin")).path("aud").toString().contains("hindsight-api"),
                "control: the suite's clients issue tokens for hindsight-api");
        List<String> failures = everyOperationRefuses("another client's access", other);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    @Test
    void expiredTokenIs401Everywhere() {
        // client hindsight-test-short-lived of the LOCAL DEMO realm issues access tokens that live 5 seconds
        JsonNode issued = token(KeycloakTokens.REALM, Map.of("grant_type", "password", "client_id", "hindsight-test-short-lived",
                "username", "admin", "password", "admin-demo"));
        String shortLived = issued.path("access_token").asText();
        assertEquals(5, issued.path("expires_in").asInt(), issued.toString());
        Instant exp = Instant.ofEpochSecond(KeycloakTokens.claims(shortLived).path("exp").asLong());
        Op list = op(ApiOperations.INCIDENT, "GET", "/api/incidents");
        assertEquals(200, call(list, shortLived).status(), "control: accepted while it lives");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                .until(() -> call(list, shortLived).status() == 401);
        assertTrue(!Instant.now().isBefore(exp), "refused only once expired (exp " + exp + ")");
        List<String> failures = everyOperationRefuses("expired", shortLived);
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    private static List<String> everyOperationRefuses(String what, String token) {
        List<String> failures = new ArrayList<>();
        for (Op op : ApiOperations.TABLE) {
            Answer a = call(op, token);
            if (a.status() != 401) {
                failures.add(what + " token, " + op.key() + ": " + a + " (expected 401)");
            } else {
                String fault = refusalFault(a);
                if (fault != null) {
                    failures.add(what + " token, " + op.key() + ": " + a + " (" + fault + ")");
                }
            }
        }
        return failures;
    }

    /**
     * What is wrong with a 401 or 403 answer, or null: it must be an {@code application/problem+json} document with
     * its status, a title and a detail, and a 401 keeps the {@code WWW-Authenticate: Bearer} challenge.
     */
    static String refusalFault(Answer a) {
        if (!a.isProblem()) {
            return "not application/problem+json";
        }
        JsonNode problem;
        try {
            problem = ApiOperations.json(a.body());
        } catch (IllegalArgumentException e) {
            return "problem body is not JSON";
        }
        if (problem.path("status").asInt() != a.status()) {
            return "problem status " + problem.path("status") + " differs from " + a.status();
        }
        String expectedTitle = a.status() == 401 ? "Unauthorized" : "Forbidden";
        if (!expectedTitle.equals(problem.path("title").asText())) {
            return "problem title is not " + expectedTitle;
        }
        if (problem.path("detail").asText().isBlank()) {
            return "problem without a detail";
        }
        if (a.status() == 401 && !a.challenge().startsWith("Bearer")) {
            return "401 without WWW-Authenticate: Bearer (got '" + a.challenge() + "')";
        }
        return null;
    }

    private static Op op(String service, String method, String path) {
        return ApiOperations.TABLE.stream().filter(o -> o.key().equals(service + " " + method + " " + path)).findFirst().orElseThrow();
    }

    /** Calls an operation with unknown ids and a minimal body of the media type its OpenAPI document names. */
    static Answer call(Op op, String token) {
        String path = op.path().replaceAll("\\{[^}]+}", UNKNOWN_ID);
        String contentType = null;
        byte[] body = null;
        JsonNode doc = DOCS.get(op.service());
        JsonNode content = doc == null ? null : doc.path("paths").path(op.path()).path(op.method().toLowerCase()).path("requestBody").path("content");
        if (content != null && content.isObject() && content.size() > 0) {
            contentType = content.fieldNames().next();
            body = (contentType.contains("json") && !contentType.contains("ndjson") && !contentType.contains("jsonl")
                    ? "{}" : "").getBytes(StandardCharsets.UTF_8);
        }
        return ApiOperations.send(op.method(), op.baseUrl() + path, token, contentType, body);
    }

    private static JsonNode token(String realm, Map<String, String> form) {
        String body = form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpResponse<String> r = ApiOperations.HTTP.send(HttpRequest.newBuilder(
                            URI.create(KeycloakTokens.keycloakUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                    .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode json = ApiOperations.json(r.body());
            assertNotEquals("", json.path("access_token").asText());
            return json;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String decode(String part) {
        return new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8);
    }

    private static String encode(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
