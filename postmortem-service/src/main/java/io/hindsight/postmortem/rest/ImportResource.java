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
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import io.hindsight.problem.Problem;
import io.hindsight.problem.ProblemException;
import io.hindsight.problem.WellFormedText;
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
        // strict: bytes that are not well-formed UTF-8 are reported (by line), not silently replaced by U+FFFD
        return imports.jsonLines(new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT))), identity.getPrincipal().getName());
    }

    @POST
    @Path("/markdown")
    @Consumes({"text/markdown", MediaType.TEXT_PLAIN})
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Import one Markdown post-mortem with front matter (title, id or url, company, date, categories)")
    public ImportReport markdown(byte[] document) {
        String text = document == null ? "" : WellFormedText.strictUtf8(document, 0, document.length);
        if (text == null) {
            throw new ProblemException(Problem.of(400, "Bad Request", "The request has invalid fields: (body)")
                    .withViolations(List.of(new Problem.Violation("(body)", "ill-formed Unicode: the document is not well-formed UTF-8")))
                    .withInstance("/api/imports/markdown"));
        }
        return imports.markdown(text, identity.getPrincipal().getName());
    }
}
