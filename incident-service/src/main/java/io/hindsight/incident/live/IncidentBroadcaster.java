package io.hindsight.incident.live;

import io.hindsight.incident.rest.IncidentView;
import io.hindsight.incident.service.IncidentService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Fans committed incident snapshots out to live subscribers. Only committed changes are sent (observed after the
 * transaction succeeds); a slow subscriber drops snapshots rather than buffering without bound (the next snapshot
 * of an incident supersedes the previous one anyway).
 */
@ApplicationScoped
public class IncidentBroadcaster {

    private final BroadcastProcessor<IncidentView> processor = BroadcastProcessor.create();

    void onChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) IncidentService.Changed changed) {
        processor.onNext(changed.view());
    }

    public Multi<IncidentView> stream() {
        return processor.onOverflow().drop();
    }
}
