package io.hindsight.incident.live;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hindsight.changefeed.ChangeFeed;
import io.hindsight.changefeed.ChangeFeedEntry;
import io.hindsight.changefeed.ChangeFeedSequencer;
import io.hindsight.changefeed.ChangePage;
import io.hindsight.incident.rest.IncidentView;
import io.hindsight.incident.service.IncidentService;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Feeds this replica's live streams from the change feed, so that a viewer on any replica sees a change committed
 * through any other (issue 14, finding 10). One thread per replica tails the feed: it starts at the head at boot, and
 * every {@code hindsight.live.poll-interval} (250 ms) — at once after a commit on this replica — numbers the committed
 * outbox rows ({@link ChangeFeedSequencer}, the feed's own step) and reads the entries after its cursor, at most
 * {@code hindsight.live.batch} at a time, each in a short transaction of its own. Only committed changes are in the
 * feed, in commit order per incident, each once; so there is one delivery path and nothing to de-duplicate but the
 * first snapshot of a new stream ({@link LiveViewers.Viewer}). With no stream open it only follows the head.
 * Works alike on PostgreSQL and the embedded H2 build (plain SQL, no LISTEN/NOTIFY).
 */
@ApplicationScoped
public class LiveFeedTail {

    private static final Logger LOG = Logger.getLogger(LiveFeedTail.class);
    /** Pages read per wake-up before the thread looks at its clock again (a backlog is worked off over several). */
    private static final int PAGES_PER_ROUND = 20;

    private final LiveViewers viewers;
    private final ChangeFeed feed;
    private final ChangeFeedSequencer sequencer;
    private final EntityManager em;
    private final ObjectMapper json;
    private final Duration interval;
    private final int batch;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicLong cursor = new AtomicLong(-1);
    private final AtomicLong lag = new AtomicLong();
    private final Counter delivered;
    private final Counter failures;
    private volatile boolean running;
    private Thread thread;

    public LiveFeedTail(LiveViewers viewers, ChangeFeed feed, ChangeFeedSequencer sequencer, EntityManager em, ObjectMapper json,
                        MeterRegistry registry,
                        @ConfigProperty(name = "hindsight.live.poll-interval", defaultValue = "250ms") Duration interval,
                        @ConfigProperty(name = "hindsight.live.batch", defaultValue = "200") int batch) {
        this.viewers = viewers;
        this.feed = feed;
        this.sequencer = sequencer;
        this.em = em;
        this.json = json;
        this.interval = interval;
        this.batch = Math.max(1, Math.min(batch, 1000));
        Gauge.builder("hindsight.live.feed.cursor", cursor, AtomicLong::get)
                .description("Sequence number of the last change-feed entry the live streams of this replica have been given").register(registry);
        Gauge.builder("hindsight.live.feed.lag", lag, AtomicLong::get)
                .description("Change-feed entries not yet given to the live streams of this replica, at its last read").register(registry);
        this.delivered = Counter.builder("hindsight.live.snapshots.delivered")
                .description("Incident snapshots handed to the live streams of this replica").register(registry);
        this.failures = Counter.builder("hindsight.live.feed.read.failures")
                .description("Reads of the change feed for the live streams that failed (retried at the next interval)").register(registry);
    }

    void start(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::run, "live-feed-tail");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5000);
        }
    }

    /** A commit on this replica: read the feed now rather than at the next interval. */
    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) IncidentService.Changed changed) {
        wake.release();
    }

    /** The sequence number the streams have been given up to (-1 before the first read). */
    public long cursor() {
        return cursor.get();
    }

    private void run() {
        long failingSince = 0;
        while (running) {
            try {
                wake.tryAcquire(interval.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                round();
                if (failingSince != 0) {
                    LOG.info("Live streams: reading the change feed again");
                    failingSince = 0;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures.increment();
                if (failingSince == 0) {
                    failingSince = System.nanoTime();
                    LOG.warnf("Live streams: cannot read the change feed (retrying every %s): %s", interval, e.toString());
                }
                sleepQuietly();
            }
        }
    }

    private void sleepQuietly() {
        try {
            Thread.sleep(Math.max(interval.toMillis(), 1000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One wake-up: follows the head when nobody watches, else hands on what was committed since the cursor. */
    void round() {
        viewers.expireUnattached();
        long head = QuarkusTransaction.requiringNew().call(this::head);
        long at = cursor.get();
        if (at < 0 || viewers.open() == 0) {
            // the head is read before the count: a stream opened after that count reads its first snapshot after
            // everything up to this head was committed, so it misses nothing the cursor skips
            cursor.set(head);
            lag.set(0);
            return;
        }
        if (head < at) {
            // the feed was restored or rebuilt behind this replica: follow it rather than wait for numbers it may never reach
            LOG.warnf("Live streams: the change feed's head %d is behind this replica's cursor %d; following the head", head, at);
            cursor.set(head);
            at = head;
        }
        sequencer.sequencePending(); // its own short transaction
        for (int page = 0; page < PAGES_PER_ROUND && running; page++) {
            long after = at;
            ChangePage changes = QuarkusTransaction.requiringNew().call(() -> feed.after(after, batch));
            for (ChangeFeedEntry entry : changes.changes()) {
                if (IncidentService.FEED_TYPE.equals(entry.entityType()) && "upsert".equals(entry.operation())) {
                    IncidentView view = parse(entry);
                    if (view != null) {
                        viewers.deliver(view);
                        delivered.increment();
                    }
                }
            }
            at = changes.lastSeq();
            cursor.set(at);
            lag.set(Math.max(0, changes.headSeq() - at));
            if (!changes.hasMore()) {
                return;
            }
        }
        wake.release(); // a backlog: carry on at once, after the loop has looked at 'running'
    }

    private long head() {
        return ((Number) em.createNativeQuery("select last_seq from change_feed_sequence where id = 1").getSingleResult()).longValue();
    }

    private IncidentView parse(ChangeFeedEntry entry) {
        try {
            return json.readValue(entry.payload(), IncidentView.class);
        } catch (Exception e) {
            // the feed holds what this service wrote; one entry it cannot read must not stop the streams
            LOG.warnf("Live streams: skipping change %d (incident %s) that cannot be read: %s", entry.seq(), entry.entityId(), e.getMessage());
            return null;
        }
    }
}
