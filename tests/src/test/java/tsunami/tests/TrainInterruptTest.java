package tsunami.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tsunami.launcher.Monkey;
import tsunami.learn.CheckpointStore;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code monkey train} in its own JVM, stopped by SIGTERM (what Ctrl-C also triggers): it saves and reports before leaving. */
class TrainInterruptTest {
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aSignalStopsTrainingWithAFinalCheckpointAndSummary() throws Exception {
        Path runDir = dir.resolve("run");
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        if (Runtime.version().feature() >= 23) cmd.add("--sun-misc-unsafe-memory-access=allow");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Monkey.class.getName(),
                "train", "--scenario", "m5v5", "--minutes", "10", "--env-workers", "1", "--envs-per-worker", "8",
                "--hidden", "32", "--run-dir", runDir.toString()));
        Path out = dir.resolve("train.out");
        Process train = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(dir.resolve("train.err").toFile()).start();
        try {
            Path metrics = runDir.resolve("metrics.csv");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!(Files.exists(metrics) && Files.readAllLines(metrics).size() >= 3)) {
                assertTrue(train.isAlive(), "monkey train exited early: " + Files.readString(dir.resolve("train.err")));
                assertTrue(System.nanoTime() < deadline, "no metrics rows within 180 s");
                Thread.sleep(200);
            }
            train.destroy(); // SIGTERM
            assertTrue(train.waitFor(120, TimeUnit.SECONDS), "monkey train stopped after the signal");
        } finally {
            train.destroyForcibly();
        }
        String summary = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(summary.contains("stopped by          interrupted"), summary);
        Matcher version = Pattern.compile("parameter version\\s+(\\d+)").matcher(summary);
        assertTrue(version.find(), summary);
        long saved = new CheckpointStore(runDir.resolve("checkpoints"), 5).latest().orElseThrow().checkpoint().snapshot().version();
        assertEquals(Long.parseLong(version.group(1)), saved, "the final checkpoint holds the version the summary reports");
    }
}
