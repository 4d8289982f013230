package io.hindsight.testsupport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

/**
 * What every API service answers to a long request line: over 4096 bytes (method, URI and version, as the HTTP codec
 * counts it) a 414 problem that says what to do, before authentication; exactly 4096 bytes is served. (The codec's own
 * limit is raised to 64 KB; it used to answer an empty 414.) A service's test extends this, as a {@code @QuarkusTest},
 * and names a listing it serves to an admin.
 */
public abstract class RequestLineLimitContract {

    /** A path the service answers 200 to an admin, e.g. {@code /api/incidents}. */
    protected abstract String path();

    /** A query string the path takes, before the padding parameter, e.g. {@code limit=5}. */
    protected abstract String query();

    /** A URI whose request line ({@code GET <uri> HTTP/1.1}) is exactly {@code length} bytes long. */
    protected String uriWithLineLength(int length) {
        String start = path() + "?" + query() + "&pad=";
        return start + "x".repeat(length - "GET ".length() - start.length() - " HTTP/1.1".length());
    }

    @Test
    void aLineOverTheLimitIsA414ProblemBeforeSignIn() {
        given().urlEncodingEnabled(false).when().get(uriWithLineLength(5000))
                .then().statusCode(414).contentType("application/problem+json")
                .header("WWW-Authenticate", nullValue())
                .body("status", equalTo(414)).body("title", equalTo("URI Too Long"))
                .body("detail", containsString("longer than 4096 bytes")).body("detail", containsString("Shorten the query string"))
                .body("instance", equalTo(path())).body("extensions.limit", equalTo(4096)).body("extensions.length", equalTo(5000));
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
