package tsunami.launcher.container;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code container_start_ms_<driver>}: the median wall time to start and finish a no-op command
 * ({@code /bin/true}) in a fresh sandbox of each available driver, limits and clean-up included
 * (what a match pays per bot start).
 */
public final class ContainerStartBenchmark {
    private ContainerStartBenchmark() {
    }

    /** Median milliseconds per driver name, for each available driver, {@code runs} timed runs after one warm-up. */
    public static Map<String, Double> measure(List<ContainerDriver> drivers, int runs) throws IOException {
        Map<String, Double> medians = new LinkedHashMap<>();
        Path dir = Files.createTempDirectory("tsunami-bench-start");
        try {
            Path write = Files.createDirectories(dir.resolve("write"));
            for (ContainerDriver d : drivers) {
                if (!d.available()) continue;
                double[] ms = new double[runs];
                for (int i = -1; i < runs; i++) {
                    Sandbox s = new Sandbox("tsunami-bench-" + d.name() + "-" + ProcessHandle.current().pid() + "-" + (i + 1), write,
                            List.of(), List.of(write), 256L << 20, 64);
                    long t0 = System.nanoTime();
                    runOnce(d, s);
                    if (i >= 0) ms[i] = (System.nanoTime() - t0) / 1e6;
                }
                Arrays.sort(ms);
                medians.put(d.name(), runs % 2 == 1 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2);
            }
        } finally {
            try (var files = Files.walk(dir)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return medians;
    }

    private static void runOnce(ContainerDriver d, Sandbox s) throws IOException {
        Process p = new ProcessBuilder(d.command(s, List.of("/bin/true")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0)
                throw new IOException(d.name() + ": the no-op command did not finish cleanly (exit " + (p.isAlive() ? "none" : p.exitValue()) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        } finally {
            p.destroyForcibly();
            d.release(s);
        }
    }
}
