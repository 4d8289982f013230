package io.hindsight.ui.client;

import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** incident-service's live snapshots (SSE); its own client key because the stream is long-lived. */
@RegisterRestClient(configKey = "incidents-live")
@RegisterProvider(BearerTokenPropagation.class)
@Path("/api/incidents")
public interface IncidentLiveClient {

    @GET
    @Path("/{id}/live")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    Multi<IncidentDetail> live(@PathParam("id") long id);
}
