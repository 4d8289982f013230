package io.hindsight.ui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/** A status update as read (with its paste-ready {@code text}) and as posted (without). */
@RegisterForReflection
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StatusUpdate(Integer seq, Instant postedAt, String postedBy, String status, String symptom, String scope,
                           String started, List<Tried> tried, List<NextStep> nextSteps, String workaround,
                           Instant nextUpdateAt, String text) {

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Tried(String what, String result) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NextStep(String action, Integer etaMinutes) {
    }
}
