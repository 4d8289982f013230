package io.hindsight.search.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;

/**
 * One search result. {@code snippet} is HTML-escaped text in which matched terms are wrapped in
 * {@code <mark>}; everything else in it is inert. {@code date} is when it happened (incident detected,
 * post-mortem impact start, action item due).
 */
@RegisterForReflection
public record SearchHit(String type, String id, String title, String snippet, float score, String status,
                        String priority, List<String> services, List<String> categories, String visibility,
                        Instant date, Instant updatedAt) {
}
