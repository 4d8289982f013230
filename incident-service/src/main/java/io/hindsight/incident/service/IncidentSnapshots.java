package io.hindsight.incident.service;

import io.hindsight.incident.rest.IncidentView;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The latest committed snapshot of recently used incidents, keyed by id and valid only for the version it was built
 * from. Reads check the version in the database first, so every replica serves what was committed (whoever wrote
 * it); a write rebuilds only the parts of the snapshot it touched. Bounded: least recently used entries go first.
 */
@ApplicationScoped
public class IncidentSnapshots {

    private final int capacity;
    private final Map<Long, IncidentView> byId;

    public IncidentSnapshots(@ConfigProperty(name = "hindsight.snapshot-cache.size", defaultValue = "2000") int capacity) {
        this.capacity = capacity;
        this.byId = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, IncidentView> eldest) {
                return size() > IncidentSnapshots.this.capacity;
            }
        };
    }

    /** The snapshot of incident {@code id} at exactly {@code version}, if held. */
    public Optional<IncidentView> get(long id, long version) {
        IncidentView v;
        synchronized (byId) {
            v = byId.get(id);
        }
        return v != null && v.version() == version ? Optional.of(v) : Optional.empty();
    }

    /** Keeps a snapshot read from committed data (or just committed); an older version never replaces a newer one. */
    public void put(IncidentView view) {
        if (capacity <= 0) {
            return;
        }
        synchronized (byId) {
            IncidentView held = byId.get(view.id());
            if (held == null || held.version() <= view.version()) {
                byId.put(view.id(), view);
            }
        }
    }

    public int size() {
        synchronized (byId) {
            return byId.size();
        }
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) IncidentService.Changed changed) {
        put(changed.view());
    }
}
