package io.hindsight.postmortem.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.hindsight.changefeed.ChangeFeed;
import io.hindsight.postmortem.domain.Timestamps;
import io.hindsight.postmortem.client.IncidentPrefill;
import io.hindsight.postmortem.client.IncidentSnapshot;
import io.hindsight.postmortem.domain.Checklist;
import io.hindsight.postmortem.domain.PostmortemStatus;
import io.hindsight.postmortem.domain.Priority;
import io.hindsight.postmortem.domain.ReviewWorkflow;
import io.hindsight.postmortem.domain.RevisionDiff;
import io.hindsight.postmortem.domain.RuleViolation;
import io.hindsight.postmortem.domain.SourceKind;
import io.hindsight.postmortem.repository.Lesson;
import io.hindsight.postmortem.repository.LessonRepository;
import io.hindsight.postmortem.repository.Postmortem;
import io.hindsight.postmortem.repository.PostmortemRepository;
import io.hindsight.postmortem.repository.PostmortemRevision;
import io.hindsight.postmortem.repository.RevisionRepository;
import io.hindsight.postmortem.rest.CreatePostmortemRequest;
import io.hindsight.postmortem.rest.PostmortemView;
import io.hindsight.postmortem.rest.RevisionView;
import io.hindsight.postmortem.rest.TimelineEntry;
import io.hindsight.postmortem.rest.UpdatePostmortemRequest;
import io.hindsight.problem.Problem;
import io.hindsight.problem.ProblemException;
import io.micrometer.core.annotation.Timed;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Owns post-mortems: creation (pre-filled from an incident), saves with optimistic locking and a revision per
 * save, the review workflow, and the change feed written last in every transaction.
 */
@ApplicationScoped
public class PostmortemService {

    public static final String FEED_TYPE = "postmortem";
    public static final String LESSON_FEED_TYPE = "lesson";

    private final PostmortemRepository postmortems;
    private final RevisionRepository revisions;
    private final LessonRepository lessons;
    private final PostmortemMapper mapper;
    private final ChangeFeed feed;

    public PostmortemService(PostmortemRepository postmortems, RevisionRepository revisions, LessonRepository lessons,
                             PostmortemMapper mapper, ChangeFeed feed) {
        this.postmortems = postmortems;
        this.revisions = revisions;
        this.lessons = lessons;
        this.mapper = mapper;
        this.feed = feed;
    }

    @Transactional
    public PostmortemView create(CreatePostmortemRequest request, IncidentPrefill prefill, String actor) {
        Instant now = Timestamps.now();
        Postmortem p = new Postmortem();
        p.title = request.title().strip();
        p.summary = request.summary() == null ? "" : request.summary();
        p.incidentId = request.incidentId();
        p.status = PostmortemStatus.DRAFT;
        p.sourceKind = SourceKind.NATIVE;
        p.createdBy = actor;
        p.updatedBy = actor;
        p.createdAt = now;
        p.updatedAt = now;
        if (prefill != null) {
            applyPrefill(p, prefill, false);
        }
        postmortems.persist(p);
        return saved(p, actor);
    }

    /** Saves the document if the caller saw the current version; otherwise 409 with the current one. */
    @Timed(value = "hindsight.postmortem.save", description = "Saving a post-mortem with its revision and feed entry (server side)",
            percentiles = {0.5, 0.95, 0.99})
    @Transactional
    public PostmortemView update(long id, long expectedVersion, UpdatePostmortemRequest r, String actor) {
        Postmortem p = lockedForWrite(id, expectedVersion);
        if (!ReviewWorkflow.editable(p.status)) {
            throw new ProblemException(Problem.of(409, "Conflict",
                    "A published post-mortem is read-only; reopen it first (POST /api/postmortems/" + id + "/reopen)"));
        }
        p.title = r.title().strip();
        p.summary = r.summary() == null ? "" : r.summary();
        var impact = r.impact();
        p.impactUsers = impact == null ? null : impact.users();
        p.impactDurationMinutes = impact == null ? null : impact.durationMinutes();
        p.impactRevenue = impact == null ? null : impact.revenue();
        p.impactSla = impact == null ? null : impact.sla();
        List<TimelineEntry> timeline = r.timeline() == null ? List.of()
                : r.timeline().stream().sorted(Comparator.comparing(TimelineEntry::at)).toList();
        p.timelineJson = mapper.write(timeline);
        p.rootCause = r.rootCause();
        p.contributingFactorsJson = mapper.write(r.contributingFactors() == null ? List.of()
                : r.contributingFactors().stream().distinct().toList());
        p.detection = r.detection();
        p.wentWell = r.wentWell();
        p.wentBadly = r.wentBadly();
        p.prevention = r.prevention();
        p.servicesJson = mapper.write(distinct(r.services()));
        p.priority = r.priority();
        p.categoriesJson = mapper.write(distinct(r.categories()));
        p.impactStartedAt = micros(r.impactStartedAt());
        p.resolvedAt = micros(r.resolvedAt());
        if (p.impactStartedAt != null && p.resolvedAt != null && p.resolvedAt.isBefore(p.impactStartedAt)) {
            throw new ProblemException(Problem.of(400, "Bad Request", "resolvedAt is before impactStartedAt")
                    .withViolations(List.of(new Problem.Violation("resolvedAt", "must not be before impactStartedAt"))));
        }
        Checklist c = r.checklist() == null ? Checklist.EMPTY : r.checklist();
        p.checkRootCauseExplained = c.rootCauseExplained();
        p.checkFixAddressesCause = c.fixAddressesCause();
        p.checkMetricsConfirm = c.metricsConfirmResolution();
        p.checkFixDocumented = c.fixDocumented();
        p.checkPreventionIdentified = c.preventionIdentified();
        p.noActionItemsReason = blankToNull(r.noActionItemsReason());
        touch(p, actor);
        return saved(p, actor);
    }

    /** A review transition; {@code expectedVersion} (If-Match) is optional here but checked when given. */
    @Transactional
    public PostmortemView transition(long id, Long expectedVersion, ReviewWorkflow.Action action, String comment,
                                     String actor, boolean reviewer) {
        Postmortem p = expectedVersion == null ? lockedForWrite(id) : lockedForWrite(id, expectedVersion);
        ReviewWorkflow.Decision d = ReviewWorkflow.decide(action, new ReviewWorkflow.Facts(p.status,
                new Checklist(p.checkRootCauseExplained, p.checkFixAddressesCause, p.checkMetricsConfirm,
                        p.checkFixDocumented, p.checkPreventionIdentified),
                p.actionItems.size(), p.noActionItemsReason, p.rootCause), reviewer);
        if (d.refusal() != null) {
            int status = action == ReviewWorkflow.Action.APPROVE || action == ReviewWorkflow.Action.REQUEST_CHANGES
                    ? (reviewer ? 409 : 403) : 409;
            throw new ProblemException(Problem.of(status, status == 403 ? "Forbidden" : "Conflict", d.refusal()));
        }
        if (!d.violations().isEmpty()) {
            throw new ProblemException(Problem.of(422, "Unprocessable Content",
                            "The post-mortem is not ready to publish: " + String.join("; ",
                                    d.violations().stream().map(RuleViolation::message).toList()))
                    .withViolations(d.violations().stream().map(v -> new Problem.Violation(v.field(), v.message())).toList()));
        }
        Instant now = Timestamps.now();
        p.status = d.next();
        switch (action) {
            case SUBMIT -> {
                p.submittedAt = now;
                p.approvedBy = null;
                p.reviewComment = blankToNull(comment);
            }
            case APPROVE -> {
                p.approvedBy = actor;
                p.publishedAt = now;
                p.reviewComment = blankToNull(comment);
            }
            case REQUEST_CHANGES, REOPEN -> {
                p.reviewComment = blankToNull(comment);
                p.approvedBy = null;
            }
        }
        touch(p, actor);
        return saved(p, actor);
    }

    /** Re-reads the incident: fills impact window, priority and services where empty, merges new timeline events. */
    @Transactional
    public PostmortemView refreshFromIncident(long id, IncidentPrefill prefill, String actor) {
        Postmortem p = lockedForWrite(id);
        if (!ReviewWorkflow.editable(p.status)) {
            throw ProblemException.conflict("A published post-mortem is read-only; reopen it first");
        }
        applyPrefill(p, prefill, true);
        touch(p, actor);
        return saved(p, actor);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<PostmortemView> find(long id) {
        return postmortems.findByIdOptional(id).map(mapper::view);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<PostmortemView> newest(List<PostmortemStatus> visible, int limit) {
        return postmortems.newest(visible, limit).stream().map(mapper::view).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RevisionView> revisions(long id, int offset, int limit) {
        return revisions.of(id, offset, limit).stream()
                .map(r -> new RevisionView(r.revision, r.author, r.createdAt, null)).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RevisionView revision(long id, long revision) {
        PostmortemRevision r = revisions.one(id, revision)
                .orElseThrow(() -> ProblemException.notFound("Post-mortem " + id + " has no revision " + revision));
        return new RevisionView(r.revision, r.author, r.createdAt, mapper.parse(r.snapshot));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public RevisionView.Diff diff(long id, long from, long to) {
        JsonNode a = revision(id, from).snapshot();
        JsonNode b = revision(id, to).snapshot();
        // bookkeeping fields change on every save and say nothing about the content
        for (JsonNode n : List.of(a, b)) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) n).remove(List.of("version", "updatedAt", "updatedBy"));
        }
        return new RevisionView.Diff(from, to, RevisionDiff.between(a, b).stream()
                .map(c -> new RevisionView.Change(c.field(), c.before(), c.after(), c.lines())).toList());
    }

    /** The entity, or 404. */
    public Postmortem entity(long id) {
        return postmortems.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("No post-mortem " + id));
    }

    /**
     * The entity locked for this transaction, if the caller saw its current version. The row lock makes two
     * saves with the same If-Match serialise: the second sees the new version and gets its 409.
     */
    public Postmortem lockedForWrite(long id, long expectedVersion) {
        Postmortem p = postmortems.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("No post-mortem " + id));
        if (p.version != expectedVersion) {
            throw stale(p);
        }
        return p;
    }

    /**
     * The entity locked for this transaction, for a write without If-Match: two such writes at once serialise (the
     * second sees what the first did) instead of both writing revision n+1 and the loser failing with a 500.
     */
    public Postmortem lockedForWrite(long id) {
        return postmortems.findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(() -> ProblemException.notFound("No post-mortem " + id));
    }

    public ProblemException stale(Postmortem p) {
        PostmortemView current = mapper.view(p);
        Map<String, Object> ext = new LinkedHashMap<>();
        ext.put("currentVersion", p.version);
        ext.put("current", current);
        return new ProblemException(Problem.of(409, "Conflict", "Post-mortem " + p.id + " was changed by "
                        + p.updatedBy + " at " + p.updatedAt + " (version " + p.version + "); reload and re-apply your edit")
                .withExtensions(ext), Response.status(409).tag(new EntityTag(String.valueOf(p.version))));
    }

    /**
     * Flushes (bumping the version), keeps the revision, and writes the change feed last: the post-mortem and
     * any lessons whose recurrence it changes.
     */
    public PostmortemView saved(Postmortem p, String actor) {
        postmortems.flush();
        PostmortemView view = mapper.view(p);
        String snapshot = keepRevision(p, view, actor);
        // the same JSON as the revision, serialised once
        feed.append(FEED_TYPE, String.valueOf(p.id), "upsert", new RawValue(snapshot));
        return view;
    }

    /**
     * {@link #saved} for many post-mortems at once (imports): one flush writes them all (JDBC batches, bumping
     * the versions), then each gets its revision. Returns their feed entries, in order, for the caller to append
     * with {@link ChangeFeed#appendAll} once its writes are done.
     */
    public List<ChangeFeed.Change> savedAll(List<Postmortem> saved, String actor) {
        if (saved.isEmpty()) {
            return List.of();
        }
        postmortems.flush();
        List<ChangeFeed.Change> changes = new ArrayList<>(saved.size());
        for (Postmortem p : saved) {
            String snapshot = keepRevision(p, mapper.view(p), actor);
            changes.add(new ChangeFeed.Change(FEED_TYPE, String.valueOf(p.id), "upsert", snapshot));
        }
        return changes;
    }

    /** Persists the revision of a flushed post-mortem; returns its snapshot (the JSON of {@code view}). */
    private String keepRevision(Postmortem p, PostmortemView view, String actor) {
        PostmortemRevision rev = new PostmortemRevision();
        rev.postmortemId = p.id;
        rev.revision = p.version;
        rev.author = actor;
        rev.createdAt = p.updatedAt;
        rev.snapshot = mapper.write(view);
        revisions.persist(rev);
        return rev.snapshot;
    }

    /** Feed entry for a lesson after its links changed. */
    public void lessonChanged(Lesson lesson) {
        feed.append(LESSON_FEED_TYPE, String.valueOf(lesson.id), "upsert",
                mapper.view(lesson, lessons.postmortemIds(List.of(lesson.id)).get(lesson.id)));
    }

    static void touch(Postmortem p, String actor) {
        p.updatedAt = Timestamps.now();
        p.updatedBy = actor;
    }

    private void applyPrefill(Postmortem p, IncidentPrefill prefill, boolean refresh) {
        if (!prefill.available()) {
            if (refresh) {
                throw new ProblemException(Problem.of(503, "Service Unavailable", prefill.note()));
            }
            p.incidentNote = prefill.note();
            return;
        }
        IncidentSnapshot i = prefill.incident();
        p.incidentNote = null;
        if (!refresh || p.impactStartedAt == null) {
            p.impactStartedAt = micros(i.impactStartedAt() != null ? i.impactStartedAt() : i.detectedAt());
        }
        if (!refresh || p.resolvedAt == null) {
            p.resolvedAt = micros(i.resolvedAt());
        }
        if ((!refresh || p.priority == null) && i.priority() != null) {
            try {
                p.priority = Priority.valueOf(i.priority());
            } catch (IllegalArgumentException ignored) {
                // an unknown priority from a newer incident-service is left for the author to set
            }
        }
        if (!refresh || mapper.strings(p.servicesJson).isEmpty()) {
            p.servicesJson = mapper.write(distinct(i.services()));
        }
        if (p.impactDurationMinutes == null && p.impactStartedAt != null) {
            Instant end = i.resolvedAt() != null ? i.resolvedAt() : i.mitigatedAt();
            if (end != null && !end.isBefore(p.impactStartedAt)) {
                p.impactDurationMinutes = (int) Duration.between(p.impactStartedAt, end).toMinutes();
            }
        }
        if ((p.summary == null || p.summary.isBlank()) && i.symptom() != null) {
            p.summary = i.symptom();
        }
        List<TimelineEntry> timeline = new ArrayList<>(mapper.timeline(p));
        for (IncidentSnapshot.Event e : prefill.timeline()) {
            if (e.at() == null || e.summary() == null) {
                continue;
            }
            TimelineEntry entry = new TimelineEntry(e.at(), e.actor(), e.type(), e.summary());
            if (!timeline.contains(entry)) {
                timeline.add(entry);
            }
        }
        timeline.sort(Comparator.comparing(TimelineEntry::at));
        p.timelineJson = mapper.write(timeline);
        p.incidentContextJson = mapper.write(new PostmortemView.IncidentContext(nonNull(i.statusUpdates()),
                nonNull(i.hypotheses()), nonNull(i.changes()), Timestamps.now()));
    }

    private static Instant micros(Instant t) {
        return t == null ? null : t.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static <T> List<T> nonNull(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static List<String> distinct(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).distinct().toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
