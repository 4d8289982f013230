package io.hindsight.ui;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A form post over {@code quarkus.http.limits.max-body-size} (4M) is refused with a friendly 413 page before sign-in
 * (it used to reach the sign-in redirect); a small one still meets the sign-in redirect.
 */
@QuarkusTest
class BodyLimitPageTest {

    @TestHTTPResource("/postmortems/1/save")
    URL save;

    @Test
    void aBodyOverTheLimitIsAFriendly413BeforeSignIn() throws Exception {
        long length = 5L * 1024 * 1024;
        // the answer comes from the declared length, before the body is read: only its start is sent
        String answer;
        try (Socket socket = new Socket(save.getHost(), save.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /postmortems/1/save HTTP/1.1\r\nHost: " + save.getHost() + "\r\n"
                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + length + "\r\n\r\n"
                    + "summary=").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String lower = answer.toLowerCase(Locale.ROOT);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(lower.contains("content-type: text/html"), answer);
        assertTrue(lower.contains("content-security-policy: default-src 'self'"), "security headers stay: " + answer);
        assertTrue(answer.contains("<h1>Too much to send</h1>") && answer.contains("4 MB") && answer.contains("nothing was saved"), answer);
        assertTrue(!lower.contains("location:"), "no sign-in redirect: " + answer);
    }

    @Test
    void aSmallFormPostStillMeetsTheSignInRedirect() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").body("summary=short")
                .when().post("/postmortems/1/save")
                .then().statusCode(302);
    }
}
