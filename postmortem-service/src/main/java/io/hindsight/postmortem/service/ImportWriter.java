package io.hindsight.postmortem.service;

import io.hindsight.postmortem.domain.Timestamps;
import io.hindsight.postmortem.domain.ImportRecord;
import io.hindsight.postmortem.domain.PostmortemStatus;
import io.hindsight.postmortem.domain.SourceKind;
import io.hindsight.postmortem.repository.Postmortem;
import io.hindsight.postmortem.repository.PostmortemRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Writes imported records, each batch in its own transaction: a batch commits whole or not at all, so a record
 * is never half-applied. Imported post-mortems are published (they were published where they came from) and
 * keep their source id and url; a record seen before is updated (with a revision) or left alone if unchanged.
 */
@ApplicationScoped
public class ImportWriter {

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    private final PostmortemRepository postmortems;
    private final PostmortemService service;
    private final PostmortemMapper mapper;

    public ImportWriter(PostmortemRepository postmortems, PostmortemService service, PostmortemMapper mapper) {
        this.postmortems = postmortems;
        this.service = service;
        this.mapper = mapper;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Outcome> write(List<ImportRecord> batch, String actor) {
        // one query for the whole batch instead of one per record
        Map<String, Long> known = new HashMap<>();
        postmortems.bySourceKeys(batch.stream().map(ImportRecord::sourceKey).distinct().toList())
                .forEach(p -> known.put(p.sourceKey, p.id));
        postmortems.getEntityManager().clear();
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        for (ImportRecord r : batch) {
            outcomes.add(apply(r, known, actor));
            // written and flushed: keep the persistence context small, or every flush re-checks the whole batch
            postmortems.getEntityManager().clear();
        }
        return outcomes;
    }

    private Outcome apply(ImportRecord r, Map<String, Long> known, String actor) {
        Long existingId = known.get(r.sourceKey());
        Postmortem p = existingId == null ? null : postmortems.findById(existingId);
        String categories = mapper.write(r.categories());
        if (p != null && Objects.equals(p.title, r.title()) && Objects.equals(p.summary, r.text())
                && Objects.equals(p.categoriesJson, categories) && Objects.equals(p.sourceCompany, r.company())
                && Objects.equals(p.sourceUrl, r.url()) && Objects.equals(p.impactStartedAt, r.date())) {
            return Outcome.UNCHANGED;
        }
        Instant now = Timestamps.now();
        boolean created = p == null;
        if (created) {
            p = new Postmortem();
            p.status = PostmortemStatus.PUBLISHED;
            p.sourceKind = SourceKind.IMPORT;
            p.sourceKey = r.sourceKey();
            p.createdBy = actor;
            p.createdAt = now;
            p.publishedAt = r.date() != null ? r.date() : now;
        }
        p.title = r.title();
        p.summary = r.text();
        p.rootCause = ImportedSections.rootCause(r.text());
        p.categoriesJson = categories;
        p.sourceId = r.sourceId();
        p.sourceUrl = r.url();
        p.sourceCompany = r.company();
        p.impactStartedAt = r.date();
        p.noActionItemsReason = "Imported from " + (r.company() == null ? "another tool" : r.company())
                + "; action items live at the source";
        p.updatedBy = actor;
        p.updatedAt = now;
        if (created) {
            postmortems.persist(p);
        }
        service.saved(p, actor);
        known.put(p.sourceKey, p.id);
        return created ? Outcome.CREATED : Outcome.UPDATED;
    }
}
