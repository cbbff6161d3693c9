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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code monkey train} killed with SIGKILL (no hook runs), then {@code --resume}: the logs stay consistent with the checkpoint. */
class TrainKillResumeTest {
    @TempDir
    Path dir;

    private Process train(Path runDir, String name, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g"));
        if (Runtime.version().feature() >= 23) cmd.add("--sun-misc-unsafe-memory-access=allow");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Monkey.class.getName(), "train"));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--env-workers", "1", "--envs-per-worker", "8", "--run-dir", runDir.toString()));
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    private static List<Long> versions(Path csv) throws Exception {
        List<Long> v = new ArrayList<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) v.add(Long.parseLong(line.substring(0, line.indexOf(','))));
        return v;
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void afterSigkillResumeDropsRowsPastTheCheckpointAndRewritesTheSummary() throws Exception {
        Path runDir = dir.resolve("run");
        Path metrics = runDir.resolve("metrics.csv");
        CheckpointStore store = new CheckpointStore(runDir.resolve("checkpoints"), 5);
        // one minute: a checkpoint every 6 s
        Process first = train(runDir, "first", "--scenario", "m5v5", "--minutes", "1", "--hidden", "32");
        long checkpointVersion;
        try {
            // a second training on the same folder meanwhile is refused, naming the holder
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(150);
            while (!Files.exists(metrics) && System.nanoTime() < deadline) {
                assertTrue(first.isAlive(), "monkey train exited early: " + Files.readString(dir.resolve("first.err")));
                Thread.sleep(100);
            }
            Process second = train(runDir, "second", "--resume", "--minutes", "1");
            assertTrue(second.waitFor(120, TimeUnit.SECONDS));
            assertEquals(2, second.exitValue());
            assertTrue(Files.readString(dir.resolve("second.err")).contains("in use by another training (pid " + first.pid() + ")"),
                    Files.readString(dir.resolve("second.err")));
            // then kill the first as soon as it has logged past its latest checkpoint (killing right away
            // leaves it no time to write another checkpoint past those rows)
            while (true) {
                assertTrue(first.isAlive(), "monkey train exited early: " + Files.readString(dir.resolve("first.err")));
                assertTrue(System.nanoTime() < deadline, "no checkpoint followed by metrics rows within 150 s");
                var latest = store.latest();
                if (latest.isPresent() && Files.exists(metrics)) {
                    long v = latest.get().checkpoint().snapshot().version();
                    List<Long> logged = versions(metrics);
                    if (!logged.isEmpty() && logged.get(logged.size() - 1) > v) break;
                }
                Thread.sleep(20);
            }
            first.destroyForcibly();   // SIGKILL: no shutdown hook, no final checkpoint
            assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        } finally {
            first.destroyForcibly();
        }
        checkpointVersion = store.latest().orElseThrow().checkpoint().snapshot().version();
        List<Long> before = versions(metrics);
        assertTrue(before.get(before.size() - 1) > checkpointVersion, "the killed session logged past its last checkpoint");

        Process resumed = train(runDir, "resumed", "--resume", "--minutes", "0.2");
        assertTrue(resumed.waitFor(200, TimeUnit.SECONDS), "resumed run ends");
        String err = Files.readString(dir.resolve("resumed.err"));
        assertEquals(0, resumed.exitValue(), err);
        assertTrue(err.contains("past the checkpoint's version " + checkpointVersion), err);

        List<Long> after = versions(metrics);
        for (int i = 1; i < after.size(); i++) {
            assertTrue(after.get(i) > after.get(i - 1), "metrics.csv versions strictly increase (no repeats): " + after);
        }
        // the killed session's rows up to the checkpoint stay, in order; those past it are gone (the checkpoint
        // may precede the first row, rows being logged every few versions, in which case none of them stays)
        List<Long> kept = before.stream().filter(v -> v <= checkpointVersion).toList();
        assertEquals(kept, after.subList(0, Math.min(kept.size(), after.size())), "before " + before + ", after " + after);
        String summary = Files.readString(runDir.resolve("summary.txt"), StandardCharsets.UTF_8);
        assertTrue(summary.contains("stopped by"), "summary.txt rewritten at the end: " + summary);
        long finalVersion = store.latest().orElseThrow().checkpoint().snapshot().version();
        assertTrue(summary.matches("(?s).*parameter version\\s+" + finalVersion + "\\b.*"), summary);
        assertTrue(finalVersion > checkpointVersion);
    }
}
