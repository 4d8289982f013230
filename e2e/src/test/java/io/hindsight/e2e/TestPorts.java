package io.hindsight.e2e;

/**
 * Ports of the processes the fault tests start for themselves, apart from the shared suite's: a fixed base plus
 * {@code HINDSIGHT_TEST_PORT_OFFSET} (as every test port of {@code ./hindsight test}), so two runs side by side differ.
 */
final class TestPorts {

    private TestPorts() {
    }

    static int offset() {
        String v = System.getProperty("hindsight.e2e.port-offset", System.getenv("HINDSIGHT_TEST_PORT_OFFSET"));
        return v == null || v.isBlank() ? 0 : Integer.parseInt(v.strip());
    }

    /** {@code base} (18300-18399: the fault tests' range) plus the run's offset. */
    static int port(int base) {
        return base + offset();
    }
}
