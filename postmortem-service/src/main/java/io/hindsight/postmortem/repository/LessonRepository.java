package io.hindsight.postmortem.repository;

import io.hindsight.postmortem.domain.PostmortemStatus;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

@ApplicationScoped
public class LessonRepository implements PanacheRepository<Lesson> {

    public Optional<Lesson> byTitle(String title) {
        return find("titleKey", Lesson.keyOf(title)).firstResultOptional();
    }

    /**
     * For each lesson, the post-mortems that teach it and their status (by post-mortem id): what
     * {@code LessonVisibility} decides on. Lessons no post-mortem teaches have no entry.
     */
    public Map<Long, Map<Long, PostmortemStatus>> taughtBy(Collection<Long> lessonIds) {
        Map<Long, Map<Long, PostmortemStatus>> out = new HashMap<>();
        if (lessonIds.isEmpty()) {
            return out;
        }
        List<Object[]> rows = getEntityManager().createQuery(
                        "select l.id, p.id, p.status from Postmortem p join p.lessons l where l.id in :ids", Object[].class)
                .setParameter("ids", lessonIds).getResultList();
        for (Object[] row : rows) {
            out.computeIfAbsent((Long) row[0], k -> new TreeMap<>()).put((Long) row[1], (PostmortemStatus) row[2]);
        }
        return out;
    }

    /**
     * The lessons a caller sees, ordered by how often they recur among the post-mortems the caller sees (most taught
     * first), then by title. A lesson is seen if it is a library lesson or a post-mortem the caller sees teaches it
     * ({@code LessonVisibility}: a lesson is as public as the most public post-mortem teaching it, and the
     * visibilities are nested, so "the most public is visible" is "any is visible"). Counted in SQL, so that the
     * order, the pages and the counts say nothing about what the caller may not see.
     */
    @SuppressWarnings("unchecked")
    public List<Lesson> byRecurrence(String tag, List<PostmortemStatus> visible, int offset, int limit) {
        // enum names, not user input: safe to inline, and portable (no list parameter in a native query)
        String statuses = visible.stream().map(s -> "'" + s.name() + "'").collect(Collectors.joining(", "));
        String where = tag == null ? "" : " where l.tags like ?1";
        var q = getEntityManager().createNativeQuery(
                "select l.id from lesson l left join postmortem_lesson pl on pl.lesson_id = l.id"
                        + " left join postmortem p on p.id = pl.postmortem_id and p.status in (" + statuses + ")" + where
                        + " group by l.id, l.title, l.origin_postmortem_id"
                        + " having l.origin_postmortem_id is null or count(p.id) > 0"
                        + " order by count(p.id) desc, l.title asc, l.id asc");
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
