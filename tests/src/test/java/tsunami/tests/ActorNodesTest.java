package tsunami.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tsunami.launcher.Monkey;
import tsunami.net.ClusterSecret;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Distributed training in real JVMs over real sockets: {@code monkey train --actor-nodes / --listen}
 * with {@code monkey actor --join} nodes, CURVE with a cluster secret made for the test.
 */
class ActorNodesTest {
    @TempDir
    Path dir;

    private Process monkey(String name, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx768m"));
        if (Runtime.version().feature() >= 23) cmd.add("--sun-misc-unsafe-memory-access=allow");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Monkey.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile()).start();
    }

    private String err(String name) throws Exception {
        return Files.readString(dir.resolve(name + ".err"));
    }

    private Path secret(String name) {
        Path file = dir.resolve(name + ".secret");
        ClusterSecret.loadOrCreate(file);
        return file;
    }

    /** nodes.csv as node name → its columns. */
    private static Map<String, String[]> nodes(Path runDir) throws Exception {
        Map<String, String[]> out = new HashMap<>();
        Path csv = runDir.resolve("nodes.csv");
        if (!Files.exists(csv)) return out;
        List<String> lines = Files.readAllLines(csv);
        assertEquals("node,state,joins,segments,frames,dropped_stale", lines.get(0));
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            out.put(f[0], f);
        }
        return out;
    }

    private static long frames(Map<String, String[]> nodes, String node) {
        String[] f = nodes.get(node);
        return f == null ? 0 : Long.parseLong(f[4]);
    }

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void twoLocalActorNodesBothContributeFramesAndLeaveWhenTheRunEnds() throws Exception {
        Path runDir = dir.resolve("run");
        // no env workers of its own: every frame learned comes from the two actor JVMs
        Process train = monkey("train", "train", "--scenario", "m5v5", "--frames", "30000", "--env-workers", "0", "--actor-nodes", "2",
                "--envs-per-worker", "8", "--hidden", "32", "--secret", secret("cluster").toString(), "--run-dir", runDir.toString());
        try {
            assertTrue(train.waitFor(360, TimeUnit.SECONDS), "the run ends within 360 s");
        } finally {
            train.destroyForcibly();
        }
        assertEquals(0, train.exitValue(), err("train"));
        Map<String, String[]> nodes = nodes(runDir);
        for (String node : List.of("local-actor-0", "local-actor-1")) {
            assertTrue(frames(nodes, node) > 0, node + " contributed frames: " + Files.readString(runDir.resolve("nodes.csv")));
            assertEquals("left", nodes.get(node)[1], "the node left when the run ended: " + Files.readString(runDir.resolve("nodes.csv")));
            String log = Files.readString(runDir.resolve("actors").resolve(node + ".log"));
            assertTrue(log.contains("the learner ended the run (frames)"), log);
        }
        assertEquals(0, frames(nodes, "learner"), "the learner had no env workers");
        String summary = Files.readString(dir.resolve("train.out"));
        assertTrue(summary.contains("stopped by          frames limit"), summary);
        assertTrue(summary.contains("actor node          local-actor-0: "), summary);
    }

    /** Frames learned in the last row of metrics.csv (0 before any). */
    private static long framesLearned(Path runDir) throws Exception {
        Path csv = runDir.resolve("metrics.csv");
        if (!Files.exists(csv)) return 0;
        List<String> lines = Files.readAllLines(csv);
        return lines.size() < 2 ? 0 : Long.parseLong(lines.get(lines.size() - 1).split(",")[1]);
    }

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void aNodeJoinsMidRunAndItsSigkillCostsOnlyItsSegmentsWhileAStrangerIsRefused() throws Exception {
        Path runDir = dir.resolve("run");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Path secret = secret("cluster");
        // a budget the test never reaches: it stops the run itself once it has seen the run go on without the node
        Process train = monkey("train", "train", "--scenario", "m5v5", "--frames", "100000000", "--env-workers", "1", "--listen",
                "tcp://127.0.0.1:" + port, "--envs-per-worker", "8", "--hidden", "32", "--secret", secret.toString(), "--run-dir", runDir.toString());
        Process outsider = null, stranger = null;
        try {
            // the learner is already training on its own env worker when the actor node joins
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (framesLearned(runDir) == 0) {
                assertTrue(train.isAlive(), "monkey train exited early: " + err("train"));
                assertTrue(System.nanoTime() < deadline, "no metrics within 300 s: " + err("train"));
                Thread.sleep(200);
            }
            outsider = monkey("outsider", "actor", "--join", "127.0.0.1:" + port, "--secret", secret.toString(), "--name", "outsider",
                    "--env-workers", "1", "--envs-per-worker", "8");
            // a node with another cluster's secret gets no answer and says why
            stranger = monkey("stranger", "actor", "--join", "tcp://127.0.0.1:" + port, "--secret", secret("other").toString(),
                    "--name", "stranger", "--join-timeout", "5");
            assertTrue(stranger.waitFor(120, TimeUnit.SECONDS), "the stranger gives up");
            assertEquals(2, stranger.exitValue(), err("stranger"));
            assertTrue(err("stranger").contains("cannot reach the learner") && err("stranger").contains("cluster secret"), err("stranger"));

            while (frames(nodes(runDir), "outsider") == 0) {
                assertTrue(outsider.isAlive(), "the actor node exited early: " + err("outsider"));
                assertTrue(train.isAlive(), "monkey train exited early: " + err("train"));
                assertTrue(System.nanoTime() < deadline, "the actor node contributed no frames: " + err("outsider"));
                Thread.sleep(200);
            }
            outsider.destroyForcibly();   // SIGKILL: no goodbye
            assertTrue(outsider.waitFor(30, TimeUnit.SECONDS));
            while (!err("train").contains("actor node outsider lost")) {
                assertTrue(train.isAlive(), "monkey train exited early: " + err("train"));
                assertTrue(System.nanoTime() < deadline, "the learner did not notice the loss: " + err("train"));
                Thread.sleep(200);
            }
            // the run goes on: learning continues well past the loss
            long atLoss = framesLearned(runDir);
            while (framesLearned(runDir) < atLoss + 10_000) {
                assertTrue(train.isAlive(), "monkey train exited after the loss: " + err("train"));
                assertTrue(System.nanoTime() < deadline + TimeUnit.SECONDS.toNanos(60), "learning stalled after the loss: " + err("train"));
                Thread.sleep(200);
            }
            train.destroy();   // SIGTERM: the run stops as at a limit, with its summary
            assertTrue(train.waitFor(120, TimeUnit.SECONDS), "monkey train stopped after the signal");
        } finally {
            train.destroyForcibly();
            if (outsider != null) outsider.destroyForcibly();
            if (stranger != null) stranger.destroyForcibly();
        }
        String summary = Files.readString(dir.resolve("train.out"));
        assertTrue(summary.contains("stopped by          interrupted"), summary + err("train"));
        assertTrue(summary.contains("actor node          outsider: "), summary);
        Map<String, String[]> nodes = nodes(runDir);
        assertEquals("lost", nodes.get("outsider")[1], Files.readString(runDir.resolve("nodes.csv")));
        assertTrue(frames(nodes, "learner") > 0, Files.readString(runDir.resolve("nodes.csv")));
        assertTrue(!nodes.containsKey("stranger"), "the stranger never joined: " + Files.readString(runDir.resolve("nodes.csv")));
        assertTrue(err("train").contains("credit of 1 feeder(s) named outsider"), "the lost node's stream credit was taken back: " + err("train"));
    }
}
