package io.hindsight.problem;

import io.quarkus.runtime.configuration.MemorySize;
import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The size limit of a body without a {@code Content-Length} (sent chunked), counted while the body is read.
 * Quarkus REST's own count answers an empty {@code 413} straight on the connection, bypassing every mapper;
 * {@link BodyLimitProblem} takes that count away from it for such requests and this interceptor counts instead:
 * one byte over {@code quarkus.http.limits.max-body-size} is a {@link BodyTooLarge}, which
 * {@link ProblemExceptionMappers} answers with the same {@code 413} problem as a too-large declared length.
 * A body with a {@code Content-Length} is checked before it is read, by {@link BodyLimitProblem}.
 * Server side only: the REST clients (search-service reading the feeds) read answers of any size.
 */
@Provider
@ConstrainedTo(RuntimeType.SERVER)
public class ChunkedBodyLimit implements ReaderInterceptor {

    private final long limit = ConfigProvider.getConfig()
            .getOptionalValue("quarkus.http.limits.max-body-size", MemorySize.class)
            .map(MemorySize::asLongValue).orElse(-1L);

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        if (limit >= 0 && context.getHeaders().getFirst(HttpHeaders.CONTENT_LENGTH) == null) {
            context.setInputStream(new Counted(context.getInputStream(), limit));
        }
        return context.proceed();
    }

    /** Thrown while reading a body that turned out larger than the limit; a 413 problem. */
    public static final class BodyTooLarge extends IOException {
        private final long limit;

        BodyTooLarge(long limit) {
            super("The request body is larger than the limit of " + limit + " bytes", null);
            this.limit = limit;
        }

        public long limit() {
            return limit;
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
