package io.hindsight.ui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The UI's copy of postmortem-service's lessons (LessonView). */
public final class Lessons {

    private Lessons() {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Lesson(long id, String title, String body, List<String> tags, List<Long> postmortemIds, int recurrence,
                         String createdBy) {
    }
}
