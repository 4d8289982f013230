package io.hindsight.ui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** search-service's similar-incidents query: the "what worked last time" cards. */
@RegisterRestClient(configKey = "search")
@RegisterProvider(BearerTokenPropagation.class)
@Path("/api/search/similar")
public interface SimilarClient {

    @POST
    Results similar(Request request);

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Request(String symptom, String title, List<String> services, String excludeIncidentId, Integer limit) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Results(List<String> queryTerms, List<Match> matches) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Match(String type, String id, String title, List<String> matchedTerms, String rootCause, List<Fix> fixes,
                 List<String> lessons, String incidentId, String postmortemId, String priority, List<String> services,
                 Instant date) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Fix(String description, String revertPlan) {
    }
}
