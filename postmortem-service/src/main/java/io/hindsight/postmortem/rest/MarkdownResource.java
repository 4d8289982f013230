package io.hindsight.postmortem.rest;

import io.hindsight.postmortem.domain.MarkdownRenderer;
import io.hindsight.postmortem.domain.Roles;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Renders Markdown as the editor's preview shows it: sanitised HTML. */
@Path("/api/markdown")
@Tag(name = "Markdown")
public class MarkdownResource {

    public record RenderRequest(@NotNull @Size(max = 100_000) String markdown) {
    }

    @RegisterForReflection
    public record Rendered(String html) {
    }

    @POST
    @Path("/render")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.RESPONDER, Roles.AUTHOR, Roles.LEADER, Roles.ADMIN})
    @Operation(summary = "Markdown to sanitised HTML (no script, iframe, event handlers, javascript: URLs)")
    public Rendered render(@NotNull @Valid RenderRequest request) {
        return new Rendered(MarkdownRenderer.toHtml(request.markdown()));
    }
}
