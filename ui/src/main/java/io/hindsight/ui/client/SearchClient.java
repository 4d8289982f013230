package io.hindsight.ui.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** search-service's API, called with the user's token; timeouts in {@code quarkus.rest-client.search.*}. */
@RegisterRestClient(configKey = "search")
@RegisterProvider(BearerTokenPropagation.class)
@Path("/api/search")
public interface SearchClient {

    @GET
    SearchResults search(@QueryParam("q") String q, @QueryParam("offset") int offset, @QueryParam("limit") int limit);
}
