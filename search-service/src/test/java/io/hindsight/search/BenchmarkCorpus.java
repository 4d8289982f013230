package io.hindsight.search;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Random;

/**
 * Generates realistic incidents and post-mortems in the feed payload shapes, deterministically from a seed:
 * services, exception and class names, status and error codes, hosts, versions and prose drawn from the kinds of
 * failure in the seed lesson (database meltdown, memory leak, race condition, cascading failure, bad deploy, ...).
 */
final class BenchmarkCorpus {

    static final String[] SERVICES = {"checkout", "orders-api", "payments", "catalog", "search", "auth", "inventory",
            "shipping", "notifications", "pricing", "cart", "recommendations", "gateway", "billing", "accounts"};
    static final String[] CATEGORIES = {"deploy", "database", "capacity", "network", "dependency", "config", "security", "cache"};
    static final String[] EXCEPTIONS = {"NullPointerException", "OutOfMemoryError", "SocketTimeoutException", "IllegalStateException",
            "ConcurrentModificationException", "SQLTransientConnectionException", "ConnectException", "StackOverflowError"};
    static final String[] CLASSES = {"PromoValidator", "OrderRepository", "PaymentGatewayClient", "CartMerger", "PriceCalculator",
            "SessionCache", "InventoryReservation", "TokenRefresher", "ShipmentRouter", "FeatureFlagClient"};
    static final String[] CODES = {"HTTP 500", "HTTP 502", "HTTP 503", "HTTP 504", "HTTP 429", "ERR_CONNECTION_RESET",
            "ECONNREFUSED", "ORA-00060", "SQLSTATE 40001", "ETIMEDOUT"};
    static final String[] SYMPTOMS = {
            "API latency above %d ms and database CPU at 98%%, slow query on %s",
            "%s thrown in %s for users with promo codes after the release",
            "memory grows until the pods crash every %d hours under load, %s in %s",
            "intermittent duplicate orders, race condition suspected in %s",
            "requests fail with %s from %s after a config change",
            "cascading failure: %s timeouts exhaust the connection pool of %s",
            "error rate spiked to %d%% after deploying %s",
            "cache stampede after the flush of %s, database overloaded",
    };
    static final String[] ROOT_CAUSES = {
            "missing index on %s.customer_id made the query scan the whole table",
            "a null check was removed from %s in release v%d.%d.%d",
            "unbounded cache in %s leaked memory",
            "two workers updated %s without a lock",
            "retry storm from %s without backoff overloaded the dependency",
            "connection pool of %s sized for a tenth of the traffic",
    };
    static final String[] FIXES = {"rolled back to v%d.%d.%d", "added the missing index on %s", "turned off the feature flag %s",
            "scaled %s to 12 replicas", "restored the null check in %s", "added backoff to %s"};

    private final Random random;

    BenchmarkCorpus(long seed) {
        this.random = new Random(seed);
    }

    private String pick(String[] values) {
        return values[random.nextInt(values.length)];
    }

    String symptom() {
        String template = pick(SYMPTOMS);
        Object[] args = new Object[4];
        for (int i = 0; i < args.length; i++) {
            args[i] = switch (random.nextInt(5)) {
                case 0 -> random.nextInt(20000);
                case 1 -> pick(EXCEPTIONS);
                case 2 -> pick(CLASSES);
                case 3 -> pick(CODES);
                default -> pick(SERVICES) + "-db-" + random.nextInt(20) + ".prod.example.com";
            };
        }
        try {
            return String.format(template, args) + " (" + pick(CODES) + ", " + pick(EXCEPTIONS) + " in " + pick(CLASSES) + ")";
        } catch (java.util.IllegalFormatException e) {
            return template.replaceAll("%[a-z%]", pick(CLASSES)) + " " + pick(EXCEPTIONS) + " " + pick(CODES);
        }
    }

    ObjectNode incident(long id) {
        String service = pick(SERVICES);
        String symptom = symptom();
        Instant detected = Instant.parse("2024-01-01T00:00:00Z").plusSeconds(random.nextInt(3 * 365 * 86400));
        ObjectNode in = Payloads.incident(id, service + ": " + symptom.substring(0, Math.min(60, symptom.length())), symptom,
                "P" + random.nextInt(3), detected.toString(), service);
        in.put("acknowledgedAt", detected.plusSeconds(30 + random.nextInt(1800)).toString());
        in.put("mitigatedAt", detected.plusSeconds(600 + random.nextInt(7200)).toString());
        in.put("resolvedAt", detected.plusSeconds(3600 + random.nextInt(86400)).toString());
        ((ObjectNode) in.get("labels")).put("category", pick(CATEGORIES));
        in.put("drill", random.nextInt(50) == 0);
        Payloads.hypothesis(in, 1, format(pick(ROOT_CAUSES)), "CONFIRMED");
        Payloads.hypothesis(in, 2, format(pick(ROOT_CAUSES)), "RULED_OUT");
        Payloads.change(in, 1, format(pick(FIXES)), 2L, "NO_EFFECT");
        Payloads.change(in, 2, format(pick(FIXES)), 1L, "IMPROVED");
        return in;
    }

    ObjectNode postmortem(long id, long incidentId) {
        String service = pick(SERVICES);
        return Payloads.postmortem(id, incidentId, random.nextInt(10) == 0 ? "DRAFT" : "PUBLISHED",
                "Post-mortem: " + service + " " + pick(EXCEPTIONS), symptom(), format(pick(ROOT_CAUSES)),
                new String[]{service}, new String[]{pick(CATEGORIES)});
    }

    private String format(String template) {
        return template.replace("%s", pick(CLASSES)).replace("%d", String.valueOf(random.nextInt(10)));
    }

    /** A query of the benchmark mix: words, an exception or class name, a code, a phrase, a field query, filters. */
    String query() {
        return switch (random.nextInt(7)) {
            case 0 -> pick(EXCEPTIONS);
            case 1 -> pick(CLASSES);
            case 2 -> "\"connection pool\"";
            case 3 -> "latency database " + pick(SERVICES);
            case 4 -> "service:" + pick(SERVICES) + " AND memory";
            case 5 -> pick(CODES).replace("HTTP ", "");
            default -> "crash under load NOT drill";
        };
    }
}
