package io.hindsight.incident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.hindsight.testsupport.KeycloakTokens;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * A request line over 4096 bytes (method, URI and version, as the HTTP codec counts it) is a 414 problem that says
 * what to do, before authentication; one of exactly 4096 bytes is served. (The codec's own limit is raised to 64 KB;
 * it used to answer an empty 414.)
 */
@QuarkusTest
class RequestLineLimitTest {

    /** A URI whose request line ({@code GET <uri> HTTP/1.1}) is exactly {@code length} bytes long. */
    static String uriWithLineLength(int length) {
        String start = "/api/incidents?limit=5&pad=";
        return start + "x".repeat(length - "GET ".length() - start.length() - " HTTP/1.1".length());
    }

    @Test
    void aLineOverTheLimitIsA414ProblemBeforeSignIn() {
        given().urlEncodingEnabled(false).when().get(uriWithLineLength(5000))
                .then().statusCode(414).contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.nullValue())
                .body("status", equalTo(414)).body("title", equalTo("URI Too Long"))
                .body("detail", containsString("longer than 4096 bytes")).body("detail", containsString("Shorten the query string"))
                .body("instance", equalTo("/api/incidents")).body("extensions.limit", equalTo(4096)).body("extensions.length", equalTo(5000));
    }

    @Test
    void aLineOverTheLimitIsTheSame414WithAToken() {
        given().urlEncodingEnabled(false).auth().oauth2(KeycloakTokens.user("admin")).when().get(uriWithLineLength(4097))
                .then().statusCode(414).contentType("application/problem+json")
                .body("status", equalTo(414)).body("extensions.length", equalTo(4097));
    }

    @Test
    void aLineOfExactlyTheLimitIsServed() {
        given().urlEncodingEnabled(false).auth().oauth2(KeycloakTokens.user("admin")).when().get(uriWithLineLength(4096))
                .then().statusCode(200).contentType(not(containsString("problem")));
    }

    @Test
    void aLineBetweenTheOldAndTheRaisedCodecLimitIsNotTheCodecsEmpty414() {
        // 20 000 bytes: over the codec's former 4096, under its raised 65536; our problem, not an empty answer
        given().urlEncodingEnabled(false).when().get(uriWithLineLength(20_000))
                .then().statusCode(414).contentType("application/problem+json").body("detail", containsString("4096"));
    }
}
