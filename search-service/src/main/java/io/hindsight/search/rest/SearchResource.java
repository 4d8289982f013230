package io.hindsight.search.rest;

import io.hindsight.search.index.Access;
import io.hindsight.search.index.SearchRequest;
import io.hindsight.search.index.SearchService;
import io.hindsight.search.index.SimilarService;
import io.hindsight.search.index.SuggestService;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.NonBlocking;
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
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/search")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search")
public class SearchResource {

    private final SearchService search;
    private final SimilarService similar;
    private final SuggestService suggest;
    private final SecurityIdentity identity;

    public SearchResource(SearchService search, SimilarService similar, SuggestService suggest, SecurityIdentity identity) {
        this.search = search;
        this.similar = similar;
        this.suggest = suggest;
        this.identity = identity;
    }

    @GET
    @Path("/suggest")
    @RolesAllowed({"responder", "author", "leader", "runbook", "admin"})
    @Operation(summary = "Completions for the search box",
            description = "Services and exception/class names starting with q (case-insensitive), then titles whose last word "
                    + "starts with q's last word; only what the caller may see.")
    public List<Suggestion> suggest(@QueryParam("q") @NotNull @Size(min = 1, max = 100) String q,
                                    @QueryParam("limit") @DefaultValue("10") @Min(1) @Max(20) int limit) {
        return suggest.suggest(q, limit, Access.of(identity.getRoles()));
    }

    @POST
    @Path("/similar")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({"responder", "author", "leader", "runbook", "admin"})
    @Operation(summary = "Past incidents, post-mortems and lessons like a new symptom: what worked last time",
            description = "Ranks by the symptom's (and title's, labels') most distinctive terms with the search field weights, "
                    + "boosting the same services. Each match lists the request words it shares (matchedTerms), its confirmed "
                    + "root cause, the changes that IMPROVED things (fixes), its lessons and prevention. Drills are excluded "
                    + "unless includeDrills is true; drafts follow the same access rules as search.")
    public SimilarResults similar(@Valid @NotNull SimilarRequest request) {
        return similar.similar(request, Access.of(identity.getRoles()));
    }

    @GET
    @NonBlocking // CPU only, a few ms: answered on the event loop, without two thread hand-offs per request (README, "Per request")
    @RolesAllowed({"responder", "author", "leader", "runbook", "admin"})
    @Operation(summary = "Search incidents, post-mortems, lessons and action items",
            description = "Lucene query syntax: words, \"phrases\", AND/OR/NOT, +must -mustNot, field:value on title, symptom, "
                    + "rootCause, body, ops, service, status, priority, category, type, name. Default fields and weights: title 4, "
                    + "symptom 3, rootCause 2, ops 1.5 (technical tokens: exception and class names, snake_case, dotted names, "
                    + "codes, hosts, versions), body 1. An empty q lists everything, newest first. Broken syntax, unknown fields, "
                    + "bad filters and unknown facets answer 400 with a readable problem. Drafts are visible to authors and "
                    + "admins only, post-mortems in review also to leaders; the filter is part of the Lucene query.")
    public SearchResults search(@QueryParam("q") @Size(max = 2000) String q,
                                @Parameter(description = "incident, postmortem, lesson, action-item (repeat or comma-separate)")
                                @QueryParam("type") @Size(max = 20) List<String> types,
                                @QueryParam("service") @Size(max = 20) List<String> services,
                                @Parameter(description = "P0, P1, P2") @QueryParam("priority") @Size(max = 20) List<String> priorities,
                                @QueryParam("category") @Size(max = 20) List<String> categories,
                                @QueryParam("status") @Size(max = 20) List<String> statuses,
                                @Parameter(description = "ISO date or instant; on the date the thing happened")
                                @QueryParam("from") @Size(max = 40) String from,
                                @QueryParam("to") @Size(max = 40) String to,
                                @Parameter(description = "relevance (default with a query) or recent")
                                @QueryParam("sort") @Size(max = 20) String sort,
                                @Parameter(description = "facet fields to count: type, service, priority, category, status")
                                @QueryParam("facet") @Size(max = 10) List<String> facets,
                                @QueryParam("offset") @DefaultValue("0") @Min(0) int offset,
                                @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit) {
        return search.search(new SearchRequest(q, types, services, priorities, categories, statuses, from, to, sort, facets,
                offset, limit), Access.of(identity.getRoles()));
    }
}
