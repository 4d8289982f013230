package io.hindsight.postmortem.rest;

import io.hindsight.postmortem.domain.PostmortemStatus;
import io.hindsight.postmortem.repository.Postmortem;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A post-mortem as the API and the change feed show it. */
@RegisterForReflection
public record PostmortemView(long id, Long incidentId, String title, String summary, PostmortemStatus status,
                             String createdBy, Instant createdAt, Instant updatedAt, long version) {

    public static PostmortemView of(Postmortem p) {
        return new PostmortemView(p.id, p.incidentId, p.title, p.summary, p.status, p.createdBy, p.createdAt, p.updatedAt, p.version);
    }
}
