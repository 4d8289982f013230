package io.hindsight.incident.service;

import io.hindsight.incident.domain.IncidentStatus;
import io.hindsight.changefeed.ChangeFeed;
import io.hindsight.incident.repository.Incident;
import io.hindsight.incident.repository.IncidentRepository;
import io.hindsight.incident.rest.DeclareIncidentRequest;
import io.hindsight.incident.rest.IncidentView;
import io.hindsight.problem.Problem;
import io.hindsight.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Owns the lifecycle of incidents; every change it makes is written to the change feed in the same transaction. */
@ApplicationScoped
public class IncidentService {

    public static final String FEED_TYPE = "incident";

    private final IncidentRepository incidents;
    private final ChangeFeed feed;

    public IncidentService(IncidentRepository incidents, ChangeFeed feed) {
        this.incidents = incidents;
        this.feed = feed;
    }

    @Transactional
    public IncidentView declare(DeclareIncidentRequest request, String actor) {
        Instant now = Instant.now();
        Incident incident = new Incident();
        incident.title = request.title().strip();
        incident.symptom = request.symptom().strip();
        incident.services.addAll(servicesOf(request));
        incident.status = IncidentStatus.INVESTIGATING;
        incident.drill = Boolean.TRUE.equals(request.drill());
        incident.declaredBy = actor;
        incident.detectedAt = request.detectedAt() == null ? now : request.detectedAt();
        if (incident.detectedAt.isAfter(now.plusSeconds(60))) {
            throw new ProblemException(Problem.of(400, "Bad Request", "detectedAt lies in the future")
                    .withViolations(List.of(new Problem.Violation("detectedAt", "must not be in the future"))));
        }
        incident.createdAt = now;
        incident.updatedAt = now;
        incidents.persist(incident);
        IncidentView view = IncidentView.of(incident);
        feed.append(FEED_TYPE, String.valueOf(incident.id), "upsert", view);
        return view;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<IncidentView> find(long id) {
        return incidents.findByIdOptional(id).map(IncidentView::of);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<IncidentView> newestBefore(Long beforeId, int limit) {
        return incidents.newestBefore(beforeId, limit).stream().map(IncidentView::of).toList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public long count() {
        return incidents.count();
    }

    private static Set<String> servicesOf(DeclareIncidentRequest request) {
        Set<String> services = new LinkedHashSet<>();
        if (request.service() != null && !request.service().isBlank()) {
            services.add(request.service().strip());
        }
        if (request.services() != null) {
            request.services().forEach(s -> services.add(s.strip()));
        }
        if (services.isEmpty()) {
            throw new ProblemException(Problem.of(400, "Bad Request", "The request has invalid fields: service")
                    .withViolations(List.of(new Problem.Violation("service", "name the affected service (service or services)"))));
        }
        return services;
    }
}
