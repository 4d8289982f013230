package io.hindsight.postmortem.service;

import io.hindsight.changefeed.ChangeFeed;
import io.hindsight.postmortem.domain.Timestamps;
import io.hindsight.postmortem.domain.LessonVisibility;
import io.hindsight.postmortem.domain.PostmortemStatus;
import io.hindsight.postmortem.domain.PostmortemVisibility;
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

    /**
     * Creates a library lesson (public: it comes from no post-mortem), or answers 409 pointing at the existing one
     * with the same title (reuse it). Two creations of one title at once: the unique title key lets one in; the other
     * fails at its insert and gets the same 409 ({@link #duplicate}, called by the resource outside the failed
     * transaction).
     */
    @Transactional
    public LessonView create(LessonRequest r, String actor) {
        lessons.byTitle(r.title()).ifPresent(existing -> {
            throw duplicateOf(existing);
        });
        Lesson l = newLesson(r, actor, null);
        lessons.persist(l);
        lessons.flush();
        LessonView view = mapper.feedView(l, Map.of());
        feed.append(PostmortemService.LESSON_FEED_TYPE, String.valueOf(l.id), "upsert", view);
        return view;
    }

    /** The 409 for a title another lesson has (after losing the race to create it). */
    @Transactional
    public ProblemException duplicate(String title) {
        return lessons.byTitle(title).map(LessonService::duplicateOf)
                .orElseGet(() -> ProblemException.conflict("Someone else created or renamed a lesson at the same time; try again"));
    }

    private static ProblemException duplicateOf(Lesson existing) {
        return new ProblemException(Problem.of(409, "Conflict", "A lesson with this title exists (id " + existing.id
                + "); link it instead of copying it").withExtensions(Map.of("lessonId", existing.id)));
    }

    /** Whether a write failed on the unique title key of lessons (it lost a race with another one). */
    public static boolean titleTaken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException c) {
                String name = c.getConstraintName() == null ? "" : c.getConstraintName();
                String message = c.getMessage() == null ? "" : c.getMessage();
                return (name + " " + message).toLowerCase(java.util.Locale.ROOT).contains("lesson_title_key_uq");
            }
        }
        return false;
    }

    /**
     * Edits a lesson. Its title and body are what the post-mortems teaching it published: while a published one
     * teaches it, they change only through review (a new lesson, linked in a new revision); its tags may change.
     */
    @Transactional
    public LessonView update(long id, long expectedVersion, LessonRequest r, PostmortemVisibility caller) {
        Lesson l = lessons.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("No lesson " + id));
        if (l.version != expectedVersion) {
            throw new ProblemException(Problem.of(409, "Conflict", "Lesson " + id + " was changed (version " + l.version + ")")
                    .withExtensions(Map.of("currentVersion", l.version)),
                    Response.status(409).tag(new EntityTag(String.valueOf(l.version))));
        }
        String key = Lesson.keyOf(r.title());
        if (!r.title().strip().equals(l.title) || !r.body().equals(l.body)) {
            List<Long> published = publishedTeachers(l);
            if (!published.isEmpty()) {
                throw new ProblemException(Problem.of(409, "Conflict", "Lesson " + id + " is taught by published post-mortem(s) "
                                + published + ": its title and body change only through review. Write a new lesson and link it"
                                + " in a new revision (reopen, link, submit, publish); tags may change here")
                        .withExtensions(Map.of("publishedPostmortemIds", published)));
            }
        }
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
        Map<Long, PostmortemStatus> taught = lessons.taughtBy(List.of(l.id)).get(l.id);
        feed.append(PostmortemService.LESSON_FEED_TYPE, String.valueOf(l.id), "upsert", mapper.feedView(l, taught));
        return mapper.view(l, taught, caller);
    }

    /** The lesson if the caller may see it ({@link LessonVisibility}); otherwise 404, as for one that does not exist. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public LessonView find(long id, PostmortemVisibility caller) {
        return lessons.findByIdOptional(id)
                .map(l -> mapper.view(l, lessons.taughtBy(List.of(l.id)).get(l.id), caller))
                .filter(v -> caller.sees(v.status()))
                .orElseThrow(() -> ProblemException.notFound("No lesson " + id));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<LessonView> list(String tag, PostmortemVisibility caller, int offset, int limit) {
        List<Lesson> page = lessons.byRecurrence(tag, caller.statuses(), offset, limit);
        Map<Long, Map<Long, PostmortemStatus>> links = lessons.taughtBy(page.stream().map(l -> l.id).collect(Collectors.toList()));
        // the query selects what the rule allows; the rule is asked again so that the two can never disagree unseen
        return page.stream().map(l -> mapper.view(l, links.get(l.id), caller)).filter(v -> caller.sees(v.status())).toList();
    }

    /** Links a lesson (existing, or new — reused when its title exists) to a post-mortem. */
    @Transactional
    public PostmortemView link(long postmortemId, LinkLessonRequest r, String actor) {
        if ((r.lessonId() == null) == (r.lesson() == null)) {
            throw new ProblemException(Problem.of(400, "Bad Request", "Give either lessonId or lesson")
                    .withViolations(List.of(new Problem.Violation("lessonId", "give either lessonId or lesson, not both or neither"))));
        }
        Postmortem p = postmortems.locked(postmortemId);
        requireEditable(p, "lessons are linked");
        Lesson l;
        if (r.lessonId() != null) {
            l = lessons.findByIdOptional(r.lessonId()).orElseThrow(() -> new ProblemException(
                    Problem.of(422, "Unprocessable Content", "No lesson " + r.lessonId())
                            .withViolations(List.of(new Problem.Violation("lessonId", "no such lesson")))));
        } else {
            l = lessons.byTitle(r.lesson().title()).orElseGet(() -> {
                // written in this post-mortem: as public as the post-mortems teaching it, not more
                Lesson fresh = newLesson(r.lesson(), actor, p.id);
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
        Postmortem p = postmortems.locked(postmortemId);
        requireEditable(p, "lessons are unlinked");
        Lesson l = p.lessons.stream().filter(x -> x.id == lessonId).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Lesson " + lessonId + " is not linked to post-mortem " + postmortemId));
        p.lessons.remove(l);
        PostmortemService.touch(p, actor);
        PostmortemView view = postmortems.saved(p, actor);
        postmortems.lessonChanged(l);
        return view;
    }

    private List<Long> publishedTeachers(Lesson l) {
        Map<Long, PostmortemStatus> taught = lessons.taughtBy(List.of(l.id)).getOrDefault(l.id, Map.of());
        return LessonVisibility.postmortemIds(PostmortemVisibility.READERS, taught);
    }

    private Lesson newLesson(LessonRequest r, String actor, Long origin) {
        Instant now = Timestamps.now();
        Lesson l = new Lesson();
        l.title = r.title().strip();
        l.titleKey = Lesson.keyOf(r.title());
        l.body = r.body();
        l.tagsJson = mapper.write(tags(r.tags()));
        l.createdBy = actor;
        l.originPostmortemId = origin;
        l.createdAt = now;
        l.updatedAt = now;
        return l;
    }

    private static void requireEditable(Postmortem p, String what) {
        if (!ReviewWorkflow.editable(p.status)) {
            throw ProblemException.conflict(ReviewWorkflow.publishedIsReadOnly(p.id, what));
        }
    }

    private static List<String> tags(List<String> tags) {
        return tags == null ? List.of() : tags.stream().map(t -> t.strip().toLowerCase(java.util.Locale.ROOT)).distinct().toList();
    }
}
