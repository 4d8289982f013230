package io.hindsight.postmortem.client;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** incident-service's read API, as this service uses it (the caller's bearer token is passed through). */
@RegisterRestClient(configKey = "incident-service")
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
interface IncidentApi {

    @GET
    @Path("/{id}")
    IncidentSnapshot incident(@PathParam("id") long id, @HeaderParam("Authorization") String authorization);

    @GET
    @Path("/{id}/timeline")
    IncidentSnapshot.Timeline timeline(@PathParam("id") long id, @HeaderParam("Authorization") String authorization);
}
