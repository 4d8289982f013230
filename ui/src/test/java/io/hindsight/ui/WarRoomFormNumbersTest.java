package io.hindsight.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

/**
 * A number in a war-room form that is not one is refused, saying so, and nothing is sent to incident-service (none
 * runs in this test: a form that reached it would say incident-service is unavailable). Before, the time box and the
 * hypothesis of a change were silently dropped (sent as "none"). The refusal travels in the signed flash cookie, as an
 * error, never in the URL.
 */
@QuarkusTest
class WarRoomFormNumbersTest {

    private static final String CSRF = "AAAAAAAAAAAAAAAAAAAAAA";

    @Test
    @TestSecurity(user = "rita", roles = "responder")
    void aTimeBoxThatIsNotAWholeNumberIsRefused() {
        Response r = given().redirects().follow(false).contentType("application/x-www-form-urlencoded").cookie("csrf-token", CSRF)
                .formParam("csrf-token", CSRF).formParam("version", "1").formParam("statement", "the pool is exhausted")
                .formParam("prediction", "waits grow").formParam("howToTest", "pool metrics").formParam("timeBoxMinutes", "ten")
                .when().post("/incidents/1/hypotheses");
        assertRefused(r, "The time box must be a whole number of minutes, not “ten”");
    }

    @Test
    @TestSecurity(user = "rita", roles = "responder")
    void aHypothesisThatIsNotAnIdIsRefused() {
        Response r = given().redirects().follow(false).contentType("application/x-www-form-urlencoded").cookie("csrf-token", CSRF)
                .formParam("csrf-token", CSRF).formParam("version", "1").formParam("description", "raise the pool")
                .formParam("revertPlan", "lower it").formParam("hypothesisId", "99999999999999999999")
                .when().post("/incidents/1/changes");
        assertRefused(r, "The hypothesis must be one of the list");
    }

    /** 303 back to the war room, no text in the URL, an error notice starting with {@code text} in the flash cookie. */
    private static void assertRefused(Response r, String text) {
        r.then().statusCode(303).header("Location", endsWith("/incidents/1")).header("Location", not(containsString("msg")));
        String cookie = r.getCookie("hs_flash");
        String[] parts = cookie.split("\\.");
        assertEquals("E", parts[0], "an error notice");
        String notice = new String(Base64.getUrlDecoder().decode(parts[3]), StandardCharsets.UTF_8);
        assertTrue(notice.startsWith(text), notice);
    }
}
