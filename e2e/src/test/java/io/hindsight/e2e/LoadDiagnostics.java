package io.hindsight.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Optional memory diagnostics of the load run, for finding where RSS goes: with
 * {@code -Dhindsight.load.diagnose=search-service[,ui,...]} the load test takes, after the warm-up and at the end, each
 * named service's {@code jcmd} heap information, live class histogram (a full GC), native memory tracking (a baseline
 * after the warm-up, a summary diff at the end; needs the service started with
 * {@code -Dhindsight.e2e.jvm-options.<module>=-XX:NativeMemoryTracking=summary}) and its {@code /proc/<pid>/smaps}, into
 * {@code e2e/target/load-diagnostics/}. Off by default: the histogram's full GC would disturb the measured run.
 */
final class LoadDiagnostics {

    private final List<String> modules;
    private final Path dir;

    LoadDiagnostics() throws IOException {
        String value = System.getProperty("hindsight.load.diagnose", "").strip();
        this.modules = value.isEmpty() ? List.of() : Arrays.stream(value.split(",")).map(String::strip).toList();
        this.dir = RunningSuite.root().resolve("e2e/target/load-diagnostics");
        if (!modules.isEmpty()) {
            Files.createDirectories(dir);
        }
    }

    /** Takes the snapshots of {@code phase} ("warm-up" or "end"). */
    void snapshot(String phase) throws IOException, InterruptedException {
        for (String module : modules) {
            long pid = RunningSuite.processes().get(module).pid();
            String prefix = module + "-" + phase + "-";
            Files.copy(Path.of("/proc", Long.toString(pid), "smaps"), dir.resolve(prefix + "smaps.txt"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(Path.of("/proc", Long.toString(pid), "status"), dir.resolve(prefix + "status.txt"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            jcmd(pid, dir.resolve(prefix + "heap-info.txt"), "GC.heap_info");
            jcmd(pid, dir.resolve(prefix + "nmt-summary.txt"), "VM.native_memory", "summary");
            if (phase.equals("warm-up")) {
                jcmd(pid, dir.resolve(prefix + "nmt-baseline.txt"), "VM.native_memory", "baseline");
            } else {
                jcmd(pid, dir.resolve(prefix + "nmt-diff.txt"), "VM.native_memory", "summary.diff");
            }
            jcmd(pid, dir.resolve(prefix + "class-histogram.txt"), "GC.class_histogram");
            jcmd(pid, dir.resolve(prefix + "heap-info-after-histogram.txt"), "GC.heap_info");
            System.out.println("LOAD diagnostics of " + module + " (" + phase + ") in " + dir);
        }
    }

    private static void jcmd(long pid, Path out, String... command) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(), Long.toString(pid)));
        cmd.addAll(List.of(command));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }
}
