package io.hindsight.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hindsight.testsupport.KeycloakTokens;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The test Keycloak's admin API (master realm console user of the LOCAL DEMO setup): lets a UI started by a test on
 * its own port sign users in, by adding that port to the redirect URIs of client {@code hindsight-ui}.
 */
final class KeycloakAdmin {

    private KeycloakAdmin() {
    }

    static synchronized void allowUiAt(String uiUrl) throws Exception {
        String kc = KeycloakTokens.keycloakUrl();
        String form = "grant_type=password&client_id=admin-cli&username=kcadmin&password="
                + URLEncoder.encode("kcadmin-local-demo", StandardCharsets.UTF_8);
        Http.Answer token = Http.send(HttpRequest.newBuilder(URI.create(kc + "/realms/master/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        if (token.status() != 200) {
            throw new IllegalStateException("Keycloak admin token: " + token);
        }
        String admin = token.json().get("access_token").asText();
        Http.Answer clients = Http.get(kc + "/admin/realms/hindsight/clients?clientId=hindsight-ui", admin, Duration.ofSeconds(20));
        JsonNode client = clients.json().get(0);
        ArrayNode redirects = (ArrayNode) client.get("redirectUris");
        String wanted = uiUrl + "/*";
        for (JsonNode r : redirects) {
            if (r.asText().equals(wanted)) {
                return;
            }
        }
        redirects.add(wanted);
        ((ObjectNode) client).set("redirectUris", redirects);
        Http.Answer put = Http.send(HttpRequest.newBuilder(URI.create(kc + "/admin/realms/hindsight/clients/" + client.get("id").asText()))
                .timeout(Duration.ofSeconds(20)).header("Authorization", "Bearer " + admin).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(client))).build());
        if (put.status() != 204) {
            throw new IllegalStateException("could not add " + wanted + " to hindsight-ui's redirect URIs: " + put);
        }
    }
}
