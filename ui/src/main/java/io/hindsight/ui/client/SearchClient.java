package io.hindsight.ui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.util.List;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** search-service's API, called with the user's token; timeouts in {@code quarkus.rest-client.search.*}. */
@RegisterRestClient(configKey = "search")
@RegisterProvider(BearerTokenPropagation.class)
@Path("/api/search")
public interface SearchClient {

    @GET
    SearchResults search(@QueryParam("q") String q, @QueryParam("type") String type, @QueryParam("service") String service,
                         @QueryParam("priority") String priority, @QueryParam("sort") String sort,
                         @QueryParam("facet") List<String> facets, @QueryParam("offset") int offset, @QueryParam("limit") int limit);

    @GET
    @Path("/suggest")
    List<Suggestion> suggest(@QueryParam("q") String q, @QueryParam("limit") int limit);

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Suggestion(String text, String kind, String type, String id) {
    }
}
