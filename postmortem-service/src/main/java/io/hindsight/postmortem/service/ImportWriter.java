package io.hindsight.postmortem.service;

import io.hindsight.changefeed.ChangeFeed;
import io.hindsight.postmortem.domain.ImportRecord;
import io.hindsight.postmortem.domain.PostmortemStatus;
import io.hindsight.postmortem.domain.SourceKind;
import io.hindsight.postmortem.domain.Timestamps;
import io.hindsight.postmortem.repository.Postmortem;
import io.hindsight.postmortem.repository.PostmortemRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes imported records, each batch in its own transaction: a batch commits whole or not at all, so a record
 * is never half-applied. Imported post-mortems are published (they were published where they came from) and
 * keep their source id and url; a record seen before is updated (with a revision) or left alone if unchanged.
 *
 * <p>The batch costs a handful of round trips, not three per record: one query finds the records seen before,
 * the post-mortems are written with one flush (JDBC batches; ids come from a pooled sequence, so nothing has to
 * be inserted one by one to learn its id), their revisions with another, and the feed entries with one batched
 * insert ({@link ChangeFeed#appendAll}). A source record that occurs twice in one batch is written in two rounds,
 * so each occurrence still gets its own revision and feed entry, in file order.
 */
@ApplicationScoped
public class ImportWriter {

    public enum Outcome { CREATED, UPDATED, UNCHANGED }

    private final PostmortemRepository postmortems;
    private final PostmortemService service;
    private final PostmortemMapper mapper;
    private final ChangeFeed feed;

    public ImportWriter(PostmortemRepository postmortems, PostmortemService service, PostmortemMapper mapper, ChangeFeed feed) {
        this.postmortems = postmortems;
        this.service = service;
        this.mapper = mapper;
        this.feed = feed;
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<Outcome> write(List<ImportRecord> batch, String actor) {
        // one query for the whole batch instead of one per record; the post-mortems found stay managed
        Map<String, Postmortem> known = new HashMap<>();
        postmortems.bySourceKeys(batch.stream().map(ImportRecord::sourceKey).distinct().toList())
                .forEach(p -> known.put(p.sourceKey, p));
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        List<ChangeFeed.Change> changes = new ArrayList<>(batch.size());
        List<Postmortem> round = new ArrayList<>();
        Set<String> keysInRound = new HashSet<>();
        for (ImportRecord r : batch) {
            if (!keysInRound.add(r.sourceKey())) {
                // the same source record again: store the first occurrence (its revision, its feed entry) first
                changes.addAll(service.savedAll(round, actor));
                round.clear();
                keysInRound.clear();
                keysInRound.add(r.sourceKey());
            }
            Outcome outcome = apply(r, known, actor);
            if (outcome != Outcome.UNCHANGED) {
                round.add(known.get(r.sourceKey()));
            }
            outcomes.add(outcome);
        }
        changes.addAll(service.savedAll(round, actor));
        feed.appendAll(changes);
        return outcomes;
    }

    private Outcome apply(ImportRecord r, Map<String, Postmortem> known, String actor) {
        Postmortem p = known.get(r.sourceKey());
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
            known.put(p.sourceKey, p);
        }
        return created ? Outcome.CREATED : Outcome.UPDATED;
    }
}
