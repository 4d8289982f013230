package io.hindsight.ui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** The UI's own copy of search-service's result DTOs. */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
public record SearchResults(String query, long total, int offset, int limit, List<Hit> hits) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Hit(String type, String id, String title, String snippet, float score, String status, String priority,
                      List<String> services, Instant updatedAt) {

        /** The snippet as text runs, each marked or not; the template escapes every run. */
        public List<SnippetPart> parts() {
            return SnippetPart.parse(snippet);
        }
    }
}
