package io.hindsight.postmortem.rest;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** The outcome of an import: counts, and each rejected record with its line number and why. */
@RegisterForReflection
public record ImportReport(int records, int created, int updated, int unchanged, List<LineError> errors) {

    @RegisterForReflection
    public record LineError(int line, String field, String message) {
    }
}
