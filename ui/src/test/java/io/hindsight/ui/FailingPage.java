package io.hindsight.ui;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** A page with a bug, only in the tests: what a user sees when a page fails on our side. */
@io.quarkus.security.Authenticated
@Path("/test-only/failing-page")
public class FailingPage {

    @GET
    @Produces(MediaType.TEXT_HTML)
    public String page() {
        throw new IllegalStateException("secret internal detail: connection string jdbc:h2:/var/data");
    }
}
