package io.hindsight.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.hindsight.problem.ChunkedBodyLimit.BodyTooLarge;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticator;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure of a request into {@code application/problem+json}: validation errors name
 * each bad field, malformed or mistyped JSON says where, and nothing leaks a stack trace.
 */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return e.toResponse();
    }

    /**
     * No token (or an anonymous caller) on an operation that needs one: {@code 401} with the authentication mechanism's
     * own challenge ({@code WWW-Authenticate: Bearer}), as Quarkus's default answer has it, plus the problem body.
     */
    @ServerExceptionMapper
    public Uni<Response> unauthorized(UnauthorizedException e, RoutingContext ctx) {
        HttpAuthenticator authenticator = ctx.get(HttpAuthenticator.class.getName());
        Uni<ChallengeData> challenge = authenticator == null ? Uni.createFrom().nullItem() : authenticator.getChallenge(ctx);
        String path = ctx.request().path();
        return challenge.onFailure().recoverWithNull().map(c -> {
            Response.ResponseBuilder builder = Response.status(401).type(Problem.MEDIA)
                    .entity(Problem.of(401, AuthenticationProblem.TITLE,
                            "This operation needs a bearer access token of the hindsight realm (Authorization: Bearer <token>)")
                            .withInstance(path));
            if (c == null || c.getHeaders().isEmpty()) {
                builder.header("WWW-Authenticate", "Bearer");
            } else {
                c.getHeaders().forEach((name, value) -> builder.header(name.toString(), value));
            }
            return builder.build();
        });
    }

    /** A valid token without a role the operation allows. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(403, "Forbidden", "Your token is valid but has none of the roles this operation allows")
                .withInstance(uri.getPath()).toResponse();
    }

    /** A body without a length that turned out larger than the limit while it was read ({@link ChunkedBodyLimit}). */
    @ServerExceptionMapper(priority = 1)
    public Response bodyTooLarge(BodyTooLarge e, UriInfo uri) {
        return tooLarge(e, uri);
    }

    static Response tooLarge(BodyTooLarge e, UriInfo uri) {
        // the rest of the body is not read: close the connection after the answer, as for a too-large declared length
        return Response.status(413).type(Problem.MEDIA).header("Connection", "close")
                .entity(BodyLimitProblem.tooLarge(e.limit()).withInstance(uri.getPath())).build();
    }

    @ServerExceptionMapper(priority = 1)
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = e.getConstraintViolations().stream()
                .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.Violation::field))
                .toList();
        String fields = violations.stream().map(Problem.Violation::field).distinct().collect(Collectors.joining(", "));
        return Problem.of(400, "Bad Request", "The request has invalid fields: " + fields)
                .withViolations(violations).withInstance(uri.getPath()).toResponse();
    }

    @ServerExceptionMapper(priority = 1)
    public Response json(JsonProcessingException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    /** Quarkus ships its own mapper for this subtype; ours keeps the problem+json shape. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatchedInput(MismatchedInputException e, UriInfo uri) {
        return jsonProblem(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response webApplication(WebApplicationException e, UriInfo uri) {
        var tooLarge = BodyTooLarge.in(e);
        if (tooLarge.isPresent()) {
            return tooLarge(tooLarge.get(), uri);
        }
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException jpe) {
            return jsonProblem(jpe, uri);
        }
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        Response.StatusType type = Response.Status.fromStatusCode(status);
        String title = type == null ? "HTTP " + status : type.getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No resource at " + uri.getPath();
            case 405 -> "This method is not allowed on " + uri.getPath();
            case 406 -> "The requested representation is not available; ask for application/json";
            case 415 -> "Unsupported content type; send application/json";
            case 413 -> "The request body is larger than the limit";
            default -> e.getMessage() == null || e.getMessage().startsWith("HTTP ") ? title : e.getMessage();
        };
        Response.ResponseBuilder builder = Response.status(status).type(Problem.MEDIA)
                .entity(Problem.of(status, title, detail).withInstance(uri.getPath()));
        if (original != null) {
            original.getHeaders().forEach((name, values) -> {
                if (!name.equalsIgnoreCase("Content-Type") && !name.equalsIgnoreCase("Content-Length")) {
                    values.forEach(v -> builder.header(name, v));
                }
            });
        }
        return builder.build();
    }

    @ServerExceptionMapper(priority = 10)
    public Response unexpected(RuntimeException e, UriInfo uri) {
        var tooLarge = BodyTooLarge.in(e);
        if (tooLarge.isPresent()) {
            return tooLarge(tooLarge.get(), uri);
        }
        if (DatabaseUnavailable.isCause(e)) {
            return databaseUnavailable(e, uri);
        }
        if (ConcurrentWrite.isCause(e)) {
            LOG.warnf("Concurrent write lost on %s: %s", uri.getPath(), rootMessage(e));
            return Problem.of(409, "Conflict", "A concurrent request changed or created the same thing first; nothing of this "
                    + "request was written. Reload and retry.").withInstance(uri.getPath()).toResponse();
        }
        LOG.errorf(e, "Unexpected failure on %s", uri.getPath());
        return Problem.of(500, "Internal Server Error", "An unexpected error occurred; it has been logged")
                .withInstance(uri.getPath()).toResponse();
    }

    /**
     * The database is unreachable (connection refused or lost, server shutting down or starting, pool acquisition
     * timeout, commit without a connection): 503 with {@code Retry-After}, so clients back off and retry, not a 500.
     */
    static Response databaseUnavailable(Throwable e, UriInfo uri) {
        LOG.warnf("Database unavailable on %s: %s", uri.getPath(), rootMessage(e));
        return Response.status(503).type(Problem.MEDIA)
                .header("Retry-After", String.valueOf(DatabaseUnavailable.RETRY_AFTER_SECONDS))
                .entity(Problem.of(503, "Service Unavailable",
                                "The database is unavailable right now. Retry in a few seconds.")
                        .withInstance(uri.getPath()))
                .build();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static Response jsonProblem(JsonProcessingException e, UriInfo uri) {
        var tooLarge = BodyTooLarge.in(e);
        if (tooLarge.isPresent()) {
            return tooLarge(tooLarge.get(), uri);
        }
        if (e instanceof JsonMappingException jme && !(e.getClass().getSimpleName().equals("JsonParseException"))
                && !jme.getPath().isEmpty()) {
            String field = pathOf(jme);
            String message;
            if (e instanceof UnrecognizedPropertyException) {
                message = "unknown field";
            } else if (illFormed(e) != null) {
                message = illFormed(e).getOriginalMessage();
            } else if (e.getOriginalMessage() != null && e.getOriginalMessage().contains("ill-formed Unicode")) {
                message = e.getOriginalMessage().lines().findFirst().orElse("ill-formed Unicode");
            } else if (e instanceof InvalidFormatException ife) {
                message = "'" + ife.getValue() + "' is not a valid " + describe(ife.getTargetType());
            } else if (e instanceof MismatchedInputException mie) {
                message = "expected " + describe(mie.getTargetType());
            } else {
                message = "invalid value";
            }
            return Problem.of(400, "Bad Request", "The request body has a field of the wrong type or value: " + field)
                    .withViolations(List.of(new Problem.Violation(field, message)))
                    .withInstance(uri.getPath()).toResponse();
        }
        String where = e.getLocation() == null ? "" :
                " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return Problem.of(400, "Bad Request", "The request body is not valid JSON" + where)
                .withInstance(uri.getPath()).toResponse();
    }

    /** The {@link StrictJson.IllFormedText} among {@code e} and its causes (Jackson wraps a map key's failure), or null. */
    private static StrictJson.IllFormedText illFormed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StrictJson.IllFormedText ill) {
                return ill;
            }
        }
        return null;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                names.add(c.toString());
            }
            return "value, one of " + names;
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && type != boolean.class)) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "array";
        }
        if (type == String.class) {
            return "string";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "ISO-8601 timestamp";
        }
        return "object";
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "(body)" : sb.toString();
    }

    /** The request-body field of a violation: the method and parameter nodes are dropped, the rest is the JSON path. */
    static String fieldOf(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CONSTRUCTOR || node.getKind() == ElementKind.CROSS_PARAMETER
                    || node.getKind() == ElementKind.RETURN_VALUE) {
                if (node.getKind() == ElementKind.PARAMETER && isQueryParameter(violation)) {
                    parts.add(node.getName());
                }
                continue;
            }
            String name = node.getName();
            if (name == null) {
                continue;
            }
            if (node.getIndex() != null) {
                name = name + "[" + node.getIndex() + "]";
            }
            parts.add(name);
        }
        return parts.isEmpty() ? "(body)" : String.join(".", parts);
    }

    private static boolean isQueryParameter(ConstraintViolation<?> violation) {
        // a violation directly on a method parameter (no bean property below it) is a query/path parameter
        int nodes = 0;
        for (Path.Node ignored : violation.getPropertyPath()) {
            nodes++;
        }
        return nodes == 2;
    }
}
