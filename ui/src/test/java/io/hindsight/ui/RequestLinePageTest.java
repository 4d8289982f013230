package io.hindsight.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * An address whose request line is over 4096 bytes gets a friendly 414 page before sign-in (it was the HTTP codec's
 * empty 414); one of exactly 4096 bytes still meets the sign-in redirect.
 */
@QuarkusTest
class RequestLinePageTest {

    static String uriWithLineLength(int length) {
        String start = "/search?q=";
        return start + "x".repeat(length - "GET ".length() - start.length() - " HTTP/1.1".length());
    }

    @Test
    void anAddressOverTheLimitIsAFriendly414BeforeSignIn() {
        given().redirects().follow(false).urlEncodingEnabled(false).when().get(uriWithLineLength(5000))
                .then().statusCode(414).contentType(containsString("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("Location", nullValue())
                .body(containsString("<h1>Address too long</h1>")).body(containsString("longer than the 4096 bytes"))
                .body(containsString("fewer or shorter search words"));
    }

    @Test
    void anAddressBetweenTheOldAndTheRaisedCodecLimitIsThePageToo() {
        given().redirects().follow(false).urlEncodingEnabled(false).when().get(uriWithLineLength(20_000))
                .then().statusCode(414).body(containsString("<h1>Address too long</h1>"));
    }

    @Test
    void anAddressOfExactlyTheLimitMeetsTheSignInRedirect() {
        given().redirects().follow(false).urlEncodingEnabled(false).when().get(uriWithLineLength(4096))
                .then().statusCode(302).header("Location", containsString("/protocol/openid-connect/auth"));
    }
}
