package io.hindsight.search.rest;

import io.hindsight.search.index.SearchService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
public class SearchResource {

    private final SearchService search;

    public SearchResource(SearchService search) {
        this.search = search;
    }

    @GET
    @RolesAllowed({"responder", "author", "leader", "runbook", "admin"})
    @Operation(summary = "Search past and live incidents",
            description = "Lucene query syntax: words, \"phrases\", AND/OR/NOT, field:value (title, symptom, service, status, priority). "
                    + "An empty q lists everything, newest first. Broken syntax answers 400 with a readable problem.")
    public SearchResults search(@QueryParam("q") @Size(max = 2000) String q,
                                @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return search.search(q, offset, limit);
    }
}
