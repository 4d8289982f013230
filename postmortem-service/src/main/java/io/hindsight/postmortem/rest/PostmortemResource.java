package io.hindsight.postmortem.rest;

import io.hindsight.postmortem.domain.PostmortemStatus;
import io.hindsight.postmortem.domain.Roles;
import io.hindsight.postmortem.service.PostmortemService;
import io.hindsight.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/postmortems")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Post-mortems")
public class PostmortemResource {

    private final PostmortemService service;
    private final SecurityIdentity identity;

    public PostmortemResource(PostmortemService service, SecurityIdentity identity) {
        this.service = service;
        this.identity = identity;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AUTHOR, Roles.ADMIN})
    @Operation(summary = "Start a post-mortem draft")
    public Response create(@NotNull @Valid CreatePostmortemRequest request, UriInfo uri) {
        PostmortemView view = service.create(request, identity.getPrincipal().getName());
        return Response.created(uri.getAbsolutePathBuilder().path(String.valueOf(view.id())).build())
                .tag(String.valueOf(view.version())).entity(view).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "One post-mortem", description = "Drafts are visible to authors and admins only; leaders also see post-mortems in review.")
    public Response get(@PathParam("id") long id) {
        PostmortemView view = service.find(id)
                .filter(p -> visibleStatuses().contains(p.status()))
                .orElseThrow(() -> ProblemException.notFound("No post-mortem " + id));
        return Response.ok(view).tag(String.valueOf(view.version())).build();
    }

    @GET
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.RUNBOOK, Roles.ADMIN})
    @Operation(summary = "Post-mortems the caller may see, newest first")
    public List<PostmortemView> list(@QueryParam("limit") @DefaultValue("50") @Min(1) @Max(200) int limit) {
        return service.newest(List.copyOf(visibleStatuses()), limit);
    }

    private EnumSet<PostmortemStatus> visibleStatuses() {
        if (identity.hasRole(Roles.AUTHOR) || identity.hasRole(Roles.ADMIN)) {
            return EnumSet.allOf(PostmortemStatus.class);
        }
        if (identity.hasRole(Roles.LEADER)) {
            return EnumSet.of(PostmortemStatus.IN_REVIEW, PostmortemStatus.PUBLISHED);
        }
        return EnumSet.of(PostmortemStatus.PUBLISHED);
    }
}
