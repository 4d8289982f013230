package io.hindsight.incident.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** One page of incidents, newest first; {@code nextCursor} is null on the last page. */
@RegisterForReflection
public record IncidentPage(List<IncidentView> items, String nextCursor) {
}
