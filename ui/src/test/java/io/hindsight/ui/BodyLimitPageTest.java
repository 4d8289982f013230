package io.hindsight.ui;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hindsight.testsupport.ChunkedPost;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A form post over {@code quarkus.http.limits.max-body-size} (4M) is refused with a friendly 413 page before sign-in
 * (it used to reach the sign-in redirect); a small one still meets the sign-in redirect. After sign-in
 * ({@code @TestSecurity}: the server sees a signed-in user, as after the code flow) a body without a length over 4 MB, a
 * field over 1 MB and more than 1 000 fields get the same page (they were an empty 413, a "Request not understood" 413
 * and a 500); a field of 100 000 characters (a 413 under Quarkus's default field limit of 2 KB), 1 000 fields and a
 * chunked body under the limit are read.
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

    @TestHTTPResource("/test-only/form-echo")
    URI echo;

    private static final String CSRF = "AAAAAAAAAAAAAAAAAAAAAA"; // 16 bytes, base64url: the cookie and the field agree

    /** A chunked (no Content-Length) form of {@code fields} fields {@code f=xxx…} of {@code size} bytes each, with the CSRF token. */
    private HttpResponse<String> chunkedFields(int fields, int size) throws Exception {
        byte[] field = ("&f=" + "x".repeat(size)).getBytes(StandardCharsets.US_ASCII);
        byte[] start = ("csrf-token=" + CSRF).getBytes(StandardCharsets.US_ASCII);
        InputStream body = new InputStream() {
            long position;
            final long total = start.length + (long) fields * field.length;

            @Override
            public int read() {
                if (position >= total) {
                    return -1;
                }
                long p = position++;
                return p < start.length ? start[(int) p] : field[(int) ((p - start.length) % field.length)];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (position >= total) {
                    return -1;
                }
                int n = 0;
                while (n < len && position < total) {
                    b[off + n++] = (byte) read();
                }
                return n;
            }
        };
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        return http.send(HttpRequest.newBuilder(echo).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", "csrf-token=" + CSRF)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void assertFriendly413(int status, String type, String body) {
        assertTrue(status == 413, status + " " + body);
        assertTrue(type.startsWith("text/html"), type);
        assertTrue(body.contains("<h1>Too much to send</h1>") && body.contains("4 MB") && body.contains("nothing was saved"), body);
    }

    @Test
    @TestSecurity(user = "alice", roles = "author")
    void aSignedInChunkedBodyOverTheLimitIsTheSameFriendly413() throws Exception {
        // 900 fields of 5 000 bytes: each field and the number of fields are allowed, the whole (4.5 MB) is not
        HttpResponse<String> r = chunkedFields(900, 5_000);
        assertFriendly413(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
        assertTrue(r.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"), "security headers stay");
    }

    @Test
    @TestSecurity(user = "alice", roles = "author")
    void aSignedInChunkedBodyUnderTheLimitIsRead() throws Exception {
        HttpResponse<String> r = chunkedFields(900, 4_000); // 3.6 MB
        assertTrue(r.statusCode() == 200 && r.body().equals("values=901 longest=4000"), r.statusCode() + " " + r.body());
    }

    @Test
    @TestSecurity(user = "alice", roles = "author")
    void aSignedInFieldOverOneMegabyteIsTheSameFriendly413() throws Exception {
        ChunkedPost.Answer a = ChunkedPost.send(echo, null, "application/x-www-form-urlencoded", "summary=", 2L * 1024 * 1024, "");
        assertFriendly413(a.status(), a.mediaType(), a.body());
    }

    @Test
    @TestSecurity(user = "alice", roles = "author")
    void aSignedInFormWithTooManyFieldsIsTheSameFriendly413NotA500() throws Exception {
        // Quarkus REST's url-encoded parser stops at 1 000 fields ("Param limit of 1000 was exceeded", which was a 500)
        HttpResponse<String> r = chunkedFields(1_001, 1);
        assertFriendly413(r.statusCode(), r.headers().firstValue("Content-Type").orElse(""), r.body());
    }

    @Test
    @TestSecurity(user = "alice", roles = "author")
    void aSignedInLongFieldAndManyFieldsAreRead() {
        // a summary of 3 000 characters was a 413 under Quarkus's default field limit of 2 KB
        given().contentType("application/x-www-form-urlencoded").cookie("csrf-token", CSRF)
                .formParam("csrf-token", CSRF).formParam("summary", "y".repeat(100_000))
                .when().post("/test-only/form-echo")
                .then().statusCode(200).body(org.hamcrest.Matchers.equalTo("values=2 longest=100000"));
        given().contentType("application/x-www-form-urlencoded").cookie("csrf-token", CSRF)
                .body("csrf-token=" + CSRF + "&f=1".repeat(999))
                .when().post("/test-only/form-echo")
                .then().statusCode(200).body(org.hamcrest.Matchers.equalTo("values=1000 longest=22"));
    }

    @Test
    void aSmallFormPostStillMeetsTheSignInRedirect() {
        given().redirects().follow(false).contentType("application/x-www-form-urlencoded").body("summary=short")
                .when().post("/postmortems/1/save")
                .then().statusCode(302);
    }
}
