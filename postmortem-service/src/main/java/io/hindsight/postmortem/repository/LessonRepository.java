package io.hindsight.postmortem.repository;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@ApplicationScoped
public class LessonRepository implements PanacheRepository<Lesson> {

    public Optional<Lesson> byTitle(String title) {
        return find("titleKey", Lesson.keyOf(title)).firstResultOptional();
    }

    /** For each lesson, the ids of the post-mortems that taught it (its recurrence is their number). */
    public Map<Long, List<Long>> postmortemIds(Collection<Long> lessonIds) {
        Map<Long, List<Long>> out = new HashMap<>();
        if (lessonIds.isEmpty()) {
            return out;
        }
        List<Object[]> rows = getEntityManager().createQuery(
                        "select l.id, p.id from Postmortem p join p.lessons l where l.id in :ids order by p.id", Object[].class)
                .setParameter("ids", lessonIds).getResultList();
        for (Object[] row : rows) {
            out.computeIfAbsent((Long) row[0], k -> new java.util.ArrayList<>()).add((Long) row[1]);
        }
        return out;
    }

    /** Lessons ordered by how often they recur (most taught first), then by title. */
    @SuppressWarnings("unchecked")
    public List<Lesson> byRecurrence(String tag, int offset, int limit) {
        String where = tag == null ? "" : " where l.tags like ?1";
        var q = getEntityManager().createNativeQuery(
                "select l.id from lesson l left join postmortem_lesson pl on pl.lesson_id = l.id" + where
                        + " group by l.id, l.title order by count(pl.postmortem_id) desc, l.title asc");
        if (tag != null) {
            q.setParameter(1, "%\"" + tag.replace("\"", "").replace("%", "") + "\"%");
        }
        List<Long> ids = ((List<Number>) q.setFirstResult(offset).setMaxResults(limit).getResultList())
                .stream().map(Number::longValue).toList();
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Lesson> byId = new HashMap<>();
        list("id in ?1", ids).forEach(l -> byId.put(l.id, l));
        return ids.stream().map(byId::get).toList();
    }
}
