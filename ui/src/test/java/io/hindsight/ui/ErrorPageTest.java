package io.hindsight.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ErrorPageTest {

    @Test
    @TestSecurity(user = "rita", roles = "responder")
    void aFailingPageShowsAFriendlyPageWithAReferenceAndNoInternals() {
        given().when().get("/test-only/failing-page")
                .then().statusCode(500)
                .contentType(containsString("text/html"))
                .body(containsString("Something went wrong"))
                .body(matchesPattern("(?s).*quote reference [0-9a-f]{8} to an admin.*"))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("jdbc:h2")));
    }

    @Test
    void anonymousVisitorsOfAFailingPageAreStillSentToSignIn() {
        given().redirects().follow(false).when().get("/test-only/failing-page")
                .then().statusCode(302)
                .header("Location", containsString("/protocol/openid-connect/auth"));
    }
}
