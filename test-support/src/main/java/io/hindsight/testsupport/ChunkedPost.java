package io.hindsight.testsupport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

/**
 * Sends a request body without a {@code Content-Length}: {@link HttpRequest.BodyPublishers#ofInputStream} makes the
 * JDK client send it {@code Transfer-Encoding: chunked}, so the server only learns its size while reading it.
 * The body is {@code start}, then {@code filler} bytes of {@code x} (generated, never held in memory), then {@code end}.
 */
public final class ChunkedPost {

    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    /** The answer: status, the media type without parameters, the body. */
    public record Answer(int status, String mediaType, String body) {
    }

    private ChunkedPost() {
    }

    /**
     * {@code token} may be {@code null}: no {@code Authorization} header (the UI's tests sign in with
     * {@code @TestSecurity}, on the server side).
     */
    public static Answer send(URI url, String token, String contentType, String start, long filler, String end) {
        InputStream fill = new InputStream() {
            long left = filler;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(len, left);
                Arrays.fill(b, off, off + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
        InputStream body = new SequenceInputStream(new ByteArrayInputStream(start.getBytes(StandardCharsets.UTF_8)),
                new SequenceInputStream(fill, new ByteArrayInputStream(end.getBytes(StandardCharsets.UTF_8))));
        HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        HttpRequest request = builder.build();
        try {
            HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            String type = r.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
            return new Answer(r.statusCode(), type, r.body());
        } catch (IOException e) {
            throw new IllegalStateException("POST " + url + " (chunked): " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
