package io.hindsight.ui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The UI's own copy of search-service's result DTOs. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchResults(String query, long total, int offset, int limit, List<Hit> hits,
                            Map<String, Map<String, Long>> facets) {

    /** Counts of one facet field, largest first. */
    public record FacetGroup(String field, List<Map.Entry<String, Long>> counts) {
    }

    /** The facet fields the page shows, in order, each with its counts (fields without counts left out). */
    public List<FacetGroup> facetGroups() {
        return java.util.stream.Stream.of("type", "service", "priority", "category", "status")
                .map(f -> new FacetGroup(f, facet(f))).filter(g -> !g.counts().isEmpty()).toList();
    }

    /** Facet counts of one field, largest first (empty when the service sent none). */
    public List<Map.Entry<String, Long>> facet(String field) {
        if (facets == null || facets.get(field) == null) {
            return List.of();
        }
        return facets.get(field).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(10).toList();
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Hit(String type, String id, String title, String snippet, float score, String status, String priority,
                      List<String> services, Instant updatedAt) {

        /** Where the UI shows this result, if it has a page for its type. */
        public String link() {
            return switch (type == null ? "" : type) {
                case "incident" -> "/incidents/" + id;
                case "postmortem" -> "/postmortems/" + id;
                case "lesson" -> "/lessons/" + id;
                case "action-item" -> "/action-items";
                default -> null;
            };
        }

        /** The snippet as text runs, each marked or not; the template escapes every run. */
        public List<SnippetPart> parts() {
            return SnippetPart.parse(snippet);
        }
    }
}
