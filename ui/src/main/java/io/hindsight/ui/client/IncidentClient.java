package io.hindsight.ui.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** incident-service's API, called with the user's token; timeouts in {@code quarkus.rest-client.incidents.*}. */
@RegisterRestClient(configKey = "incidents")
@RegisterProvider(BearerTokenPropagation.class)
@Path("/api/incidents")
public interface IncidentClient {

    @GET
    IncidentPage list(@QueryParam("limit") int limit, @QueryParam("cursor") String cursor, @QueryParam("open") Boolean open,
                      @QueryParam("priority") String priority, @QueryParam("service") String service);

    @GET
    @Path("/{id}")
    IncidentSummary get(@PathParam("id") long id);
}
