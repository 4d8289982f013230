package io.hindsight.problem;

import jakarta.ws.rs.core.Response;

/**
 * Thrown by domain code to answer a request with a specific problem (a refused transition,
 * a conflict, a missing resource) without knowing about HTTP mapping.
 */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Response.ResponseBuilder headers;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    public ProblemException(Problem problem, Response.ResponseBuilder headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = headers;
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(Problem.of(404, "Not Found", what));
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, "Bad Request", detail));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "Conflict", detail));
    }

    public Problem problem() {
        return problem;
    }

    public Response toResponse() {
        Response.ResponseBuilder builder = headers == null ? Response.status(problem.status()) : headers.status(problem.status());
        return builder.type(Problem.MEDIA).entity(problem).build();
    }
}
