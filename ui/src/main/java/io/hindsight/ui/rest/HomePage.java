package io.hindsight.ui.rest;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;

/** The start page is the incident list. */
@Path("/")
@Authenticated
public class HomePage {

    @GET
    public Response home() {
        return Response.seeOther(URI.create("/incidents")).build();
    }
}
