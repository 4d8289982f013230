package io.hindsight.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LoginRedirectTest {

    @Test
    void anonymousVisitorIsSentToKeycloakLogin() {
        given().redirects().follow(false)
                .when().get("/search?q=latency")
                .then().statusCode(302)
                .header("Location", containsString(KeycloakTokens.keycloakUrl() + "/realms/hindsight/protocol/openid-connect/auth"))
                .header("Location", containsString("client_id=hindsight-ui"));
    }

    @Test
    void healthIsPublic() {
        given().when().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void stylesheetIsPublicAndPagesCarryCsp() {
        given().when().get("/static/hindsight.css")
                .then().statusCode(200)
                .header("Content-Security-Policy", containsString("default-src 'self'"));
    }
}
