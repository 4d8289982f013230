package io.hindsight.ui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** search-service's index administration (status, dead letters), called with the admin's token. */
@RegisterRestClient(configKey = "search")
@RegisterProvider(BearerTokenPropagation.class)
@Path("/api/admin/index")
public interface IndexAdminClient {

    @GET
    Status status();

    @GET
    @Path("/dead-letters")
    DeadLetters deadLetters();

    @POST
    @Path("/dead-letters/retry")
    RetryResults retryAll();

    @POST
    @Path("/dead-letters/{feed}/{seq}/retry")
    RetryResults retry(@PathParam("feed") String feed, @PathParam("seq") long seq);

    @DELETE
    @Path("/dead-letters/{feed}/{seq}")
    void discard(@PathParam("feed") String feed, @PathParam("seq") long seq);

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Status(String requestedAt, long rebuilds, int documents, boolean complete, int deadLetters, long deadLettersDropped,
                  List<Feed> feeds) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Feed(String feed, long cursor, long headSeq, Double percent, String lastError, long lagEntries, double lagSeconds,
                String lastSuccess, int deadLetters, String healedAt, long heals, boolean rereading) {

        /** The lag in seconds, rounded, for display. */
        public long lagSecondsRounded() {
            return Math.round(lagSeconds);
        }
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DeadLetters(int count, long dropped, List<DeadLetter> deadLetters) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record DeadLetter(String feed, long seq, long fromSeq, String entityType, String entityId, String error, String firstSeen,
                      String lastSeen, int attempts) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RetryOutcome(String feed, long seq, String outcome, String detail) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record RetryResults(List<RetryOutcome> outcomes, int remaining) {
    }
}
