package io.hindsight.search.feed;

import io.hindsight.search.config.SearchConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * One background thread that keeps the index caught up with the feeds: it polls again at once while there are
 * changes, waits {@code hindsight.search.poll-interval} when there are none, and backs off up to 2 s while a
 * feed is unreachable. (The scheduler extension cannot run jobs more often than once a second, too slow for
 * "searchable within a second".) It stops before the index closes.
 */
@ApplicationScoped
public class FeedPollingLoop {

    private static final Logger LOG = Logger.getLogger(FeedPollingLoop.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final ChangeFeedIndexer indexer;
    private final Duration interval;
    private final boolean enabled;
    private final Object wakeUp = new Object();
    private volatile boolean running;
    private Thread thread;

    public FeedPollingLoop(ChangeFeedIndexer indexer, SearchConfig config) {
        this.indexer = indexer;
        this.interval = config.pollInterval();
        this.enabled = config.pollingEnabled();
    }

    void start(@Observes StartupEvent event) {
        if (!enabled) {
            LOG.info("Feed polling is disabled (hindsight.search.polling.enabled=false)");
            return;
        }
        running = true;
        thread = new Thread(this::run, "feed-poller");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        if (thread != null) {
            synchronized (wakeUp) {
                wakeUp.notifyAll();
            }
            thread.join(Duration.ofSeconds(15).toMillis());
        }
    }

    private void run() {
        Duration pause = interval;
        while (running) {
            int applied;
            try {
                applied = indexer.pollAll();
            } catch (RuntimeException e) {
                LOG.error("Applying the feeds failed; retrying", e);
                applied = -1;
            }
            if (applied > 0) {
                pause = interval;
                continue;
            }
            pause = applied < 0 ? min(pause.multipliedBy(2), MAX_BACKOFF) : interval;
            synchronized (wakeUp) {
                if (!running) {
                    break;
                }
                try {
                    wakeUp.wait(pause.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
