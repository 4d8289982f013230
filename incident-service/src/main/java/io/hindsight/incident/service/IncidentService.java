package io.hindsight.incident.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.changefeed.ChangeFeed;
import io.hindsight.incident.domain.BlastRadius;
import io.hindsight.incident.domain.ChangeOutcome;
import io.hindsight.incident.domain.HypothesisOutcome;
import io.hindsight.incident.domain.IncidentStatus;
import io.hindsight.incident.domain.Lifecycle;
import io.hindsight.incident.domain.Phase;
import io.hindsight.incident.domain.Priority;
import io.hindsight.incident.domain.RedFlagDetector;
import io.hindsight.incident.domain.StatusCadence;
import io.hindsight.incident.domain.StatusUpdateText;
import io.hindsight.incident.domain.TriageCalculator;
import io.hindsight.incident.repository.ContainmentAction;
import io.hindsight.incident.repository.ContainmentActionRepository;
import io.hindsight.incident.repository.Hypothesis;
import io.hindsight.incident.repository.HypothesisRepository;
import io.hindsight.incident.repository.Incident;
import io.hindsight.incident.repository.IncidentChange;
import io.hindsight.incident.repository.IncidentChangeRepository;
import io.hindsight.incident.repository.IncidentRepository;
import io.hindsight.incident.repository.StatusUpdate;
import io.hindsight.incident.repository.StatusUpdateRepository;
import io.hindsight.incident.repository.TimelineEvent;
import io.hindsight.incident.repository.TimelineEventRepository;
import io.hindsight.incident.repository.TriageAssessment;
import io.hindsight.incident.repository.TriageAssessmentRepository;
import io.hindsight.incident.rest.DeclareIncidentRequest;
import io.hindsight.incident.rest.IncidentView;
import io.hindsight.incident.rest.WorkRequests;
import io.hindsight.problem.Problem;
import io.hindsight.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Owns the lifecycle of incidents. Every write locks the incident's row (writes to one incident are serialised in a
 * total order), checks the caller's expected version, appends to the timeline, and writes the full snapshot to the
 * change feed last, in the same transaction.
 */
@ApplicationScoped
public class IncidentService {

    public static final String FEED_TYPE = "incident";
    /** How many of the latest status updates a snapshot carries. */
    public static final int SNAPSHOT_UPDATES = 50;

    /** What a write returns: the body and the incident's version after it; {@code replayed} for an idempotent retry. */
    public record Written<T>(T body, long incidentId, long version, boolean replayed) {
    }

    /**
     * The parts of a snapshot that live outside the incident row. A write names the parts it changed; the others are
     * taken from the snapshot of the version it started from, when that is held (see {@link IncidentSnapshots}).
     */
    enum Part { TRIAGE, HYPOTHESES, CHANGES, CONTAINMENT, UPDATES, PEOPLE_AND_TAGS }

    private static final Set<Part> ALL = java.util.EnumSet.allOf(Part.class);
    private static final Set<Part> NONE = java.util.EnumSet.noneOf(Part.class);

    /** Fired after a commit that changed an incident (for the live streams). */
    public record Changed(IncidentView view) {
    }

    private final IncidentRepository incidents;
    private final TriageAssessmentRepository triages;
    private final StatusUpdateRepository updates;
    private final HypothesisRepository hypotheses;
    private final IncidentChangeRepository changes;
    private final ContainmentActionRepository containments;
    private final TimelineEventRepository timeline;
    private final ChangeFeed feed;
    private final IdempotencyKeys keys;
    private final ObjectMapper json;
    private final Event<Changed> changed;
    private final TriageCalculator calculator = new TriageCalculator();
    private final StatusCadence cadence;
    private final IncidentSnapshots snapshots;

    public IncidentService(IncidentRepository incidents, TriageAssessmentRepository triages, StatusUpdateRepository updates,
                           HypothesisRepository hypotheses, IncidentChangeRepository changes,
                           ContainmentActionRepository containments, TimelineEventRepository timeline, ChangeFeed feed,
                           IdempotencyKeys keys, ObjectMapper json, Event<Changed> changed, IncidentSnapshots snapshots,
                           @ConfigProperty(name = "hindsight.status-cadence.p2", defaultValue = "PT60M") Duration p2Cadence) {
        this.incidents = incidents;
        this.triages = triages;
        this.updates = updates;
        this.hypotheses = hypotheses;
        this.changes = changes;
        this.containments = containments;
        this.timeline = timeline;
        this.feed = feed;
        this.keys = keys;
        this.json = json;
        this.changed = changed;
        this.cadence = new StatusCadence(p2Cadence);
        this.snapshots = snapshots;
    }

    // ---------------------------------------------------------------------------------------------- declare

    @Transactional
    public IncidentView declare(DeclareIncidentRequest request, String actor) {
        return declare(request, actor, null).body();
    }

    @Transactional
    public Written<IncidentView> declare(DeclareIncidentRequest request, String actor, String idempotencyKey) {
        String hash = null;
        if (idempotencyKey != null) {
            hash = keys.hash(request);
            Optional<IdempotencyKeys.Stored> stored = keys.find(actor, idempotencyKey);
            if (stored.isPresent()) {
                IdempotencyKeys.checkSame(stored.get(), "declare", hash, idempotencyKey);
                IncidentView view = view(incidents.findById(stored.get().incidentId()));
                return new Written<>(view, view.id(), view.version(), true);
            }
            keys.claim(actor, idempotencyKey, "declare", hash);
        }
        Instant now = now();
        Incident incident = new Incident();
        incident.title = request.title().strip();
        incident.symptom = request.symptom().strip();
        incident.services.addAll(servicesOf(request.service(), request.services()));
        if (request.labels() != null) {
            request.labels().forEach((k, v) -> incident.labels.put(k.strip(), v.strip()));
        }
        incident.status = IncidentStatus.INVESTIGATING;
        incident.phase = Phase.TRIAGE;
        incident.drill = Boolean.TRUE.equals(request.drill());
        incident.declaredBy = actor;
        incident.detectedAt = request.detectedAt() == null ? now : micros(request.detectedAt());
        incident.impactStartedAt = micros(request.impactStartedAt());
        if (incident.detectedAt.isAfter(now.plusSeconds(60))) {
            throw new ProblemException(Problem.of(400, "Bad Request", "detectedAt lies in the future")
                    .withViolations(List.of(new Problem.Violation("detectedAt", "must not be in the future"))));
        }
        checkOrder(incident);
        incident.createdAt = now;
        incident.updatedAt = now;
        incident.nextUpdateDue = now.plus(cadence.of(null));
        incidents.persist(incident);
        event(incident, now, actor, "DECLARED", "Declared: " + incident.title + " (services " + String.join(", ", incident.services) + ")"
                + (incident.drill ? " [drill]" : ""));
        if (request.triage() != null) {
            applyTriage(incident, request.triage(), actor, now);
        }
        // a new incident has no hypotheses, changes, containment actions or updates yet: nothing to read back
        IncidentView view = publish(incident, request.triage() == null ? Set.of(Part.PEOPLE_AND_TAGS) : Set.of(Part.PEOPLE_AND_TAGS, Part.TRIAGE),
                EMPTY, null);
        if (idempotencyKey != null) {
            keys.complete(actor, idempotencyKey, incident.id, null);
        }
        return new Written<>(view, view.id(), view.version(), false);
    }

    /** Declares an incident from an alert source, without the HTTP request checks. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Incident declareFromAlert(String title, String symptom, List<String> services, Map<String, String> labels,
                                     Instant detectedAt, WorkRequests.Triage triage, String actor) {
        Instant now = now();
        Incident incident = new Incident();
        incident.title = title;
        incident.symptom = symptom;
        incident.services.addAll(services);
        incident.labels.putAll(labels);
        incident.status = IncidentStatus.INVESTIGATING;
        incident.phase = Phase.TRIAGE;
        incident.declaredBy = actor;
        incident.detectedAt = detectedAt == null || detectedAt.isAfter(now) ? now : detectedAt;
        incident.createdAt = now;
        incident.updatedAt = now;
        incident.nextUpdateDue = now.plus(cadence.of(null));
        incidents.persist(incident);
        event(incident, now, actor, "DECLARED", "Declared from alert: " + title);
        if (triage != null) {
            applyTriage(incident, triage, actor, now);
        }
        return incident;
    }

    // ---------------------------------------------------------------------------------------------- reads

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<IncidentView> find(long id) {
        Optional<Long> version = incidents.currentVersion(id);
        if (version.isEmpty()) {
            return Optional.empty();
        }
        Optional<IncidentView> held = snapshots.get(id, version.get());
        if (held.isPresent()) {
            return held.map(v -> live(v, now()));
        }
        return incidents.findByIdOptional(id).map(this::cachedView);
    }

    /** Built from the database alone, in a transaction of its own, bypassing the snapshot cache (tests compare the two). */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Optional<IncidentView> findUncached(long id) {
        return incidents.findByIdOptional(id).map(this::view);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<IncidentView> newestBefore(Long beforeId, int limit) {
        return newestBefore(beforeId, limit, IncidentRepository.Filter.NONE);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<IncidentView> newestBefore(Long beforeId, int limit, IncidentRepository.Filter filter) {
        return incidents.newestBefore(beforeId, limit, filter).stream().map(this::cachedView).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count() {
        return incidents.count();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public IncidentView.Timeline timeline(long id) {
        existing(id);
        return new IncidentView.Timeline(id, timeline.forIncident(id).stream()
                .map(e -> new IncidentView.TimelineEntry(e.id, e.at, e.actor, e.type, e.summary)).toList());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<IncidentView.StatusUpdateView> updates(long id) {
        existing(id);
        return updates.list("incidentId = ?1 order by seq", id).stream().map(this::updateView).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<IncidentView.Triage> triageHistory(long id) {
        existing(id);
        return triages.forIncident(id).stream().map(IncidentService::triageView).toList();
    }

    // ---------------------------------------------------------------------------------------------- writes

    @Transactional
    public Written<IncidentView> edit(long id, Long expected, String actor, WorkRequests.Edit e) {
        Incident i = lock(id, expected);
        Instant now = now();
        List<String> what = new ArrayList<>();
        if (e.title() != null && !e.title().isBlank()) {
            i.title = e.title().strip();
            what.add("title");
        }
        if (e.symptom() != null && !e.symptom().isBlank()) {
            i.symptom = e.symptom().strip();
            what.add("symptom");
        }
        if (e.services() != null) {
            i.services.clear();
            i.services.addAll(servicesOf(null, e.services()));
            what.add("services");
        }
        if (e.labels() != null) {
            i.labels.clear();
            e.labels().forEach((k, v) -> i.labels.put(k.strip(), v.strip()));
            what.add("labels");
        }
        if (e.drill() != null) {
            i.drill = e.drill();
            what.add("drill");
        }
        if (what.isEmpty()) {
            throw ProblemException.badRequest("Nothing to edit: send at least one of title, symptom, services, labels, drill");
        }
        event(i, now, actor, "EDITED", "Edited " + String.join(", ", what));
        return written(i, ALL);
    }

    @Transactional
    public Written<IncidentView> triage(long id, Long expected, String actor, WorkRequests.Triage t) {
        Incident i = lock(id, expected);
        applyTriage(i, t, actor, now());
        return written(i, Set.of(Part.TRIAGE));
    }

    @Transactional
    public Written<IncidentView> override(long id, Long expected, String actor, WorkRequests.Override o) {
        Incident i = lock(id, expected);
        Instant now = now();
        TriageAssessment latest = latestTriage(id)
                .orElseThrow(() -> ProblemException.conflict("Incident " + id + " has not been triaged yet: triage it before overriding its priority"));
        TriageAssessment next = copyOf(latest);
        next.overridePriority = o.priority();
        next.overrideReason = o.reason().strip();
        next.overrideBy = actor;
        next.overrideAt = now;
        next.assessedBy = actor;
        next.assessedAt = now;
        triages.persist(next);
        Priority before = i.priority;
        setPriority(i, next.effectivePriority(), now);
        event(i, now, actor, "PRIORITY_OVERRIDDEN", "Priority overridden to " + o.priority() + " (computed " + latest.computedPriority
                + ", was " + before + "): " + next.overrideReason);
        return written(i, Set.of(Part.TRIAGE));
    }

    @Transactional
    public Written<IncidentView> transition(long id, Long expected, String actor, WorkRequests.Transition t) {
        Incident i = lock(id, expected);
        Instant now = now();
        moveTo(i, t.status(), Boolean.TRUE.equals(t.force()), t.forceReason(), t.note(), actor, now);
        return written(i, NONE);
    }

    @Transactional
    public Written<IncidentView> phase(long id, Long expected, String actor, WorkRequests.PhaseChange p) {
        Incident i = lock(id, expected);
        requireOpen(i);
        if (i.phase == p.phase()) {
            throw ProblemException.conflict("The incident is already in phase " + p.phase());
        }
        Instant now = now();
        Phase before = i.phase;
        i.phase = p.phase();
        event(i, now, actor, "PHASE", "Phase " + before + " → " + p.phase() + note(p.note()));
        return written(i, NONE);
    }

    @Transactional
    public Written<IncidentView> acknowledge(long id, Long expected, String actor, String note) {
        Incident i = lock(id, expected);
        requireOpen(i);
        if (i.acknowledgedAt != null) {
            throw ProblemException.conflict("Incident " + id + " was already acknowledged at " + i.acknowledgedAt);
        }
        Instant now = now();
        i.acknowledgedAt = now;
        if (i.commander == null) {
            i.commander = actor;
        }
        if (!i.responders.contains(actor)) {
            i.responders.add(actor);
        }
        checkOrder(i);
        event(i, now, actor, "ACKNOWLEDGED", "Acknowledged; commander " + i.commander + note(note));
        return written(i, Set.of(Part.PEOPLE_AND_TAGS));
    }

    @Transactional
    public Written<IncidentView> mitigate(long id, Long expected, String actor, String note) {
        Incident i = lock(id, expected);
        requireOpen(i);
        if (i.mitigatedAt != null) {
            throw ProblemException.conflict("Incident " + id + " was already mitigated at " + i.mitigatedAt);
        }
        Instant now = now();
        i.mitigatedAt = now;
        checkOrder(i);
        event(i, now, actor, "MITIGATED", "Impact mitigated" + note(note));
        return written(i, NONE);
    }

    @Transactional
    public Written<IncidentView> correctTimestamp(long id, Long expected, String actor, WorkRequests.TimestampCorrection c) {
        Incident i = lock(id, expected);
        Instant now = now();
        if (c.value().isAfter(now.plusSeconds(60))) {
            throw new ProblemException(Problem.of(400, "Bad Request", c.field() + " cannot lie in the future")
                    .withViolations(List.of(new Problem.Violation("value", "must not be in the future"))));
        }
        Instant before = switch (c.field()) {
            case impactStartedAt -> i.impactStartedAt;
            case detectedAt -> i.detectedAt;
            case acknowledgedAt -> i.acknowledgedAt;
            case mitigatedAt -> i.mitigatedAt;
            case resolvedAt -> i.resolvedAt;
        };
        if (c.field() == WorkRequests.TimestampField.resolvedAt && i.isOpen()) {
            throw ProblemException.conflict("resolvedAt is set by resolving the incident; it is still " + i.status.label());
        }
        // microsecond precision, as the database stores it, so the snapshot equals what a later read returns
        Instant value = micros(c.value());
        switch (c.field()) {
            case impactStartedAt -> i.impactStartedAt = value;
            case detectedAt -> i.detectedAt = value;
            case acknowledgedAt -> i.acknowledgedAt = value;
            case mitigatedAt -> i.mitigatedAt = value;
            case resolvedAt -> i.resolvedAt = value;
        }
        checkOrder(i);
        event(i, now, actor, "TIMESTAMP_CORRECTED", c.field() + " corrected from " + before + " to " + value + ": " + c.reason().strip());
        return written(i, NONE);
    }

    @Transactional
    public Written<IncidentView> roles(long id, Long expected, String actor, WorkRequests.Roles r) {
        Incident i = lock(id, expected);
        Instant now = now();
        i.commander = blankToNull(r.commander());
        i.commsLead = blankToNull(r.commsLead());
        i.responders.clear();
        if (r.responders() != null) {
            new LinkedHashSet<>(r.responders().stream().map(String::strip).toList()).forEach(i.responders::add);
        }
        event(i, now, actor, "ROLES", "Commander " + i.commander + ", comms lead " + i.commsLead + ", responders " + i.responders);
        return written(i, Set.of(Part.PEOPLE_AND_TAGS));
    }

    @Transactional
    public Written<IncidentView.StatusUpdateView> postUpdate(long id, Long expected, String actor, WorkRequests.StatusUpdate u,
                                                             String idempotencyKey, boolean mayMoveStatus) {
        String hash = null;
        if (idempotencyKey != null) {
            hash = keys.hash(u);
            Optional<IdempotencyKeys.Stored> stored = keys.find(actor, idempotencyKey);
            if (stored.isPresent()) {
                IdempotencyKeys.checkSame(stored.get(), "update:" + id, hash, idempotencyKey);
                StatusUpdate first = updates.findById(stored.get().childId());
                return new Written<>(updateView(first), id, incidents.findById(id).version, true);
            }
        }
        Incident i = lock(id, expected);
        requireOpen(i);
        if (idempotencyKey != null) {
            keys.claim(actor, idempotencyKey, "update:" + id, hash);
        }
        Instant now = now();
        if (u.status() != null && u.status() != i.status) {
            if (!mayMoveStatus) {
                throw new ProblemException(Problem.of(403, "Forbidden", "a runbook's status update reports on the incident but may not move it "
                        + "(it is " + i.status + "); leave out status or send the current one, and let a responder move it"));
            }
            moveTo(i, u.status(), false, null, null, actor, now);
        }
        Duration every = cadence.of(i.priority);
        Instant nextUpdateAt = u.nextUpdateAt() == null ? now.plus(every) : micros(u.nextUpdateAt());
        if (i.isOpen()) {
            if (nextUpdateAt.isBefore(now.minusSeconds(1))) {
                throw new ProblemException(Problem.of(400, "Bad Request", "nextUpdateAt lies in the past")
                        .withViolations(List.of(new Problem.Violation("nextUpdateAt", "must not be in the past"))));
            }
            if (nextUpdateAt.isAfter(now.plus(every))) {
                throw new ProblemException(Problem.of(400, "Bad Request", (i.priority == null ? "Untriaged" : i.priority)
                                + " incidents send an update at least every " + every.toMinutes() + " minutes; nextUpdateAt is later than "
                                + now.plus(every))
                        .withViolations(List.of(new Problem.Violation("nextUpdateAt", "must be within " + every.toMinutes() + " minutes"))));
            }
        }
        StatusUpdate s = new StatusUpdate();
        s.incidentId = id;
        s.seq = ++i.updateCount;
        s.postedAt = now;
        s.postedBy = actor;
        s.status = i.status;
        s.priority = i.priority;
        s.symptom = u.symptom() == null || u.symptom().isBlank() ? i.symptom : u.symptom().strip();
        s.scope = blankToNull(u.scope());
        s.started = u.started() != null && !u.started().isBlank() ? u.started().strip()
                : i.impactStartedAt != null ? StatusUpdateText.at(i.impactStartedAt, now) + " UTC"
                : "~" + StatusUpdateText.at(i.detectedAt, now) + " UTC (detected)";
        List<IncidentView.Tried> tried = u.tried() == null ? List.of()
                : u.tried().stream().map(t -> new IncidentView.Tried(t.what().strip(), t.result())).toList();
        List<IncidentView.NextStep> steps = u.nextSteps() == null ? List.of()
                : u.nextSteps().stream().map(n -> new IncidentView.NextStep(n.action().strip(), n.etaMinutes())).toList();
        s.tried = toJson(tried);
        s.nextSteps = toJson(steps);
        s.workaround = blankToNull(u.workaround());
        s.nextUpdateAt = nextUpdateAt;
        s.rendered = StatusUpdateText.render(new StatusUpdateText.Content(now, s.priority, s.status, s.symptom, s.scope, s.started,
                tried.stream().map(t -> new StatusUpdateText.Tried(t.what(), t.result())).toList(),
                steps.stream().map(n -> new StatusUpdateText.NextStep(n.action(), n.etaMinutes())).toList(),
                s.workaround, nextUpdateAt));
        updates.persist(s);
        i.nextUpdateDue = i.isOpen() ? nextUpdateAt : null;
        event(i, now, actor, "STATUS_UPDATE", "Status update #" + s.seq + ": " + s.status.label() + "; next update " + nextUpdateAt);
        IncidentView published = publish(i, Set.of(Part.UPDATES), held(i),
                new IncidentView.UpdateSummary(s.seq, s.postedAt, s.status, s.nextUpdateAt));
        Written<IncidentView> w = new Written<>(published, id, published.version(), false);
        if (idempotencyKey != null) {
            keys.complete(actor, idempotencyKey, id, s.id);
        }
        return new Written<>(updateView(s), id, w.version(), false);
    }

    @Transactional
    public Written<IncidentView.HypothesisView> addHypothesis(long id, Long expected, String actor, WorkRequests.NewHypothesis h) {
        Incident i = lock(id, expected);
        requireOpen(i);
        Instant now = now();
        Hypothesis x = new Hypothesis();
        x.incidentId = id;
        x.statement = h.statement().strip();
        x.prediction = h.prediction().strip();
        x.howToTest = h.howToTest().strip();
        x.timeBoxMinutes = h.timeBoxMinutes();
        x.timeBoxEndsAt = h.timeBoxMinutes() == null ? null : now.plus(Duration.ofMinutes(h.timeBoxMinutes()));
        x.outcome = HypothesisOutcome.OPEN;
        x.createdBy = actor;
        x.createdAt = now;
        hypotheses.persist(x);
        if (i.phase.ordinal() < Phase.INVESTIGATE.ordinal()) {
            i.phase = Phase.INVESTIGATE;
        }
        event(i, now, actor, "HYPOTHESIS", "Hypothesis #" + x.id + ": " + x.statement + " — if so, we should see: " + x.prediction
                + (x.timeBoxMinutes == null ? "" : " (time-box " + x.timeBoxMinutes + " min)"));
        Written<IncidentView> w = written(i, Set.of(Part.HYPOTHESES));
        return new Written<>(hypothesisView(x), id, w.version(), false);
    }

    @Transactional
    public Written<IncidentView.HypothesisView> decideHypothesis(long id, long hypothesisId, Long expected, String actor,
                                                                 WorkRequests.HypothesisDecision d) {
        Incident i = lock(id, expected);
        Hypothesis x = hypotheses.findByIdOptional(hypothesisId).filter(h -> h.incidentId == id)
                .orElseThrow(() -> ProblemException.notFound("No hypothesis " + hypothesisId + " on incident " + id));
        if (d.outcome() == HypothesisOutcome.OPEN) {
            throw new ProblemException(Problem.of(400, "Bad Request", "An outcome is CONFIRMED, RULED_OUT or ABANDONED")
                    .withViolations(List.of(new Problem.Violation("outcome", "must be CONFIRMED, RULED_OUT or ABANDONED"))));
        }
        if (x.outcome != HypothesisOutcome.OPEN) {
            throw ProblemException.conflict("Hypothesis " + hypothesisId + " is already " + x.outcome + "; write a new hypothesis instead");
        }
        Instant now = now();
        x.outcome = d.outcome();
        x.outcomeNote = blankToNull(d.note());
        x.decidedAt = now;
        event(i, now, actor, "HYPOTHESIS_" + d.outcome(), "Hypothesis #" + x.id + " " + d.outcome() + note(d.note()));
        Written<IncidentView> w = written(i, Set.of(Part.HYPOTHESES));
        return new Written<>(hypothesisView(x), id, w.version(), false);
    }

    @Transactional
    public Written<IncidentView.ChangeView> addChange(long id, Long expected, String actor, WorkRequests.NewChange c) {
        Incident i = lock(id, expected);
        requireOpen(i);
        boolean force = Boolean.TRUE.equals(c.force());
        if (force && (c.forceReason() == null || c.forceReason().isBlank())) {
            throw new ProblemException(Problem.of(400, "Bad Request", "A forced change needs the reason it cannot wait")
                    .withViolations(List.of(new Problem.Violation("forceReason", "must not be blank when force is true"))));
        }
        if (c.hypothesisId() != null) {
            Hypothesis h = hypotheses.findByIdOptional(c.hypothesisId()).filter(x -> x.incidentId == id)
                    .orElseThrow(() -> new ProblemException(Problem.of(400, "Bad Request", "No hypothesis " + c.hypothesisId() + " on incident " + id)
                            .withViolations(List.of(new Problem.Violation("hypothesisId", "names no hypothesis of this incident")))));
            if (h.outcome == HypothesisOutcome.RULED_OUT || h.outcome == HypothesisOutcome.ABANDONED) {
                throw ProblemException.conflict("Hypothesis " + h.id + " is " + h.outcome + "; a change must test a live hypothesis");
            }
        }
        Optional<IncidentChange> pending = changes.forIncident(id).stream().filter(x -> x.outcome == ChangeOutcome.PENDING).findFirst();
        if (pending.isPresent() && !force) {
            IncidentChange p = pending.get();
            throw new ProblemException(Problem.of(409, "Conflict", "One change at a time: change " + p.id + " (\"" + p.description
                            + "\") is still unverified. Record its outcome (IMPROVED, NO_EFFECT, WORSE, REVERTED) before the next change,"
                            + " or send force=true with a forceReason.")
                    .withExtensions(Map.of("pendingChangeId", p.id)));
        }
        Instant now = now();
        IncidentChange x = new IncidentChange();
        x.incidentId = id;
        x.description = c.description().strip();
        x.hypothesisId = c.hypothesisId();
        x.revertPlan = c.revertPlan().strip();
        x.outcome = ChangeOutcome.PENDING;
        x.forced = force && pending.isPresent();
        x.forceReason = x.forced ? c.forceReason().strip() : null;
        x.appliedBy = actor;
        x.appliedAt = now;
        changes.persist(x);
        event(i, now, actor, "CHANGE", "Change #" + x.id + ": " + x.description
                + (x.hypothesisId == null ? " (no hypothesis)" : " (tests hypothesis #" + x.hypothesisId + ")")
                + "; revert: " + x.revertPlan + (x.forced ? "; FORCED while change " + pending.get().id + " unverified: " + x.forceReason : ""));
        Written<IncidentView> w = written(i, Set.of(Part.CHANGES, Part.HYPOTHESES));
        return new Written<>(changeView(x), id, w.version(), false);
    }

    @Transactional
    public Written<IncidentView.ChangeView> judgeChange(long id, long changeId, Long expected, String actor, WorkRequests.ChangeVerdict v) {
        Incident i = lock(id, expected);
        IncidentChange x = changes.findByIdOptional(changeId).filter(c -> c.incidentId == id)
                .orElseThrow(() -> ProblemException.notFound("No change " + changeId + " on incident " + id));
        if (v.outcome() == ChangeOutcome.PENDING) {
            throw new ProblemException(Problem.of(400, "Bad Request", "An outcome is IMPROVED, NO_EFFECT, WORSE or REVERTED")
                    .withViolations(List.of(new Problem.Violation("outcome", "must be IMPROVED, NO_EFFECT, WORSE or REVERTED"))));
        }
        boolean allowed = x.outcome == ChangeOutcome.PENDING
                || (v.outcome() == ChangeOutcome.REVERTED && (x.outcome == ChangeOutcome.NO_EFFECT || x.outcome == ChangeOutcome.WORSE));
        if (!allowed) {
            throw ProblemException.conflict("Change " + changeId + " is already " + x.outcome
                    + (x.outcome == ChangeOutcome.REVERTED || x.outcome == ChangeOutcome.IMPROVED ? "" : "; it can only be REVERTED now"));
        }
        Instant now = now();
        x.outcome = v.outcome();
        x.outcomeNote = blankToNull(v.note());
        x.verifiedAt = now;
        event(i, now, actor, "CHANGE_" + v.outcome(), "Change #" + x.id + " " + v.outcome() + note(v.note()));
        Written<IncidentView> w = written(i, Set.of(Part.CHANGES, Part.HYPOTHESES));
        return new Written<>(changeView(x), id, w.version(), false);
    }

    @Transactional
    public Written<IncidentView.ContainmentView> contain(long id, Long expected, String actor, WorkRequests.Containment c) {
        Incident i = lock(id, expected);
        requireOpen(i);
        Instant now = now();
        ContainmentAction a = new ContainmentAction();
        a.incidentId = id;
        a.kind = c.kind();
        a.description = c.description().strip();
        a.mitigated = Boolean.TRUE.equals(c.mitigated());
        a.takenBy = actor;
        a.takenAt = now;
        containments.persist(a);
        if (a.mitigated && i.mitigatedAt == null) {
            i.mitigatedAt = now;
        }
        if (i.phase == Phase.TRIAGE) {
            i.phase = Phase.CONTAIN;
        }
        event(i, now, actor, "CONTAINMENT", c.kind() + ": " + a.description + (a.mitigated ? " (impact mitigated)" : ""));
        Written<IncidentView> w = written(i, Set.of(Part.CONTAINMENT));
        return new Written<>(new IncidentView.ContainmentView(a.id, a.kind, a.description, a.mitigated, a.takenBy, a.takenAt), id, w.version(), false);
    }

    @Transactional
    public Written<IncidentView> fixChecklist(long id, Long expected, String actor, WorkRequests.FixChecklist f) {
        Incident i = lock(id, expected);
        Instant now = now();
        i.fixBlastRadius = f.blastRadius();
        i.fixSecondPairOfEyes = Boolean.TRUE.equals(f.secondPairOfEyes());
        i.fixRollbackReady = Boolean.TRUE.equals(f.rollbackReady());
        i.fixCanary = Boolean.TRUE.equals(f.canaryDeployed());
        i.fixMonitoring = Boolean.TRUE.equals(f.monitoringInPlace());
        i.fixSymptomVerifiedGone = Boolean.TRUE.equals(f.symptomVerifiedGone());
        i.fixNoNewErrors = Boolean.TRUE.equals(f.noNewErrors());
        event(i, now, actor, "FIX_CHECKLIST", "Fix-safety checklist: " + checklistOf(i));
        return written(i, NONE);
    }

    /**
     * Closes an incident whose alerts have all resolved, when the operators configured that
     * (hindsight.alerts.resolve-closes-incident): the lifecycle and fix checklist are not asked for, the timeline says why.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void resolveBecauseAlertsResolved(Incident i, String actor, String why) {
        Instant now = now();
        IncidentStatus from = i.status;
        i.status = IncidentStatus.RESOLVED;
        i.phase = Lifecycle.phaseFor(IncidentStatus.RESOLVED, i.phase);
        i.resolvedAt = now;
        i.nextUpdateDue = null;
        if (i.mitigatedAt == null) {
            i.mitigatedAt = now;
        }
        if (i.acknowledgedAt == null) {
            i.acknowledgedAt = now;
        }
        event(i, now, actor, "STATUS", "Status " + from.label() + " → " + IncidentStatus.RESOLVED.label() + ": " + why);
        written(i, NONE);
    }

    /** What an Idempotency-Key may guard besides declarations and status updates. */
    public enum Created { HYPOTHESIS, CHANGE, CONTAINMENT, NOTE }

    /**
     * Runs {@code create} once per Idempotency-Key (per caller): a retry with the same key and request gets the first
     * result again (replayed), a different request with that key gets 422. The key is claimed in the creating
     * transaction, so two concurrent retries never both create.
     */
    @Transactional
    public <T> Written<T> once(String actor, String key, Created kind, long incidentId, Object request,
                               java.util.function.Supplier<Written<T>> create, java.util.function.ToLongFunction<T> childId) {
        if (key == null) {
            return create.get();
        }
        String hash = keys.hash(request);
        String scope = kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + incidentId;
        Optional<IdempotencyKeys.Stored> stored = keys.find(actor, key);
        if (stored.isPresent()) {
            IdempotencyKeys.checkSame(stored.get(), scope, hash, key);
            long child = stored.get().childId();
            Object first = switch (kind) {
                case HYPOTHESIS -> hypothesisView(hypotheses.findById(child));
                case CHANGE -> changeView(changes.findById(child));
                case CONTAINMENT -> {
                    ContainmentAction a = containments.findById(child);
                    yield new IncidentView.ContainmentView(a.id, a.kind, a.description, a.mitigated, a.takenBy, a.takenAt);
                }
                case NOTE -> {
                    TimelineEvent e = timeline.findById(child);
                    yield new IncidentView.TimelineEntry(e.id, e.at, e.actor, e.type, e.summary);
                }
            };
            @SuppressWarnings("unchecked")
            T body = (T) first;
            return new Written<>(body, incidentId, incidents.findById(incidentId).version, true);
        }
        keys.claim(actor, key, scope, hash);
        Written<T> w = create.get();
        keys.complete(actor, key, incidentId, childId.applyAsLong(w.body()));
        return w;
    }

    /** A free-form timeline entry (a runbook's note, an alert). */
    @Transactional
    public Written<IncidentView.TimelineEntry> note(long id, String actor, String type, String summary) {
        Incident i = lock(id, null);
        TimelineEvent e = event(i, now(), actor, type, summary);
        Written<IncidentView> w = written(i, NONE);
        return new Written<>(new IncidentView.TimelineEntry(e.id, e.at, e.actor, e.type, e.summary), id, w.version(), false);
    }

    // ---------------------------------------------------------------------------------------------- internals

    /** For other services of this module: lock, record an event, publish. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordAndPublish(Incident i, String actor, String type, String summary) {
        event(i, now(), actor, type, summary);
        written(i, ALL);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Incident lock(long id, Long expected) {
        Incident i = incidents.lockForUpdate(id).orElseThrow(() -> ProblemException.notFound("No incident " + id));
        if (i.lockedVersion == null) {
            i.lockedVersion = i.version;
        }
        if (expected != null && expected != i.version) {
            throw new ProblemException(Problem.of(409, "Conflict", "Incident " + id + " has changed: you sent If-Match version " + expected
                            + " but the current version is " + i.version + "; re-read it and retry")
                    .withExtensions(Map.of("currentVersion", i.version)),
                    Response.status(409).tag(new EntityTag(String.valueOf(i.version))));
        }
        return i;
    }

    private void moveTo(Incident i, IncidentStatus to, boolean force, String forceReason, String note, String actor, Instant now) {
        IncidentStatus from = i.status;
        Lifecycle.refusal(from, to).ifPresent(why -> {
            throw new ProblemException(Problem.of(409, "Conflict", why)
                    .withExtensions(Map.of("from", from.name(), "to", to.name())));
        });
        List<String> missing = new ArrayList<>();
        if (to == IncidentStatus.DEPLOYED) {
            if (i.fixBlastRadius == null) {
                missing.add("blast radius not assessed (can this fix make things worse?)");
            } else if (i.fixBlastRadius == BlastRadius.HIGH && !i.fixSecondPairOfEyes) {
                missing.add("high blast radius: get a second pair of eyes, don't deploy alone");
            }
            if (!i.fixRollbackReady) {
                missing.add("no quick rollback ready (feature flag or quick revert)");
            }
        }
        if (to == IncidentStatus.RESOLVED) {
            changes.forIncident(i.id).stream().filter(c -> c.outcome == ChangeOutcome.PENDING).findFirst().ifPresent(c -> {
                throw new ProblemException(Problem.of(409, "Conflict", "Change " + c.id + " (\"" + c.description
                                + "\") is still unverified: record its outcome before resolving")
                        .withExtensions(Map.of("pendingChangeId", c.id)));
            });
            if (!i.fixSymptomVerifiedGone) {
                missing.add("symptom not verified gone");
            }
            if (!i.fixNoNewErrors) {
                missing.add("no-new-errors not confirmed");
            }
        }
        if (!missing.isEmpty()) {
            if (!force) {
                throw new ProblemException(Problem.of(409, "Conflict", "The fix-safety checklist is not complete for " + to.label() + ": "
                                + String.join("; ", missing) + ". Complete it (PUT .../fix-checklist) or send force=true with a forceReason.")
                        .withExtensions(Map.of("missing", missing)));
            }
            if (forceReason == null || forceReason.isBlank()) {
                throw new ProblemException(Problem.of(400, "Bad Request", "A forced transition needs a reason")
                        .withViolations(List.of(new Problem.Violation("forceReason", "must not be blank when force is true"))));
            }
        }
        i.status = to;
        i.phase = Lifecycle.phaseFor(to, i.phase);
        if (to == IncidentStatus.RESOLVED) {
            i.resolvedAt = now;
            i.nextUpdateDue = null;
        }
        checkOrder(i);
        event(i, now, actor, "STATUS", "Status " + from.label() + " → " + to.label() + note(note)
                + (missing.isEmpty() ? "" : "; FORCED past checklist (" + String.join("; ", missing) + "): " + forceReason.strip()));
    }

    /** The priority a triage would give, and why, without recording anything (the declare form shows it live). */
    public TriageCalculator.Result previewTriage(WorkRequests.Triage t) {
        return calculator.assess(inputOf(t));
    }

    private static TriageCalculator.Input inputOf(WorkRequests.Triage t) {
        return new TriageCalculator.Input(t.scope(), t.effect(), t.visibility(), t.escalation(), t.revenue(),
                Boolean.TRUE.equals(t.dataAtRisk()), Boolean.TRUE.equals(t.criticalFlowsBroken()), Boolean.TRUE.equals(t.spreading()),
                !Boolean.FALSE.equals(t.monitoringPresent()), Boolean.TRUE.equals(t.safeRollback()));
    }

    private void applyTriage(Incident i, WorkRequests.Triage t, String actor, Instant now) {
        TriageCalculator.Input in = inputOf(t);
        TriageCalculator.Result r = calculator.assess(in);
        TriageAssessment a = new TriageAssessment();
        a.incidentId = i.id;
        a.scope = in.scope();
        a.effect = in.effect();
        a.visibility = in.visibility();
        a.escalation = in.escalation();
        a.revenue = in.revenue();
        a.dataAtRisk = in.dataAtRisk();
        a.criticalFlowsBroken = in.criticalFlowsBroken();
        a.spreading = in.spreading();
        a.monitoringPresent = in.monitoringPresent();
        a.safeRollback = in.safeRollback();
        a.computedPriority = r.priority();
        a.reasons = String.join("\n", r.reasons());
        if (t.override() != null) {
            a.overridePriority = t.override().priority();
            a.overrideReason = t.override().reason().strip();
            a.overrideBy = actor;
            a.overrideAt = now;
        }
        a.assessedBy = actor;
        a.assessedAt = now;
        triages.persist(a);
        setPriority(i, a.effectivePriority(), now);
        if (i.phase == Phase.TRIAGE) {
            i.phase = Phase.CONTAIN;
        }
        event(i, now, actor, "TRIAGED", "Triaged " + r.priority() + (a.overridePriority == null ? "" : ", overridden to "
                + a.overridePriority + ": " + a.overrideReason) + " — " + String.join("; ", r.reasons()));
    }

    /** A higher priority tightens the update cadence at once. */
    private void setPriority(Incident i, Priority p, Instant now) {
        i.priority = p;
        if (i.isOpen()) {
            Instant latest = now.plus(cadence.of(p));
            if (i.nextUpdateDue == null || i.nextUpdateDue.isAfter(latest)) {
                i.nextUpdateDue = latest;
            }
        }
    }

    private Optional<TriageAssessment> latestTriage(long incidentId) {
        return triages.find("incidentId = ?1 order by id desc", incidentId).firstResultOptional();
    }

    private static TriageAssessment copyOf(TriageAssessment s) {
        TriageAssessment a = new TriageAssessment();
        a.incidentId = s.incidentId;
        a.scope = s.scope;
        a.effect = s.effect;
        a.visibility = s.visibility;
        a.escalation = s.escalation;
        a.revenue = s.revenue;
        a.dataAtRisk = s.dataAtRisk;
        a.criticalFlowsBroken = s.criticalFlowsBroken;
        a.spreading = s.spreading;
        a.monitoringPresent = s.monitoringPresent;
        a.safeRollback = s.safeRollback;
        a.computedPriority = s.computedPriority;
        a.reasons = s.reasons;
        return a;
    }

    private void requireOpen(Incident i) {
        if (!i.isOpen()) {
            throw ProblemException.conflict("Incident " + i.id + " is resolved (at " + i.resolvedAt + "); it takes no more work");
        }
    }

    private void existing(long id) {
        if (incidents.findByIdOptional(id).isEmpty()) {
            throw ProblemException.notFound("No incident " + id);
        }
    }

    private static void checkOrder(Incident i) {
        Map<String, Instant> values = new HashMap<>();
        values.put("impactStartedAt", i.impactStartedAt);
        values.put("detectedAt", i.detectedAt);
        values.put("acknowledgedAt", i.acknowledgedAt);
        values.put("mitigatedAt", i.mitigatedAt);
        values.put("resolvedAt", i.resolvedAt);
        List<String[]> bad = Lifecycle.orderViolations(values);
        if (!bad.isEmpty()) {
            throw new ProblemException(Problem.of(400, "Bad Request", "Timestamps out of order: "
                            + String.join("; ", bad.stream().map(b -> b[0] + " " + b[1]).toList()))
                    .withViolations(bad.stream().map(b -> new Problem.Violation(b[0], b[1])).toList()));
        }
    }

    private TimelineEvent event(Incident i, Instant at, String actor, String type, String summary) {
        TimelineEvent e = new TimelineEvent();
        e.incidentId = i.id;
        e.at = at;
        e.actor = actor;
        e.type = type;
        e.summary = summary.length() > 4000 ? io.hindsight.problem.WellFormedText.prefix(summary, 3997) + "..." : summary;
        timeline.persist(e);
        i.updatedAt = at;
        return e;
    }

    private Written<IncidentView> written(Incident i, Set<Part> changed) {
        IncidentView view = publish(i, changed);
        return new Written<>(view, view.id(), view.version(), false);
    }

    /**
     * Flushes (bumping the version), snapshots, and appends the snapshot to the change feed: last in the transaction.
     * Parts not in {@code changed} come from the snapshot of the version this transaction locked, when that is held.
     */
    private IncidentView publish(Incident i, Set<Part> changed) {
        return publish(i, changed, held(i), null);
    }

    /** The held snapshot of the version this transaction locked, if any. */
    private IncidentView held(Incident i) {
        return i.lockedVersion == null ? null : snapshots.get(i.id, i.lockedVersion).orElse(null);
    }

    private IncidentView publish(Incident i, Set<Part> changed, IncidentView base, IncidentView.UpdateSummary appendedUpdate) {
        incidents.flush();
        IncidentView view = view(i, base, changed, appendedUpdate);
        feed.append(FEED_TYPE, String.valueOf(i.id), "upsert", view);
        this.changed.fire(new Changed(view));
        return view;
    }

    /** The held snapshot of this version if there is one (with its time-dependent flags brought up to now), else a fresh one, then held. */
    private IncidentView cachedView(Incident i) {
        Optional<IncidentView> held = snapshots.get(i.id, i.version);
        if (held.isPresent()) {
            return live(held.get(), now());
        }
        IncidentView view = view(i);
        snapshots.put(view);
        return view;
    }

    /** The snapshot read entirely from the database. */
    public IncidentView view(Incident i) {
        return view(i, null, ALL, null);
    }

    /** The parts of a snapshot of an incident that has none yet (a base for declaring). */
    private static final IncidentView EMPTY = new IncidentView(0, null, null, List.of(), Map.of(), false, IncidentStatus.INVESTIGATING, null,
            Phase.TRIAGE, null, null, null, null, null, null, null, null, null, null, List.of(), null, false, List.of(), List.of(), List.of(),
            List.of(), null, 0, List.of(), null, null, null, 0);

    /**
     * A snapshot: parts in {@code changed} (all of them without a {@code base}) read from the database, the others taken
     * from {@code base}; {@code appendedUpdate}, with a base, is the one status update added since it.
     */
    private IncidentView view(Incident i, IncidentView base, Set<Part> changed, IncidentView.UpdateSummary appendedUpdate) {
        Instant now = now();
        Set<Part> read = base == null ? ALL : changed;
        IncidentView.Triage triage = read.contains(Part.TRIAGE) ? latestTriage(i.id).map(IncidentService::triageView).orElse(null) : base.triage();
        List<IncidentView.HypothesisView> hs = read.contains(Part.HYPOTHESES)
                ? hypotheses.forIncident(i.id).stream().map(IncidentService::hypothesisView).toList() : base.hypotheses();
        List<IncidentView.ChangeView> cs = read.contains(Part.CHANGES)
                ? changes.forIncident(i.id).stream().map(IncidentService::changeView).toList() : base.changes();
        List<IncidentView.ContainmentView> as = read.contains(Part.CONTAINMENT)
                ? containments.forIncident(i.id).stream()
                        .map(a -> new IncidentView.ContainmentView(a.id, a.kind, a.description, a.mitigated, a.takenBy, a.takenAt)).toList()
                : base.containmentActions();
        List<IncidentView.UpdateSummary> us;
        if (read.contains(Part.UPDATES) && base != null && appendedUpdate != null) {
            List<IncidentView.UpdateSummary> latest = new ArrayList<>(base.statusUpdates());
            latest.add(appendedUpdate);
            us = List.copyOf(latest.subList(Math.max(0, latest.size() - SNAPSHOT_UPDATES), latest.size()));
        } else if (read.contains(Part.UPDATES)) {
            // the snapshot carries the latest updates only, so it stays small however long an incident runs; all are at /updates
            us = new ArrayList<>(updates.find("incidentId = ?1 order by seq desc", i.id)
                    .page(0, SNAPSHOT_UPDATES).list().stream()
                    .map(s -> new IncidentView.UpdateSummary(s.seq, s.postedAt, s.status, s.nextUpdateAt)).toList());
            java.util.Collections.reverse(us);
            us = List.copyOf(us);
        } else {
            us = base.statusUpdates();
        }
        List<String> services;
        Map<String, String> labels;
        List<String> responders;
        if (read.contains(Part.PEOPLE_AND_TAGS)) {
            services = List.copyOf(i.services);
            labels = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(new java.util.TreeMap<>(i.labels)));
            responders = List.copyOf(i.responders);
        } else {
            services = base.services();
            labels = base.labels();
            responders = base.responders();
        }
        Instant impactStart = i.impactStartedAt != null ? i.impactStartedAt : i.detectedAt;
        IncidentView.Durations durations = new IncidentView.Durations(
                seconds(i.impactStartedAt, i.detectedAt), seconds(i.detectedAt, i.acknowledgedAt),
                seconds(impactStart, i.mitigatedAt), seconds(i.detectedAt, i.resolvedAt), seconds(impactStart, i.resolvedAt));
        IncidentView view = new IncidentView(i.id, i.title, i.symptom, services, labels,
                i.drill, i.status, i.status.label(), i.phase, i.priority, triage,
                i.impactStartedAt, i.detectedAt, i.acknowledgedAt, i.mitigatedAt, i.resolvedAt, durations,
                i.commander, i.commsLead, responders, i.nextUpdateDue, false, List.of(),
                hs, cs, as, checklistOf(i), i.updateCount, us, i.declaredBy, i.createdAt, i.updatedAt, i.version);
        return live(view, now);
    }

    /** The snapshot with what depends on the clock (overdue, red flags) computed for {@code now}. */
    static IncidentView live(IncidentView v, Instant now) {
        boolean open = v.status() != IncidentStatus.RESOLVED;
        boolean overdue = open && v.nextUpdateDue() != null && now.isAfter(v.nextUpdateDue());
        List<IncidentView.RedFlag> flags = RedFlagDetector.detect(open, now, v.nextUpdateDue(),
                        v.changes().stream().map(c -> new RedFlagDetector.Change(c.id(), c.hypothesisId(), c.outcome())).toList(),
                        v.hypotheses().stream().map(h -> new RedFlagDetector.Hypothesis(h.id(), h.outcome(), h.timeBoxEndsAt())).toList())
                .stream().map(f -> new IncidentView.RedFlag(f.code(), f.message())).toList();
        if (overdue == v.overdue() && flags.equals(v.redFlags())) {
            return v;
        }
        return new IncidentView(v.id(), v.title(), v.symptom(), v.services(), v.labels(), v.drill(), v.status(), v.statusLabel(),
                v.phase(), v.priority(), v.triage(), v.impactStartedAt(), v.detectedAt(), v.acknowledgedAt(), v.mitigatedAt(),
                v.resolvedAt(), v.durations(), v.commander(), v.commsLead(), v.responders(), v.nextUpdateDue(), overdue, flags,
                v.hypotheses(), v.changes(), v.containmentActions(), v.fixChecklist(), v.statusUpdateCount(), v.statusUpdates(),
                v.declaredBy(), v.createdAt(), v.updatedAt(), v.version());
    }

    private static Long seconds(Instant from, Instant to) {
        return from == null || to == null ? null : Duration.between(from, to).toSeconds();
    }

    private static IncidentView.FixChecklist checklistOf(Incident i) {
        return new IncidentView.FixChecklist(i.fixBlastRadius, i.fixSecondPairOfEyes, i.fixRollbackReady, i.fixCanary, i.fixMonitoring,
                i.fixSymptomVerifiedGone, i.fixNoNewErrors);
    }

    private static IncidentView.Triage triageView(TriageAssessment a) {
        return new IncidentView.Triage(a.scope, a.effect, a.visibility, a.escalation, a.revenue, a.dataAtRisk, a.criticalFlowsBroken,
                a.spreading, a.monitoringPresent, a.safeRollback, a.computedPriority, Arrays.asList(a.reasons.split("\n")),
                a.overridePriority == null ? null : new IncidentView.Override(a.overridePriority, a.overrideReason, a.overrideBy, a.overrideAt),
                a.assessedBy, a.assessedAt);
    }

    private static IncidentView.HypothesisView hypothesisView(Hypothesis h) {
        return new IncidentView.HypothesisView(h.id, h.statement, h.prediction, h.howToTest, h.timeBoxMinutes, h.timeBoxEndsAt, h.outcome,
                h.outcomeNote, h.createdBy, h.createdAt, h.decidedAt);
    }

    private static IncidentView.ChangeView changeView(IncidentChange c) {
        return new IncidentView.ChangeView(c.id, c.description, c.hypothesisId, c.revertPlan, c.outcome, c.outcomeNote, c.forced,
                c.forceReason, c.appliedBy, c.appliedAt, c.verifiedAt);
    }

    private IncidentView.StatusUpdateView updateView(StatusUpdate s) {
        try {
            return new IncidentView.StatusUpdateView(s.id, s.incidentId, s.seq, s.postedAt, s.postedBy, s.status, s.priority, s.symptom,
                    s.scope, s.started, json.readValue(s.tried, new TypeReference<List<IncidentView.Tried>>() { }),
                    json.readValue(s.nextSteps, new TypeReference<List<IncidentView.NextStep>>() { }), s.workaround, s.nextUpdateAt, s.rendered);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("status update " + s.id + " holds unreadable JSON", e);
        }
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Microsecond precision, as the database stores it: a snapshot equals what a later read returns. */
    private static Instant micros(Instant at) {
        return at == null ? null : at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    /** Now, in microsecond precision, as the database stores it: a snapshot equals what a later read returns. */
    static Instant now() {
        return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
    }

    private static String note(String note) {
        return note == null || note.isBlank() ? "" : ": " + note.strip();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static Set<String> servicesOf(String service, List<String> list) {
        Set<String> services = new LinkedHashSet<>();
        if (service != null && !service.isBlank()) {
            services.add(service.strip());
        }
        if (list != null) {
            list.forEach(s -> services.add(s.strip()));
        }
        if (services.isEmpty()) {
            throw new ProblemException(Problem.of(400, "Bad Request", "The request has invalid fields: service")
                    .withViolations(List.of(new Problem.Violation("service", "name the affected service (service or services)"))));
        }
        return services;
    }
}
