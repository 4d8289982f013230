package io.hindsight.incident.live;

import io.hindsight.incident.rest.IncidentView;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayDeque;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open live streams (SSE) of this replica, and the fan-out of committed snapshots to them.
 *
 * <p>A stream holds no database connection and no thread: it is an entry here and a bounded buffer. Snapshots come
 * from one place only, {@link LiveFeedTail}, which reads them from the change feed in feed order, so every replica's
 * viewers see every committed change, once, in commit order per incident. A stream that ends for any reason (the
 * client went away, it fell {@link #BUFFER} snapshots behind, the service stops) is removed at once; one that was
 * registered but never subscribed is removed after {@link #UNATTACHED_LIMIT_SECONDS}.
 */
@ApplicationScoped
public class LiveViewers {

    /** Snapshots a stream may be behind before it is ended (the client reconnects, as SSE clients do). */
    public static final int BUFFER = 256;
    static final long UNATTACHED_LIMIT_SECONDS = 30;

    private final ConcurrentHashMap<Long, Set<Viewer>> byIncident = new ConcurrentHashMap<>();
    private final Set<Viewer> allIncidents = ConcurrentHashMap.newKeySet();
    private final AtomicInteger open = new AtomicInteger();

    public LiveViewers(MeterRegistry registry) {
        Gauge.builder("hindsight.live.streams", open, AtomicInteger::get)
                .description("Open live streams (SSE) of this replica: war rooms and open-incident lists")
                .register(registry);
    }

    /** How many streams are open (registered and not yet ended). */
    public int open() {
        return open.get();
    }

    /**
     * Registers a viewer of one incident before its first snapshot is read, so that a change committed in between is
     * kept; the caller then reads the snapshot and calls {@link #stream}, or {@link #remove} if it cannot.
     */
    public Viewer register(long incidentId) {
        Viewer v = new Viewer(incidentId);
        open.incrementAndGet();
        byIncident.computeIfAbsent(incidentId, k -> ConcurrentHashMap.newKeySet()).add(v);
        return v;
    }

    /** The stream of a registered viewer: {@code first}, then every later version of its incident. */
    public Multi<IncidentView> stream(Viewer viewer, IncidentView first) {
        return Multi.createFrom().emitter(emitter -> {
            emitter.onTermination(() -> remove(viewer));
            viewer.attach(emitter, first);
        }, BUFFER);
    }

    /** Every snapshot of every incident committed from now on (the open-incident list). */
    public Multi<IncidentView> all() {
        return Multi.createFrom().emitter(emitter -> {
            Viewer v = new Viewer(null);
            open.incrementAndGet();
            allIncidents.add(v);
            emitter.onTermination(() -> remove(v));
            v.attach(emitter, null);
        }, BUFFER);
    }

    /** Forgets a viewer (idempotent). */
    public void remove(Viewer v) {
        if (!v.close()) {
            return;
        }
        open.decrementAndGet();
        if (v.incidentId == null) {
            allIncidents.remove(v);
        } else {
            byIncident.computeIfPresent(v.incidentId, (k, set) -> {
                set.remove(v);
                return set.isEmpty() ? null : set;
            });
        }
    }

    /** Hands a committed snapshot to the streams that show it (called by {@link LiveFeedTail}, in feed order). */
    void deliver(IncidentView view) {
        Set<Viewer> ofIncident = byIncident.get(view.id());
        if (ofIncident != null) {
            ofIncident.forEach(v -> v.offer(view));
        }
        allIncidents.forEach(v -> v.offer(view));
    }

    /** Removes viewers registered but never subscribed (a response that was never written). */
    void expireUnattached() {
        long limit = System.nanoTime() - TimeUnit.SECONDS.toNanos(UNATTACHED_LIMIT_SECONDS);
        byIncident.values().forEach(set -> set.forEach(v -> {
            if (v.unattachedSince(limit)) {
                remove(v);
            }
        }));
    }

    /** One open stream. Until its subscriber attaches it keeps what arrives (bounded); after that it emits. */
    public static final class Viewer {
        final Long incidentId;
        private final long registeredAt = System.nanoTime();
        private final ArrayDeque<IncidentView> pending = new ArrayDeque<>();
        private MultiEmitter<? super IncidentView> emitter;
        private long lastVersion = Long.MIN_VALUE;
        private boolean overflowed;
        private boolean closed;

        Viewer(Long incidentId) {
            this.incidentId = incidentId;
        }

        synchronized void attach(MultiEmitter<? super IncidentView> emitter, IncidentView first) {
            if (closed) {
                emitter.complete();
                return;
            }
            this.emitter = emitter;
            if (first != null) {
                emit(first);
            }
            if (overflowed) {
                emitter.fail(new IllegalStateException("live stream fell " + BUFFER + " snapshots behind"));
                return;
            }
            while (!pending.isEmpty()) {
                emit(pending.poll());
            }
        }

        synchronized void offer(IncidentView view) {
            if (closed) {
                return;
            }
            if (emitter != null) {
                emit(view);
            } else if (pending.size() < BUFFER) {
                pending.add(view);
            } else {
                overflowed = true;
                pending.clear();
            }
        }

        /** A stream of one incident shows each version once, in order: the first snapshot may already include changes the feed brings later. */
        private void emit(IncidentView view) {
            if (incidentId != null) {
                if (view.version() <= lastVersion) {
                    return;
                }
                lastVersion = view.version();
            }
            emitter.emit(view);
        }

        synchronized boolean unattachedSince(long nanos) {
            return emitter == null && !closed && registeredAt - nanos < 0;
        }

        /** True if this call closed it. */
        synchronized boolean close() {
            if (closed) {
                return false;
            }
            closed = true;
            pending.clear();
            return true;
        }
    }
}
