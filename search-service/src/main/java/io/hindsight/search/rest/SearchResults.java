package io.hindsight.search.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

@RegisterForReflection
public record SearchResults(String query, long total, int offset, int limit, List<SearchHit> hits) {
}
