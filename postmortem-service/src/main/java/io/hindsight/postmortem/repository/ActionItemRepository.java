package io.hindsight.postmortem.repository;

import io.hindsight.postmortem.domain.ActionItemStatus;
import io.hindsight.postmortem.domain.PostmortemStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import io.quarkus.panache.common.Parameters;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

@ApplicationScoped
public class ActionItemRepository implements PanacheRepository<ActionItem> {

    static final List<ActionItemStatus> OPEN_STATUSES = List.of(ActionItemStatus.OPEN, ActionItemStatus.IN_PROGRESS);

    /** Action items across post-mortems the caller may see, filtered; overdue = open and due before {@code today}. */
    public List<ActionItem> search(String owner, ActionItemStatus status, boolean overdue, LocalDate today,
                                   List<PostmortemStatus> visible, int offset, int limit) {
        StringBuilder q = new StringBuilder("postmortem.status in :visible");
        Parameters p = Parameters.with("visible", visible);
        if (owner != null) {
            q.append(" and owner = :owner");
            p.and("owner", owner);
        }
        if (status != null) {
            q.append(" and status = :status");
            p.and("status", status);
        }
        if (overdue) {
            q.append(" and status in :open and dueDate < :today");
            p.and("open", OPEN_STATUSES).and("today", today);
        }
        q.append(" order by dueDate asc nulls last, id asc");
        return find(q.toString(), p).range(offset, offset + limit - 1).list();
    }

    public Map<ActionItemStatus, Long> countByStatus(String owner, List<PostmortemStatus> visible) {
        String q = "select a.status, count(a) from ActionItem a where a.postmortem.status in :visible"
                + (owner == null ? "" : " and a.owner = :owner") + " group by a.status";
        var query = getEntityManager().createQuery(q, Object[].class).setParameter("visible", visible);
        if (owner != null) {
            query.setParameter("owner", owner);
        }
        Map<ActionItemStatus, Long> counts = new EnumMap<>(ActionItemStatus.class);
        for (ActionItemStatus s : ActionItemStatus.values()) {
            counts.put(s, 0L);
        }
        for (Object[] row : query.getResultList()) {
            counts.put((ActionItemStatus) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }

    public long countOverdue(String owner, LocalDate today, List<PostmortemStatus> visible) {
        return count("postmortem.status in :visible and status in :open and dueDate < :today"
                        + (owner == null ? "" : " and owner = :owner"),
                owner == null
                        ? Parameters.with("visible", visible).and("open", OPEN_STATUSES).and("today", today)
                        : Parameters.with("visible", visible).and("open", OPEN_STATUSES).and("today", today).and("owner", owner));
    }

    /** Done items that were completed on or before their due date (items without a due date count as on time). */
    public long countDoneOnTime(String owner, List<PostmortemStatus> visible) {
        List<ActionItem> done = find("postmortem.status in :visible and status = :done" + (owner == null ? "" : " and owner = :owner"),
                owner == null ? Parameters.with("visible", visible).and("done", ActionItemStatus.DONE)
                        : Parameters.with("visible", visible).and("done", ActionItemStatus.DONE).and("owner", owner)).list();
        return done.stream().filter(a -> a.dueDate == null || a.completedAt == null
                || !a.completedAt.atZone(java.time.ZoneOffset.UTC).toLocalDate().isAfter(a.dueDate)).count();
    }
}
