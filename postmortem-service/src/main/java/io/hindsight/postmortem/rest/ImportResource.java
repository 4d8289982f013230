package io.hindsight.postmortem.rest;

import io.hindsight.postmortem.domain.Roles;
import io.hindsight.postmortem.service.ImportService;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Imports past post-mortems from other tools (admins). */
@Path("/api/imports")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Imports")
public class ImportResource {

    private final ImportService imports;
    private final SecurityIdentity identity;

    public ImportResource(ImportService imports, SecurityIdentity identity) {
        this.imports = imports;
        this.identity = identity;
    }

    @POST
    @Path("/jsonl")
    @Consumes({"application/x-ndjson", "application/jsonl", "application/x-jsonlines", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import JSON Lines: one {id, title, company, date, categories, text, url} per line",
            description = "Idempotent by source id (else url). Bad lines are reported by line number; good ones import.")
    public ImportReport jsonLines(InputStream body) {
        return imports.jsonLines(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8)), identity.getPrincipal().getName());
    }

    @POST
    @Path("/markdown")
    @Consumes({"text/markdown", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import one Markdown post-mortem with front matter (title, id or url, company, date, categories)")
    public ImportReport markdown(String document) {
        return imports.markdown(document == null ? "" : document, identity.getPrincipal().getName());
    }
}
