package io.hindsight.ui.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.LocalDate;
import java.util.Map;

/** The UI's copies of postmortem-service's action items (ActionItemView) and their statistics. */
public final class ActionItems {

    private ActionItems() {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(long id, long postmortemId, String title, String owner, LocalDate dueDate, String priority, String status,
                       String link, boolean overdue, long version) {
    }

    @RegisterForReflection
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Stats(long total, Map<String, Long> byStatus, long open, long overdue, long done, long doneOnTime,
                        double completionRate) {

        /** The completion rate as a whole percentage, as postmortem-service computed it. */
        public long percent() {
            return Math.round(completionRate * 100);
        }
    }
}
