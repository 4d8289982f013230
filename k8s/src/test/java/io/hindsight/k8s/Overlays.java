package io.hindsight.k8s;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

/** The overlays under test, rendered by the real kustomize and read strictly. */
final class Overlays {

    /** This module's directory (Surefire runs with it as the working directory). */
    static final Path K8S = Path.of("").toAbsolutePath();
    static final Path REPOSITORY = K8S.getParent();
    static final Path DEV = K8S.resolve("overlays/dev");
    static final Path PRODUCTION = K8S.resolve("overlays/production");
    static final Path FIXTURES = K8S.resolve("src/test/fixtures");

    /** The Secrets production references and the cluster's operator creates (k8s/README.md says how). */
    static final Set<String> PRODUCTION_SECRETS = Set.of(
            "hindsight-db-credentials", "hindsight-oidc-clients", "keycloak-admin", "hindsight-tls", "hindsight-backup-s3");

    private static Kubectl kubectl;

    private Overlays() {
    }

    static synchronized Kubectl kubectl() {
        if (kubectl == null) {
            if (!Files.isDirectory(DEV)) {
                throw new IllegalStateException("run from the k8s module directory, not " + K8S);
            }
            kubectl = Kubectl.locate(REPOSITORY);
        }
        return kubectl;
    }

    static String render(Path overlay) throws Exception {
        return kubectl().kustomize(overlay);
    }

    private static final java.util.Map<Path, Manifests> PARSED = new java.util.HashMap<>();

    /** The overlay rendered and read strictly; the real overlays once per test run, fixtures each time. */
    static synchronized Manifests parse(Path overlay) throws Exception {
        Manifests cached = PARSED.get(overlay);
        if (cached != null) {
            return cached;
        }
        Manifests m = Manifests.parse(render(overlay));
        if (overlay.equals(DEV) || overlay.equals(PRODUCTION)) {
            PARSED.put(overlay, m);
        }
        return m;
    }
}
