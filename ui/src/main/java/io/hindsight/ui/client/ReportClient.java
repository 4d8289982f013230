package io.hindsight.ui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** search-service's trend reports for leaders, called with the user's token. */
@RegisterRestClient(configKey = "search")
@RegisterProvider(BearerTokenPropagation.class)
@Path("/api/reports")
public interface ReportClient {

    @GET
    @Path("/incidents")
    Counts counts(@QueryParam("interval") String interval, @QueryParam("from") String from, @QueryParam("to") String to,
                  @QueryParam("service") String service);

    @GET
    @Path("/response-times")
    ResponseTimesReport responseTimes(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("service") String service);

    @GET
    @Path("/repeats")
    Repeats repeats(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("service") String service);

    @GET
    @Path("/action-items")
    ActionItems actionItems(@QueryParam("service") String service);

    @GET
    @Path("/status-updates")
    CadenceReport cadence(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("service") String service);

    /** Any report as CSV, for download. */
    @GET
    @Path("/{name}")
    @Produces("text/csv")
    String csv(@PathParam("name") String name, @QueryParam("format") String format, @QueryParam("from") String from,
               @QueryParam("to") String to, @QueryParam("service") String service);

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Counts(String interval, List<Period> periods) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Period(String period, long total, Map<String, Long> byPriority, Map<String, Long> byService, Map<String, Long> byCategory) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Stats(int count, Double medianMinutes, Double p90Minutes, Double meanMinutes) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseTimes(Stats mtta, Stats mttm, Stats mttr) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ResponseTimesReport(ResponseTimes all, Map<String, ResponseTimes> byPriority) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Repeat(String service, String category, String incidentId, String previousIncidentId, long daysSincePrevious) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ServiceFrequency(String service, long incidents, long repeats, String classification) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Repeats(List<Repeat> repeats, List<ServiceFrequency> services) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record ActionItems(long total, long open, long inProgress, long done, long wontDo, Double completionRate, long overdue) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Cadence(long incidents, long updates, long late, Double compliance) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record CadenceReport(Cadence all, Map<String, Cadence> byPriority) {
    }
}
