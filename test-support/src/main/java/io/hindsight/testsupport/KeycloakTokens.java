package io.hindsight.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * Real access tokens from the Keycloak that the test command starts with the demo realm
 * ({@code keycloak/hindsight-realm.json}). Demo users sign in through the local-only
 * {@code hindsight-test} password-grant client; service accounts use client credentials.
 * Tokens are cached until shortly before they expire.
 */
public final class KeycloakTokens {

    public static final String REALM = "hindsight";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private record Cached(String token, Instant expires) {
    }

    private KeycloakTokens() {
    }

    /** Base URL of the test Keycloak: system property or environment {@code HINDSIGHT_TEST_KEYCLOAK_URL}. */
    public static String keycloakUrl() {
        String url = System.getProperty("hindsight.test.keycloak-url", System.getenv("HINDSIGHT_TEST_KEYCLOAK_URL"));
        return url == null || url.isBlank() ? "http://127.0.0.1:18180" : url;
    }

    public static String tokenEndpoint() {
        return keycloakUrl() + "/realms/" + REALM + "/protocol/openid-connect/token";
    }

    /** Demo user token; the demo password of each user is {@code <username>-demo}. */
    public static String user(String username) {
        return CACHE.compute("user:" + username, (k, c) -> fresh(c) ? c : fetch(Map.of(
                "grant_type", "password", "client_id", "hindsight-test",
                "username", username, "password", username + "-demo", "scope", "openid"))).token();
    }

    /** A demo user's ID token (typ ID, audience the client): real, signed by the realm, but not an access token. */
    public static String idToken(String username) {
        return fetchJson(Map.of("grant_type", "password", "client_id", "hindsight-test",
                "username", username, "password", username + "-demo", "scope", "openid")).get("id_token").asText();
    }

    public static String runbook() {
        return serviceAccount("hindsight-runbook", "hindsight-runbook-local-secret");
    }

    public static String serviceAccount(String clientId, String secret) {
        return CACHE.compute("client:" + clientId, (k, c) -> fresh(c) ? c : fetch(Map.of(
                "grant_type", "client_credentials", "client_id", clientId, "client_secret", secret))).token();
    }

    /** The payload of a JWT, decoded, for tests that look at claims. */
    public static JsonNode claims(String jwt) {
        try {
            return JSON.readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalArgumentException("not a JWT", e);
        }
    }

    private static boolean fresh(Cached c) {
        return c != null && Instant.now().plusSeconds(30).isBefore(c.expires());
    }

    private static Cached fetch(Map<String, String> form) {
        JsonNode json = fetchJson(form);
        return new Cached(json.get("access_token").asText(), Instant.now().plusSeconds(json.get("expires_in").asLong()));
    }

    private static JsonNode fetchJson(Map<String, String> form) {
        Map<String, String> ordered = new LinkedHashMap<>(form);
        String body = ordered.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(tokenEndpoint()))
                .timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Keycloak at " + keycloakUrl() + " refused a token for "
                        + form.getOrDefault("username", form.get("client_id")) + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("No Keycloak reachable at " + keycloakUrl()
                    + " - run the tests with ./hindsight test, which starts one", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
