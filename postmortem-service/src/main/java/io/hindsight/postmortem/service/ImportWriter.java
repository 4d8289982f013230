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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes imported records, each batch in its own transaction: a batch commits whole or not at all, so a record
 * is never half-applied. Imported post-mortems are published (they were published where they came from) and
 * keep their source id and url; a report seen before (the same normalised url, else the same id: see
 * {@link ImportRecord#sourceKey()}) is updated (with a revision) or left alone if unchanged.
 *
 * <p>The batch costs a handful of round trips, not three per record: one query finds the records seen before,
 * the post-mortems are written with one flush (JDBC batches; ids come from a pooled sequence, so nothing has to
 * be inserted one by one to learn its id), their revisions with another, and the feed entries with one batched
 * insert ({@link ChangeFeed#appendAll}). A report that occurs twice in one batch is written in two rounds,
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
        Known known = new Known();
        List<String> keys = batch.stream().map(ImportRecord::sourceKey).distinct().toList();
        List<String> ids = batch.stream().map(ImportRecord::sourceId).filter(Objects::nonNull).distinct().toList();
        postmortems.importedBySourceKeysOrIds(keys, ids).forEach(known::add);
        List<Outcome> outcomes = new ArrayList<>(batch.size());
        List<ChangeFeed.Change> changes = new ArrayList<>(batch.size());
        List<Postmortem> round = new ArrayList<>();
        Set<Postmortem> inRound = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (ImportRecord r : batch) {
            Postmortem stored = known.of(r);
            if (stored != null && inRound.contains(stored)) {
                // the same report again: store the first occurrence (its revision, its feed entry) first
                changes.addAll(service.savedAll(round, actor));
                round.clear();
                inRound.clear();
            }
            Postmortem[] written = new Postmortem[1];
            Outcome outcome = apply(r, stored, actor, written);
            known.add(written[0]);
            if (outcome != Outcome.UNCHANGED) {
                round.add(written[0]);
                inRound.add(written[0]);
            }
            outcomes.add(outcome);
        }
        changes.addAll(service.savedAll(round, actor));
        feed.appendAll(changes);
        return outcomes;
    }

    /**
     * The imported post-mortems a batch may update, found by identity ({@link ImportRecord#sourceKey()}: the
     * normalised url, else the id), else by the source id alone when one of the two has no url (a report imported
     * first without its url, or now without it; the same id under two different urls is two reports: ids are only
     * unique within the tool that exported them).
     */
    private static final class Known {
        private final Map<String, Postmortem> byKey = new HashMap<>();
        private final Map<String, Postmortem> bySourceId = new HashMap<>();

        void add(Postmortem p) {
            byKey.putIfAbsent(p.sourceKey, p);
            if (p.sourceId != null) {
                bySourceId.merge(p.sourceId, p, (a, b) -> a.id != null && b.id != null && b.id < a.id ? b : a);
            }
        }

        Postmortem of(ImportRecord r) {
            Postmortem p = byKey.get(r.sourceKey());
            if (p == null && r.sourceId() != null) {
                Postmortem sameId = bySourceId.get(r.sourceId());
                if (sameId != null && (sameId.sourceUrl == null || r.url() == null)) {
                    p = sameId;
                }
            }
            return p;
        }
    }

    private Outcome apply(ImportRecord r, Postmortem stored, String actor, Postmortem[] written) {
        Postmortem p = stored;
        String categories = mapper.write(r.categories());
        String sourceId = r.sourceId() != null || p == null ? r.sourceId() : p.sourceId; // a field the source did not send is kept
        String sourceUrl = r.url() != null || p == null ? r.url() : p.sourceUrl;
        if (p != null && r.url() != null && !p.sourceKey.equals(r.sourceKey())) {
            p.sourceKey = r.sourceKey(); // found by its id, imported before without a url: from now on under its url
        }
        written[0] = p;
        if (p != null && Objects.equals(p.title, r.title()) && Objects.equals(p.summary, r.text())
                && Objects.equals(p.categoriesJson, categories) && Objects.equals(p.sourceCompany, r.company())
                && Objects.equals(p.sourceUrl, sourceUrl) && Objects.equals(p.sourceId, sourceId)
                && Objects.equals(p.impactStartedAt, r.date())) {
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
        p.sourceId = sourceId;
        p.sourceUrl = sourceUrl;
        p.sourceCompany = r.company();
        p.impactStartedAt = r.date();
        p.noActionItemsReason = "Imported from " + (r.company() == null ? "another tool" : r.company())
                + "; action items live at the source";
        p.updatedBy = actor;
        p.updatedAt = now;
        if (created) {
            postmortems.persist(p);
        }
        written[0] = p;
        return created ? Outcome.CREATED : Outcome.UPDATED;
    }
}
