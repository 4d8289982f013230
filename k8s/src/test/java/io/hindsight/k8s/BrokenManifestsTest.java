package io.hindsight.k8s;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Each fixture under src/test/fixtures is the dev overlay with one deliberate mistake; the same validation that
 * passes the real overlays must reject it, naming the mistake. This is what makes a broken manifest fail CI.
 */
class BrokenManifestsTest {

    @Test
    void misspeltFieldIsRejected() {
        var e = assertThrows(Manifests.InvalidManifestException.class, () -> Overlays.parse(fixture("unknown-field")));
        assertMentions(e.problems, "Deployment incident-service", "unknown field(s) [pathh]");
    }

    @Test
    void valueOfTheWrongTypeIsRejected() {
        var e = assertThrows(Manifests.InvalidManifestException.class, () -> Overlays.parse(fixture("wrong-type")));
        assertMentions(e.problems, "StatefulSet search-service", "two");
    }

    @Test
    void removedApiVersionIsRejected() {
        var e = assertThrows(Manifests.InvalidManifestException.class, () -> Overlays.parse(fixture("unknown-kind")));
        assertMentions(e.problems, "extensions/v1beta1 Deployment legacy", "not a Kubernetes API type");
    }

    @Test
    void overlayThatDoesNotRenderIsRejected() {
        var e = assertThrows(Kubectl.KustomizeException.class, () -> Overlays.render(fixture("unrenderable")));
        assertTrue(e.getMessage().contains("nothing"), e.getMessage());
    }

    @Test
    void containerWithoutLimitsBreaksPolicy() throws Exception {
        assertMentions(policy("no-limits"), "Deployment ui container ui", "no cpu limit", "no memory limit");
    }

    @Test
    void imageTaggedLatestBreaksPolicy() throws Exception {
        assertMentions(policy("latest-tag"), "StatefulSet search-service container search-service", "uses the tag latest");
    }

    @Test
    void writableRootFilesystemAndMissingProbeBreakPolicy() throws Exception {
        assertMentions(policy("writable-root"), "Deployment postmortem-service container postmortem-service",
                "readOnlyRootFilesystem must be true", "no readinessProbe");
    }

    @Test
    void referencesToMissingObjectsBreakPolicy() throws Exception {
        assertMentions(policy("dangling-reference"), "goes to Service incidents, which does not exist",
                "refers to Secret ui-secrets");
    }

    private static List<String> policy(String fixture) throws Exception {
        return SuitePolicy.check(Overlays.parse(fixture(fixture)), Set.of());
    }

    private static Path fixture(String name) {
        return Overlays.FIXTURES.resolve(name);
    }

    private static void assertMentions(List<String> problems, String... fragments) {
        String all = String.join("\n", problems);
        for (String f : fragments) {
            assertTrue(all.contains(f), "expected a problem mentioning '" + f + "' in:\n" + all);
        }
    }
}
