package io.hindsight.e2e;

import static io.restassured.RestAssured.given;

import io.hindsight.testsupport.KeycloakTokens;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole suite, started once for all end-to-end test classes of this JVM and stopped when the JVM exits:
 * the four packaged services against the test PostgreSQL and Keycloak that {@code ./hindsight test} provides.
 */
public final class RunningSuite implements BeforeAllCallback {

    static final int UI_PORT = Integer.getInteger("hindsight.e2e.ui-port", 18080);
    static final int INCIDENT_PORT = Integer.getInteger("hindsight.e2e.incident-port", 18081);
    static final int POSTMORTEM_PORT = Integer.getInteger("hindsight.e2e.postmortem-port", 18082);
    static final int SEARCH_PORT = Integer.getInteger("hindsight.e2e.search-port", 18083);

    private static SuiteProcesses suite;

    public static String incidents() {
        return "http://127.0.0.1:" + INCIDENT_PORT;
    }

    public static String postmortems() {
        return "http://127.0.0.1:" + POSTMORTEM_PORT;
    }

    public static String search() {
        return "http://127.0.0.1:" + SEARCH_PORT;
    }

    public static String ui() {
        return "http://127.0.0.1:" + UI_PORT;
    }

    /** The processes of the running suite (for their pids and memory); null before the first test class started it. */
    static SuiteProcesses processes() {
        return suite;
    }

    public static Path root() {
        return Path.of(System.getProperty("hindsight.e2e.root", "..")).toAbsolutePath().normalize();
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        acquire();
    }

    /**
     * Starts the suite unless it runs already. Jupiter classes get here through the extension; classes of other
     * engines on the JUnit Platform (the jqwik properties) call it from their own lifecycle hooks. The suite is
     * stopped once, when the test JVM exits, so that the engines, which run one after the other, share one start.
     */
    public static synchronized void acquire() throws Exception {
        if (suite != null) {
            return;
        }
        try {
            start();
        } catch (Exception | Error e) {
            stop();
            throw e;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(RunningSuite::stop, "stop-e2e-suite"));
    }

    /** Stops the suite started by {@link #acquire()} (if any); the shutdown hook calls it too. */
    public static synchronized void stop() {
        if (suite != null) {
            try {
                suite.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            suite = null;
        }
    }

    /**
     * Starts the suite; when a service fails to start (on a loaded machine a start can time out), stops every
     * process this attempt started, so no half-started suite holds the ports, and tries once more.
     */
    private static void start() throws Exception {
        for (int attempt = 1; ; attempt++) {
            try {
                startOnce();
                return;
            } catch (Exception | AssertionError e) {
                if (suite != null) {
                    suite.close();
                    suite = null;
                }
                if (attempt == 2) {
                    throw e;
                }
                System.err.println("The suite did not start (" + String.valueOf(e.getMessage()).lines().findFirst().orElse("") + "); trying once more");
            }
        }
    }

    private static void startOnce() throws Exception {
        suite = new SuiteProcesses(root());
        String pg = System.getenv().getOrDefault("HINDSIGHT_TEST_PG", "127.0.0.1:5432");
        String dbSuffix = System.getenv().getOrDefault("HINDSIGHT_TEST_DB_SUFFIX", "");
        Map<String, String> common = Map.of(
                "HINDSIGHT_KEYCLOAK_URL", KeycloakTokens.keycloakUrl(),
                "HINDSIGHT_DB_USER", "hindsight",
                "HINDSIGHT_DB_PASSWORD", System.getenv().getOrDefault("HINDSIGHT_DB_PASSWORD", "hindsight"),
                "HINDSIGHT_INCIDENT_URL", incidents(),
                "HINDSIGHT_POSTMORTEM_URL", postmortems(),
                "HINDSIGHT_SEARCH_URL", search(),
                "HINDSIGHT_SEARCH_CLIENT_SECRET", "hindsight-search-local-secret",
                "HINDSIGHT_UI_CLIENT_SECRET", "hindsight-ui-local-demo-secret-not-for-production");
        String freshSchema = "-Dquarkus.flyway.clean-at-start=true";
        String cleanAllowed = "-Dquarkus.flyway.clean-disabled=false";
        suite.start("incident-service", INCIDENT_PORT, with(common,
                "HINDSIGHT_INCIDENT_DB_URL", "jdbc:postgresql://" + pg + "/hindsight_incident_e2e" + dbSuffix), freshSchema, cleanAllowed);
        suite.start("postmortem-service", POSTMORTEM_PORT, with(common,
                "HINDSIGHT_POSTMORTEM_DB_URL", "jdbc:postgresql://" + pg + "/hindsight_postmortem_e2e" + dbSuffix), freshSchema, cleanAllowed);
        suite.start("search-service", SEARCH_PORT, common,
                "-Dhindsight.search.index-path=" + root().resolve("e2e/target/search-index-" + UUID.randomUUID()),
                "-Dhindsight.search.poll-interval=0.2s");
        suite.start("ui", UI_PORT, common);
        suite.awaitReady(Duration.ofSeconds(180));
        // a running suite has verified a token before: warm the search path so timing budgets measure indexing
        given().auth().oauth2(KeycloakTokens.runbook()).when().get(search() + "/api/search?q=warmup").then().statusCode(200);
    }

    private static Map<String, String> with(Map<String, String> base, String... pairs) {
        Map<String, String> env = new HashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

}
