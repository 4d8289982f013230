package io.hindsight.search.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

@RegisterForReflection
public record SimilarResults(List<String> queryTerms, List<SimilarMatch> matches) {
}
