package io.hindsight.e2e;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.KeycloakTokens;
import io.restassured.http.ContentType;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The UI's notice box is trusted text: it shows what the server said about the user's own last form post, once, and
 * nothing a link can carry. Signed in through Keycloak's login page, against the packaged suite.
 */
@ExtendWith(RunningSuite.class)
class FlashNoticeTest {

    private static final String PHISH = "Your session expired - sign in again at https://hindsight-login.example";

    private static List<Element> notices(Http.Answer page) {
        Document doc = Jsoup.parse(page.body());
        return doc.select(".notice, [role=status], [role=alert]");
    }

    private static String noticeText(Http.Answer page) {
        return String.join(" | ", notices(page).stream().map(Element::text).toList());
    }

    @Test
    void noPageShowsANoticeFromItsAddress() throws Exception {
        long incident = given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body(Map.of("title", "Flash check", "symptom", "HTTP 500", "service", "flash"))
                .when().post(RunningSuite.incidents() + "/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        long postmortem = given().auth().oauth2(KeycloakTokens.user("author")).contentType(ContentType.JSON)
                .body(Map.of("title", "Flash check post-mortem"))
                .when().post(RunningSuite.postmortems() + "/api/postmortems").then().statusCode(201).extract().jsonPath().getLong("id");
        String q = "msg=" + URLEncoder.encode(PHISH, StandardCharsets.UTF_8) + "&message=" + URLEncoder.encode(PHISH, StandardCharsets.UTF_8)
                + "&notice=" + URLEncoder.encode(PHISH, StandardCharsets.UTF_8) + "&error=" + URLEncoder.encode(PHISH, StandardCharsets.UTF_8);
        UiSession author = UiSession.signIn(RunningSuite.ui(), "author", "/postmortems");
        for (String path : List.of("/incidents/" + incident, "/action-items", "/postmortems", "/postmortems/" + postmortem, "/incidents",
                "/lessons", "/search", "/")) {
            Http.Answer page = author.get(path + (path.contains("?") ? "&" : "?") + q, Duration.ofSeconds(30));
            assertEquals(200, page.status(), path + ": " + page.body());
            assertFalse(page.body().contains("hindsight-login.example"), path + " shows text from its address: " + noticeText(page));
        }
    }

    @Test
    void aFormPostsOutcomeIsShownOnceSuccessAsStatusErrorAsAlert() throws Exception {
        long incident = given().auth().oauth2(KeycloakTokens.runbook()).contentType(ContentType.JSON)
                .body(Map.of("title", "Flash outcome", "symptom", "HTTP 500", "service", "flash"))
                .when().post(RunningSuite.incidents() + "/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        String room = "/incidents/" + incident;
        UiSession responder = UiSession.signIn(RunningSuite.ui(), "responder", room);

        Http.Answer saved = responder.postForm(room, room + "/roles", Map.of("commander", "responder", "responders", "responder"));
        assertEquals(200, saved.status(), saved.body());
        assertTrue(saved.response().uri().getPath().equals(room) && saved.response().uri().getQuery() == null,
                "back on the war room, nothing in the address: " + saved.response().uri());
        Element ok = Jsoup.parse(saved.body()).selectFirst("p.notice[role=status]");
        assertNotNull(ok, "a success notice: " + noticeText(saved));
        assertEquals("Roles saved.", ok.text());
        assertFalse(ok.hasClass("error"));
        // shown once: the next page has no notice
        Http.Answer again = responder.get(room, Duration.ofSeconds(30));
        assertNull(Jsoup.parse(again.body()).selectFirst("p.notice"), "the notice is gone on the next page: " + noticeText(again));

        // Investigating -> Resolved is not a move the lifecycle allows: an error, and it looks like one
        Http.Answer refused = responder.postForm(room, room + "/transitions", Map.of("status", "RESOLVED"));
        assertEquals(200, refused.status(), refused.body());
        Element alert = Jsoup.parse(refused.body()).selectFirst("p.notice.error[role=alert]");
        assertNotNull(alert, "an error notice with role=alert: " + noticeText(refused));
        assertNull(Jsoup.parse(refused.body()).selectFirst("p.notice[role=status]"), "no success notice beside it");

        // action items: an unknown status is an error too
        Http.Answer items = responder.postForm(room, "/action-items/1/status", Map.of("status", "BOGUS", "back", "/action-items"));
        assertEquals(200, items.status(), items.body());
        Element itemAlert = Jsoup.parse(items.body()).selectFirst("p.notice.error[role=alert]");
        assertNotNull(itemAlert, noticeText(items));
        assertEquals("Unknown status.", itemAlert.text());

        // another user's session does not see it
        UiSession leader = UiSession.signIn(RunningSuite.ui(), "leader", room);
        assertNull(Jsoup.parse(leader.get(room, Duration.ofSeconds(30)).body()).selectFirst("p.notice"));
    }
}
