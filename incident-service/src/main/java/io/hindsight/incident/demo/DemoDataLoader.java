package io.hindsight.incident.demo;

import io.hindsight.incident.rest.DeclareIncidentRequest;
import io.hindsight.incident.service.IncidentService;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads the four worked examples of the crisis-debugging lesson as incidents into an empty database,
 * when {@code hindsight.demo-data.enabled} is set (the embedded profile used by {@code ./hindsight up}).
 * They go through {@link IncidentService}, so they reach the change feed and search like any other incident.
 */
@ApplicationScoped
public class DemoDataLoader {

    private static final Logger LOG = Logger.getLogger(DemoDataLoader.class);
    static final String ACTOR = "demo-data";

    private final IncidentService incidents;
    private final boolean enabled;

    public DemoDataLoader(IncidentService incidents, @ConfigProperty(name = "hindsight.demo-data.enabled") boolean enabled) {
        this.incidents = incidents;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent event) {
        if (!enabled || incidents.count() > 0) {
            return;
        }
        Instant now = Instant.now();
        List<DeclareIncidentRequest> examples = List.of(
                new DeclareIncidentRequest(
                        "Production database meltdown: API latency 200ms to 15000ms",
                        "API latency rose from 200ms to 15000ms, database CPU from 40% to 98%, error rate from 0.1% to 12%; "
                                + "50 support tickets in 3 minutes. pg_stat_activity shows 47 instances of the same slow query "
                                + "SELECT * FROM orders WHERE user_id = X, all started around 09:45, right after the 09:44 deploy.",
                        null, List.of("orders-api", "postgresql"), now.minus(Duration.ofDays(21)), false),
                new DeclareIncidentRequest(
                        "Memory leak under load: application crashes every 2 hours",
                        "The application crashes every 2 hours in production, only above 1000 req/sec (staging peaks at 100). "
                                + "RSS grows about 50MB per minute; tracemalloc points at app/cache.py:47 RequestCache holding 2847MB.",
                        null, List.of("checkout-api"), now.minus(Duration.ofDays(14)), false),
                new DeclareIncidentRequest(
                        "Race condition heisenbug: orders saved with another order's total",
                        "Intermittent data corruption in about 0.1% of transactions: OrderProcessor.processOrder saves an order "
                                + "with the total of a concurrent order. Not reproducible with sequential tests; appears under concurrent load.",
                        null, List.of("order-processor"), now.minus(Duration.ofDays(7)), false),
                new DeclareIncidentRequest(
                        "Cascading failure: slow PaymentService takes the whole system down",
                        "PaymentService latency spiked (third-party API slow); OrderService threads waited with no timeout, "
                                + "its thread pool was exhausted, frontends timed out, the load balancer marked them unhealthy and "
                                + "the remaining frontends were overloaded until total outage.",
                        null, List.of("payment-service", "order-service", "frontend"), now.minus(Duration.ofDays(2)), false));
        examples.forEach(example -> incidents.declare(example, ACTOR));
        LOG.infof("Loaded %d demo incidents from the crisis-debugging lesson", examples.size());
    }
}
