package io.hindsight.e2e;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.KeycloakTokens;
import io.restassured.http.ContentType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import java.util.Map;
import java.util.UUID;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.Test;

/**
 * The foundation's thin slice, end to end with the real parts: a runbook's service-account token declares an
 * incident on incident-service; search-service picks it up from the change feed and finds it; a person signs in
 * to the UI through Keycloak's own login page and finds it on the search page.
 */
@ExtendWith(RunningSuite.class)
class ThinSliceTest {

    static String incidents = RunningSuite.incidents();
    static String search = RunningSuite.search();
    static String ui = RunningSuite.ui();

    @Test
    void runbookIncidentIsSearchableWithinTwoSecondsAndFoundThroughTheUi() throws Exception {
        String word = "zq" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String title = "Payment webhook timeouts " + word;
        String location = given().auth().oauth2(KeycloakTokens.runbook())
                .contentType(ContentType.JSON)
                .body(Map.of("title", title, "symptom", "Webhook deliveries time out after 30s: " + word, "service", "payments"))
                .when().post(incidents + "/api/incidents")
                .then().statusCode(201)
                .extract().header("Location");
        long declaredAt = System.nanoTime();
        assertTrue(location.startsWith(incidents + "/api/incidents/"), location);
        String id = location.substring(location.lastIndexOf('/') + 1);

        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50)).untilAsserted(() ->
                given().auth().oauth2(KeycloakTokens.runbook())
                        .queryParam("q", word)
                        .when().get(search + "/api/search")
                        .then().statusCode(200)
                        .body("total", equalTo(1))
                        .body("hits[0].id", equalTo(id))
                        .body("hits[0].title", equalTo(title)));
        long searchableAfterMs = (System.nanoTime() - declaredAt) / 1_000_000;
        System.out.println("Declared incident " + id + " searchable after " + searchableAfterMs + " ms");

        String page = signInAndGet("responder", "/search?q=" + URLEncoder.encode(word, StandardCharsets.UTF_8));
        Document html = Jsoup.parse(page);
        assertEquals(title, html.select(".hit .title").text(), "the UI search page lists the incident");
        assertTrue(html.select(".hit .snippet mark").text().contains(word), "the matched word is highlighted");
        assertTrue(html.select(".who").text().contains("responder"), "the page shows who is signed in");
    }

    @Test
    void withoutTokenIs401AndLeaderMayNotDeclare() {
        given().contentType(ContentType.JSON).body(Map.of("title", "t", "symptom", "s", "service", "x"))
                .when().post(incidents + "/api/incidents").then().statusCode(401);
        given().when().get(search + "/api/search?q=x").then().statusCode(401);
        given().auth().oauth2(KeycloakTokens.user("leader")).contentType(ContentType.JSON)
                .body(Map.of("title", "t", "symptom", "s", "service", "x"))
                .when().post(incidents + "/api/incidents").then().statusCode(403);
    }

    @Test
    void uiLoginPageIsKeycloaks() throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(ui + "/search")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertTrue(login.uri().toString().startsWith(KeycloakTokens.keycloakUrl() + "/realms/hindsight/protocol/openid-connect/auth"),
                "redirected to Keycloak: " + login.uri());
        assertNotNull(Jsoup.parse(login.body()).getElementById("kc-form-login"), "Keycloak's login form is shown");
    }

    @Test
    void searchServiceSeesTheFeedThroughItsReadiness() {
        given().when().get(search + "/q/health/ready")
                .then().statusCode(200)
                .body(containsString("cursor.incidents"));
    }

    /** Signs in through Keycloak's login form like a browser and returns the page at {@code path}. */
    private static String signInAndGet(String user, String path) throws Exception {
        HttpClient browser = browser();
        HttpResponse<String> login = browser.send(HttpRequest.newBuilder(URI.create(ui + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        Element form = Jsoup.parse(login.body(), login.uri().toString()).getElementById("kc-form-login");
        assertNotNull(form, "Keycloak's login form, got " + login.uri() + "\n" + login.body());
        String body = "username=" + user + "&password=" + URLEncoder.encode(user + "-demo", StandardCharsets.UTF_8) + "&credentialId=";
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create(form.absUrl("action")))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, page.statusCode(), () -> "after login: " + page.uri() + "\n" + page.body());
        assertTrue(page.uri().toString().startsWith(ui), "back on the UI after login: " + page.uri());
        return page.body();
    }

    private static HttpClient browser() {
        return HttpClient.newBuilder()
                .cookieHandler(new LoopbackCookieJar())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

}
