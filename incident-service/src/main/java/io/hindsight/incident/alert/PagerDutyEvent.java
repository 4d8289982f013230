package io.hindsight.incident.alert;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/** A PagerDuty Events API v2 event (the fields this service reads). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PagerDutyEvent(@JsonProperty("routing_key") String routingKey,
                             @JsonProperty("event_action") @NotBlank @Pattern(regexp = "trigger|acknowledge|resolve",
                                     message = "must be trigger, acknowledge or resolve") String eventAction,
                             @JsonProperty("dedup_key") @Size(max = 255) String dedupKey,
                             @Valid Payload payload) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Payload(@NotBlank @Size(max = 1024) String summary, @NotBlank @Size(max = 255) String source,
                          @NotBlank @Pattern(regexp = "critical|error|warning|info", message = "must be critical, error, warning or info") String severity,
                          String timestamp, @Size(max = 255) String component, @Size(max = 255) String group,
                          @JsonProperty("class") @Size(max = 255) String eventClass,
                          @JsonProperty("custom_details") Map<String, Object> customDetails) {
    }
}
