package io.hindsight.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

/**
 * A number in a war-room form that is not one is refused, saying so, and nothing is sent to incident-service (none
 * runs in this test: a form that reached it would say incident-service is unavailable). Before, the time box and the
 * hypothesis of a change were silently dropped (sent as "none").
 */
@QuarkusTest
class WarRoomFormNumbersTest {

    private static final String CSRF = "AAAAAAAAAAAAAAAAAAAAAA";

    @Test
    @TestSecurity(user = "rita", roles = "responder")
    void aTimeBoxThatIsNotAWholeNumberIsRefused() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").cookie("csrf-token", CSRF)
                .formParam("csrf-token", CSRF).formParam("version", "1").formParam("statement", "the pool is exhausted")
                .formParam("prediction", "waits grow").formParam("howToTest", "pool metrics").formParam("timeBoxMinutes", "ten")
                .when().post("/incidents/1/hypotheses")
                .then().statusCode(303)
                .header("Location", containsString("msg=The+time+box+must+be+a+whole+number+of+minutes%2C+not+%E2%80%9Cten%E2%80%9D"));
    }

    @Test
    @TestSecurity(user = "rita", roles = "responder")
    void aHypothesisThatIsNotAnIdIsRefused() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").cookie("csrf-token", CSRF)
                .formParam("csrf-token", CSRF).formParam("version", "1").formParam("description", "raise the pool")
                .formParam("revertPlan", "lower it").formParam("hypothesisId", "99999999999999999999")
                .when().post("/incidents/1/changes")
                .then().statusCode(303)
                .header("Location", containsString("msg=The+hypothesis+must+be+one+of+the+list"));
    }
}
