package io.hindsight.postmortem.service;

import io.hindsight.changefeed.ChangeFeed;
import io.hindsight.postmortem.domain.Timestamps;
import io.hindsight.postmortem.domain.ActionItemStatus;
import io.hindsight.postmortem.domain.PostmortemStatus;
import io.hindsight.postmortem.repository.ActionItem;
import io.hindsight.postmortem.repository.ActionItemRepository;
import io.hindsight.postmortem.repository.Postmortem;
import io.hindsight.postmortem.rest.ActionItemRequest;
import io.hindsight.postmortem.rest.ActionItemView;
import io.hindsight.problem.Problem;
import io.hindsight.problem.ProblemException;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Owns action items. An item changes on its own (an owner marks it done) without a new revision of its
 * post-mortem; the feed gets the item ({@code action-item}) and the post-mortem's new snapshot.
 */
@ApplicationScoped
public class ActionItemService {

    public static final String FEED_TYPE = "action-item";

    private final ActionItemRepository items;
    private final PostmortemService postmortems;
    private final PostmortemMapper mapper;
    private final ChangeFeed feed;

    public ActionItemService(ActionItemRepository items, PostmortemService postmortems, PostmortemMapper mapper, ChangeFeed feed) {
        this.items = items;
        this.postmortems = postmortems;
        this.mapper = mapper;
        this.feed = feed;
    }

    @RegisterForReflection
    public record Stats(long total, Map<ActionItemStatus, Long> byStatus, long open, long overdue, long done,
                       long doneOnTime, double completionRate) {
    }

    @Transactional
    public ActionItemView add(long postmortemId, ActionItemRequest r) {
        Postmortem p = postmortems.lockedForWrite(postmortemId); // concurrent adds serialise on the post-mortem's version
        Instant now = Timestamps.now();
        ActionItem a = new ActionItem();
        a.postmortem = p;
        a.createdAt = now;
        apply(a, r, now);
        items.persist(a);
        p.actionItems.add(a);
        return changed(a, p);
    }

    @Transactional
    public ActionItemView update(long id, long expectedVersion, ActionItemRequest r) {
        ActionItem a = items.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("No action item " + id));
        if (a.version != expectedVersion) {
            throw new ProblemException(Problem.of(409, "Conflict", "Action item " + id + " was changed (version "
                            + a.version + "); reload and re-apply your edit")
                    .withExtensions(Map.of("currentVersion", a.version, "current", mapper.view(a, today()))),
                    Response.status(409).tag(new EntityTag(String.valueOf(a.version))));
        }
        apply(a, r, Timestamps.now());
        return changed(a, a.postmortem);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public ActionItemView find(long id, List<PostmortemStatus> visible) {
        return items.findByIdOptional(id).filter(a -> visible.contains(a.postmortem.status))
                .map(a -> mapper.view(a, today()))
                .orElseThrow(() -> ProblemException.notFound("No action item " + id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<ActionItemView> search(String owner, ActionItemStatus status, boolean overdue, List<PostmortemStatus> visible,
                                       int offset, int limit) {
        LocalDate today = today();
        return items.search(owner, status, overdue, today, visible, offset, limit).stream()
                .map(a -> mapper.view(a, today)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Stats stats(String owner, List<PostmortemStatus> visible) {
        Map<ActionItemStatus, Long> by = items.countByStatus(owner, visible);
        long total = by.values().stream().mapToLong(Long::longValue).sum();
        long done = by.get(ActionItemStatus.DONE);
        long wontDo = by.get(ActionItemStatus.WONT_DO);
        long open = by.get(ActionItemStatus.OPEN) + by.get(ActionItemStatus.IN_PROGRESS);
        long decided = total - wontDo;
        double rate = decided == 0 ? 0.0 : Math.round(1000.0 * done / decided) / 1000.0;
        return new Stats(total, by, open, items.countOverdue(owner, today(), visible), done,
                items.countDoneOnTime(owner, visible), rate);
    }

    private ActionItemView changed(ActionItem a, Postmortem p) {
        items.flush();
        ActionItemView view = mapper.view(a, today());
        feed.append(FEED_TYPE, String.valueOf(a.id), "upsert", view);
        feed.append(PostmortemService.FEED_TYPE, String.valueOf(p.id), "upsert", mapper.view(p));
        return view;
    }

    private static void apply(ActionItem a, ActionItemRequest r, Instant now) {
        a.title = r.title().strip();
        a.owner = r.owner() == null || r.owner().isBlank() ? null : r.owner().strip();
        a.dueDate = r.dueDate();
        a.priority = r.priority();
        a.link = r.link() == null || r.link().isBlank() ? null : r.link();
        ActionItemStatus next = r.status() == null ? (a.status == null ? ActionItemStatus.OPEN : a.status) : r.status();
        if (next == ActionItemStatus.DONE && a.status != ActionItemStatus.DONE) {
            a.completedAt = now;
        } else if (next != ActionItemStatus.DONE) {
            a.completedAt = null;
        }
        a.status = next;
        a.updatedAt = now;
    }

    static LocalDate today() {
        return LocalDate.now(ZoneOffset.UTC);
    }
}
