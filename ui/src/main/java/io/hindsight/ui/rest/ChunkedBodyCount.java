package io.hindsight.ui.rest;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The size limit of a body without a {@code Content-Length} (sent chunked) on a page, counted while the body is read.
 * Such a body passes {@link BodyLimitPage}'s check (no length to check) and sign-in; Quarkus REST's own count then
 * answered an empty {@code 413} straight on the connection. {@link BodyLimitPage} moves that count to twice the limit
 * for these requests, and this filter (before matching, so before the form is parsed) counts the bytes the form parser
 * reads instead: one byte over {@code quarkus.http.limits.max-body-size} is a {@link BodyTooLarge}, which
 * {@link ErrorPages} answers with the friendly {@code 413} page. Browsers send forms with a length; this is for other clients.
 */
public class ChunkedBodyCount {

    private final long limit = BodyLimitPage.bodyLimit();

    @ServerRequestFilter(preMatching = true)
    public void count(ContainerRequestContext request) {
        if (limit >= 0 && request.getHeaderString(HttpHeaders.CONTENT_LENGTH) == null
                && request.getHeaderString("Transfer-Encoding") != null) {
            request.setEntityStream(new Counted(request.getEntityStream(), limit));
        }
    }

    /** Thrown while reading a body that turned out larger than the limit; the 413 page. */
    public static final class BodyTooLarge extends IOException {
        BodyTooLarge(long limit) {
            super("The request body is larger than the limit of " + limit + " bytes", null);
        }

        /** The {@link BodyTooLarge} among {@code e} and its causes, if any. */
        static Optional<BodyTooLarge> in(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
                if (t instanceof BodyTooLarge tooLarge) {
                    return Optional.of(tooLarge);
                }
            }
            return Optional.empty();
        }
    }

    static final class Counted extends FilterInputStream {
        private final long limit;
        private long count;

        Counted(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            add(skipped);
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false; // every byte is counted once
        }

        private void add(long n) throws BodyTooLarge {
            count += n;
            if (count > limit) {
                throw new BodyTooLarge(limit);
            }
        }
    }
}
