package io.hindsight.problem;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Answers any {@code /api/...} path that no resource owns with a 404 problem instead of an empty body.
 * JAX-RS matching prefers every literal path over this one, so it only ever sees unknown routes.
 */
@Path("/api/{unmatched: .+}")
@PermitAll
public class UnmatchedApiRouteResource {

    @GET
    @Operation(hidden = true)
    public Response get(UriInfo uri) {
        return notFound(uri);
    }

    @POST
    @Operation(hidden = true)
    public Response post(UriInfo uri) {
        return notFound(uri);
    }

    @PUT
    @Operation(hidden = true)
    public Response put(UriInfo uri) {
        return notFound(uri);
    }

    @PATCH
    @Operation(hidden = true)
    public Response patch(UriInfo uri) {
        return notFound(uri);
    }

    @DELETE
    @Operation(hidden = true)
    public Response delete(UriInfo uri) {
        return notFound(uri);
    }

    private static Response notFound(UriInfo uri) {
        return Problem.of(404, "Not Found", "No API route at " + uri.getPath()).withInstance(uri.getPath()).toResponse();
    }
}
