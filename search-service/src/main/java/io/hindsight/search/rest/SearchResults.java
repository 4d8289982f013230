package io.hindsight.search.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.Map;

/** A page of results; {@code facets} maps each facet field to its values and their counts over all matches. */
@RegisterForReflection
public record SearchResults(String query, long total, int offset, int limit, String sort, List<SearchHit> hits,
                            Map<String, Map<String, Long>> facets) {
}
