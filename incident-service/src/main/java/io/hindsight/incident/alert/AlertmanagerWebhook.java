package io.hindsight.incident.alert;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Prometheus Alertmanager webhook payload, version 4 (fields this service reads; others are ignored). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AlertmanagerWebhook(@NotBlank String version, String status, String receiver, String groupKey, String externalURL,
                                  @NotNull @Size(max = 500) List<@NotNull @Valid Alert> alerts) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Alert(@NotBlank String status, @NotNull Map<String, String> labels, Map<String, String> annotations,
                        Instant startsAt, Instant endsAt, String generatorURL, @NotBlank @Size(max = 255) String fingerprint) {
    }
}
