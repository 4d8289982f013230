package io.hindsight.postmortem.repository;

import io.hindsight.postmortem.domain.PostmortemStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class RevisionRepository implements PanacheRepository<PostmortemRevision> {

    /** The revisions saved in one of the {@code visible} statuses, newest first. */
    public List<PostmortemRevision> of(long postmortemId, List<PostmortemStatus> visible, int offset, int limit) {
        return find("postmortemId = :p and status in :visible", Sort.descending("revision"),
                Parameters.with("p", postmortemId).and("visible", visible)).range(offset, offset + limit - 1).list();
    }

    public Optional<PostmortemRevision> one(long postmortemId, long revision) {
        return find("postmortemId = :p and revision = :r", Parameters.with("p", postmortemId).and("r", revision))
                .firstResultOptional();
    }
}
