package io.hindsight.postmortem.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** A saved revision; {@code snapshot} is the post-mortem as it was (only in the single-revision view). */
@RegisterForReflection
public record RevisionView(long revision, String author, Instant at, JsonNode snapshot) {

    @RegisterForReflection
    public record Diff(long from, long to, List<Change> changes) {
    }

    @RegisterForReflection
    public record Change(String field, JsonNode before, JsonNode after, List<String> lines) {
    }
}
