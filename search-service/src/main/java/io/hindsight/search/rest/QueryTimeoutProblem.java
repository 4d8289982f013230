package io.hindsight.search.rest;

import io.hindsight.problem.Problem;
import io.hindsight.search.index.IndexWriterLifecycle.QueryTimedOut;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A query stopped at {@code hindsight.search.query-timeout}: {@code 503} with {@code Retry-After} and a problem that
 * says what happened and what to do; never partial results. Why 503 and not 400/422: what is left after the up-front
 * refusals (leading wildcards, over 256 terms, regular expressions too complex to compile: 400) is expensive only in
 * relation to the index size and the load at that moment; the same query may well finish when the replica is less busy,
 * so the client is told to back off and may retry, and the operator sees it as a capacity signal (a 5xx), not as the
 * caller's mistake.
 */
public class QueryTimeoutProblem {

    static final int RETRY_AFTER_SECONDS = 5;
    private static final Logger LOG = Logger.getLogger(QueryTimeoutProblem.class);

    @ServerExceptionMapper
    public Response timedOut(QueryTimedOut e, HttpServerRequest request) {
        long ms = e.timeout().toMillis();
        LOG.warnf("query stopped after %d ms: %s %s", ms, request.method(), abbreviate(request.uri()));
        Problem problem = Problem.of(503, "Service Unavailable", "The query did not finish within " + ms + " ms and was stopped;"
                        + " no partial results are returned. Narrow it (fewer wildcard, fuzzy or regular-expression terms, a filter"
                        + " such as type, service or a date range) or try again in a few seconds.")
                .withInstance(request.path()).withExtensions(Map.of("timeoutMs", ms));
        return Response.status(503).header("Retry-After", String.valueOf(RETRY_AFTER_SECONDS)).type(Problem.MEDIA).entity(problem).build();
    }

    private static String abbreviate(String s) {
        return s == null ? "" : s.length() > 200 ? io.hindsight.problem.WellFormedText.prefix(s, 200) + "…" : s;
    }
}
