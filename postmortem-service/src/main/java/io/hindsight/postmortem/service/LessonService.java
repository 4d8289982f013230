package io.hindsight.postmortem.service;

import io.hindsight.changefeed.ChangeFeed;
import io.hindsight.postmortem.domain.Timestamps;
import io.hindsight.postmortem.domain.ReviewWorkflow;
import io.hindsight.postmortem.repository.Lesson;
import io.hindsight.postmortem.repository.LessonRepository;
import io.hindsight.postmortem.repository.Postmortem;
import io.hindsight.postmortem.rest.LessonRequest;
import io.hindsight.postmortem.rest.LessonView;
import io.hindsight.postmortem.rest.LinkLessonRequest;
import io.hindsight.postmortem.rest.PostmortemView;
import io.hindsight.problem.Problem;
import io.hindsight.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Owns lessons: one per title, linked to every post-mortem that taught it; its recurrence is the number of
 * those post-mortems. Linking is a change of the post-mortem (a revision) and of the lesson (both on the feed).
 */
@ApplicationScoped
public class LessonService {

    private final LessonRepository lessons;
    private final PostmortemService postmortems;
    private final PostmortemMapper mapper;
    private final ChangeFeed feed;

    public LessonService(LessonRepository lessons, PostmortemService postmortems, PostmortemMapper mapper, ChangeFeed feed) {
        this.lessons = lessons;
        this.postmortems = postmortems;
        this.mapper = mapper;
        this.feed = feed;
    }

    /** Creates a lesson, or answers 409 pointing at the existing one with the same title (reuse it). */
    @Transactional
    public LessonView create(LessonRequest r, String actor) {
        lessons.byTitle(r.title()).ifPresent(existing -> {
            throw new ProblemException(Problem.of(409, "Conflict", "A lesson with this title exists (id " + existing.id
                    + "); link it instead of copying it").withExtensions(Map.of("lessonId", existing.id)));
        });
        Lesson l = newLesson(r, actor);
        lessons.persist(l);
        lessons.flush();
        LessonView view = mapper.view(l, List.of());
        feed.append(PostmortemService.LESSON_FEED_TYPE, String.valueOf(l.id), "upsert", view);
        return view;
    }

    @Transactional
    public LessonView update(long id, long expectedVersion, LessonRequest r) {
        Lesson l = lessons.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("No lesson " + id));
        if (l.version != expectedVersion) {
            throw new ProblemException(Problem.of(409, "Conflict", "Lesson " + id + " was changed (version " + l.version + ")")
                    .withExtensions(Map.of("currentVersion", l.version)),
                    Response.status(409).tag(new EntityTag(String.valueOf(l.version))));
        }
        String key = Lesson.keyOf(r.title());
        if (!key.equals(l.titleKey) && lessons.byTitle(r.title()).isPresent()) {
            throw new ProblemException(Problem.of(409, "Conflict", "Another lesson has this title")
                    .withViolations(List.of(new Problem.Violation("title", "already used by another lesson"))));
        }
        l.title = r.title().strip();
        l.titleKey = key;
        l.body = r.body();
        l.tagsJson = mapper.write(tags(r.tags()));
        l.updatedAt = Timestamps.now();
        lessons.flush();
        LessonView view = view(l);
        feed.append(PostmortemService.LESSON_FEED_TYPE, String.valueOf(l.id), "upsert", view);
        return view;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public LessonView find(long id) {
        return lessons.findByIdOptional(id).map(this::view).orElseThrow(() -> ProblemException.notFound("No lesson " + id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<LessonView> list(String tag, int offset, int limit) {
        List<Lesson> page = lessons.byRecurrence(tag, offset, limit);
        Map<Long, List<Long>> links = lessons.postmortemIds(page.stream().map(l -> l.id).collect(Collectors.toList()));
        return page.stream().map(l -> mapper.view(l, links.get(l.id))).toList();
    }

    /** Links a lesson (existing, or new — reused when its title exists) to a post-mortem. */
    @Transactional
    public PostmortemView link(long postmortemId, LinkLessonRequest r, String actor) {
        if ((r.lessonId() == null) == (r.lesson() == null)) {
            throw new ProblemException(Problem.of(400, "Bad Request", "Give either lessonId or lesson")
                    .withViolations(List.of(new Problem.Violation("lessonId", "give either lessonId or lesson, not both or neither"))));
        }
        Postmortem p = postmortems.entity(postmortemId);
        requireEditable(p);
        Lesson l;
        if (r.lessonId() != null) {
            l = lessons.findByIdOptional(r.lessonId()).orElseThrow(() -> new ProblemException(
                    Problem.of(422, "Unprocessable Content", "No lesson " + r.lessonId())
                            .withViolations(List.of(new Problem.Violation("lessonId", "no such lesson")))));
        } else {
            l = lessons.byTitle(r.lesson().title()).orElseGet(() -> {
                Lesson fresh = newLesson(r.lesson(), actor);
                lessons.persist(fresh);
                return fresh;
            });
        }
        p.lessons.add(l);
        PostmortemService.touch(p, actor);
        PostmortemView view = postmortems.saved(p, actor);
        postmortems.lessonChanged(l);
        return view;
    }

    @Transactional
    public PostmortemView unlink(long postmortemId, long lessonId, String actor) {
        Postmortem p = postmortems.entity(postmortemId);
        requireEditable(p);
        Lesson l = p.lessons.stream().filter(x -> x.id == lessonId).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Lesson " + lessonId + " is not linked to post-mortem " + postmortemId));
        p.lessons.remove(l);
        PostmortemService.touch(p, actor);
        PostmortemView view = postmortems.saved(p, actor);
        postmortems.lessonChanged(l);
        return view;
    }

    private LessonView view(Lesson l) {
        return mapper.view(l, lessons.postmortemIds(List.of(l.id)).get(l.id));
    }

    private Lesson newLesson(LessonRequest r, String actor) {
        Instant now = Timestamps.now();
        Lesson l = new Lesson();
        l.title = r.title().strip();
        l.titleKey = Lesson.keyOf(r.title());
        l.body = r.body();
        l.tagsJson = mapper.write(tags(r.tags()));
        l.createdBy = actor;
        l.createdAt = now;
        l.updatedAt = now;
        return l;
    }

    private static void requireEditable(Postmortem p) {
        if (!ReviewWorkflow.editable(p.status)) {
            throw ProblemException.conflict("A published post-mortem is read-only; reopen it first");
        }
    }

    private static List<String> tags(List<String> tags) {
        return tags == null ? List.of() : tags.stream().map(t -> t.strip().toLowerCase(java.util.Locale.ROOT)).distinct().toList();
    }
}
