package io.hindsight.problem;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Text that arrives outside a JSON body is held to the same rule as text inside one ({@link WellFormedText}): every
 * query parameter (name and value) and the path, once percent-decoded, must be well-formed UTF-8 without NUL, and the
 * {@code Idempotency-Key} header (stored as data) printable ASCII. Otherwise: a 400 problem naming the parameter,
 * before authentication and before any code of the service. Without it, a malformed escape such as {@code %ED%A0%80}
 * (an encoded lone surrogate) or {@code %FF} was silently turned into U+FFFD, and {@code %00} reached queries.
 */
@ApplicationScoped
public class WellFormedRequest {

    /** Right after {@link RequestLineLimit}: still before the body handler and authentication. */
    public static final int ORDER = RequestLineLimit.ORDER + 1;
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(WellFormedRequest::refuseIfIllFormed);
    }

    static void refuseIfIllFormed(RoutingContext ctx) {
        Problem.Violation violation = check(ctx.request());
        if (violation == null) {
            ctx.next();
            return;
        }
        BodyLimitProblem.answerAndClose(ctx, Problem.of(400, "Bad Request", "The request has invalid fields: " + violation.field())
                .withViolations(List.of(violation)).withInstance(WellFormedText.repaired(lenient(ctx.request().path(), false))));
    }

    /** The first ill-formed part of the request line or data header, or null. */
    public static Problem.Violation check(HttpServerRequest request) {
        String path = request.path();
        if (path != null && problem(path, false) != null) {
            return new Problem.Violation("(path)", problem(path, false));
        }
        String query = request.query();
        if (query != null && !query.isEmpty()) {
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                String name = eq < 0 ? pair : pair.substring(0, eq);
                String value = eq < 0 ? "" : pair.substring(eq + 1);
                String why = problem(name, true);
                if (why == null) {
                    why = problem(value, true);
                }
                if (why != null) {
                    return new Problem.Violation(WellFormedText.repaired(lenient(name, true)), why);
                }
            }
        }
        String key = request.getHeader(IDEMPOTENCY_KEY);
        if (key != null) {
            for (int i = 0; i < key.length(); i++) {
                char c = key.charAt(i);
                if (c < 0x20 || c > 0x7e) {
                    return new Problem.Violation(IDEMPOTENCY_KEY, "must be printable ASCII (a UUID, say)");
                }
            }
        }
        return null;
    }

    /** Why the percent-encoded {@code raw} is not acceptable text, or null. */
    static String problem(String raw, boolean form) {
        byte[] bytes = decode(raw, form);
        if (bytes == null) {
            return "malformed percent-encoding";
        }
        String text = WellFormedText.strictUtf8(bytes, 0, bytes.length);
        if (text == null) {
            return "ill-formed Unicode: the percent-encoded bytes are not well-formed UTF-8";
        }
        return WellFormedText.problem(text);
    }

    private static byte[] decode(String raw, boolean form) {
        if (raw.indexOf('%') < 0 && !(form && raw.indexOf('+') >= 0)) {
            return raw.getBytes(StandardCharsets.UTF_8);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    return null;
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    return null;
                }
                out.write(hi * 16 + lo);
                i += 2;
            } else if (form && c == '+') {
                out.write(' ');
            } else {
                byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }

    private static String lenient(String raw, boolean form) {
        byte[] bytes = decode(raw, form);
        return bytes == null ? raw : new String(bytes, StandardCharsets.UTF_8);
    }

}
