package tsunami.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tsunami.bots.heuristic.PluginJars;
import tsunami.launcher.Monkey;
import tsunami.net.ClusterSecret;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Actor nodes load exactly the learner's plug-ins: a local actor JVM plays the run's plug-in
 * opponent, and a node that cannot find the run's jar (only another jar with a heuristic of the same
 * name) refuses to act, naming the plug-in and itself, instead of training against the wrong code.
 */
class ActorNodePluginsTest {
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

    /**
     * A plug-in heuristic {@code hold-all} that holds every unit of its side and, the first time it plays in a JVM, writes that
     * JVM's command line into {@code marks/<tag>-<pid>}: which JVM played which jar's code.
     */
    private Path holdAllJar(String jarName, String tag) throws Exception {
        Path marks = Files.createDirectories(dir.resolve("marks"));
        String source = """
                package plug;
                import tsunami.bots.heuristic.*;
                public class HoldAll implements Heuristic {
                    private static final java.util.concurrent.atomic.AtomicBoolean MARKED = new java.util.concurrent.atomic.AtomicBoolean();
                    public String name() { return "hold-all"; }
                    public String description() { return "every unit holds position (%1$s)"; }
                    public void onFrame(GameView g, int player, Commands c) {
                        if (MARKED.compareAndSet(false, true)) {
                            try {
                                java.nio.file.Files.writeString(java.nio.file.Path.of("%2$s", "%1$s-" + ProcessHandle.current().pid()),
                                        System.getProperty("sun.java.command"));
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                        }
                        for (int u = 0; u < g.getUnitCount(); u++) if (g.exists(u) && g.getPlayer(u) == player) c.holdPosition(u);
                    }
                }
                """.formatted(tag, marks.toString().replace("\\", "\\\\"));
        return PluginJars.jar(dir, jarName, Map.of("HoldAll", source), "plug.HoldAll\n");
    }

    /** The command lines of the JVMs that played the plug-in tagged {@code tag}. */
    private List<String> playedBy(String tag) throws Exception {
        try (Stream<Path> s = Files.list(dir.resolve("marks"))) {
            List<String> out = new ArrayList<>();
            for (Path p : s.filter(p -> p.getFileName().toString().startsWith(tag + "-")).toList()) out.add(Files.readString(p));
            return out;
        }
    }

    private static long actorFrames(Path runDir, String node) throws Exception {
        Path csv = runDir.resolve("nodes.csv");
        if (!Files.exists(csv)) return 0;
        for (String line : Files.readAllLines(csv)) {
            String[] f = line.split(",", -1);
            if (f[0].equals(node)) return Long.parseLong(f[4]);
        }
        return 0;
    }

    @Test
    @Timeout(value = 400, unit = TimeUnit.SECONDS)
    void aLocalActorPlaysTheRunsPluginAndANodeWithoutItsJarRefusesToAct() throws Exception {
        Path jar = holdAllJar("mine", "mine");
        Path impostor = holdAllJar("impostor", "impostor");   // same heuristic name, other code
        Path runDir = dir.resolve("run");
        Path secret = dir.resolve("cluster.secret");
        ClusterSecret.loadOrCreate(secret);
        int port = freePortRun();
        // no env workers in the learner's JVM: every game is played by the actor JVM; a budget the test never reaches (it stops the run)
        Process train = monkey("train", "train", "--scenario", "m5v5", "--frames", "100000000", "--env-workers", "0", "--actor-nodes", "1",
                "--listen", "tcp://127.0.0.1:" + port, "--envs-per-worker", "8", "--hidden", "32", "--plugin", jar.toString(),
                "--opponent", "hold-all", "--secret", secret.toString(), "--run-dir", runDir.toString());
        Process stray = null;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
            while (actorFrames(runDir, "local-actor-0") == 0) {
                assertTrue(train.isAlive(), "monkey train exited early: " + err("train"));
                assertTrue(System.nanoTime() < deadline, "the local actor node contributed no frames: " + err("train"));
                Thread.sleep(200);
            }
            List<String> players = playedBy("mine");
            assertTrue(players.stream().anyMatch(c -> c.contains(" actor --join ") && c.contains("--name local-actor-0")),
                    "the actor JVM played the run's plug-in: " + players);
            String actorLog = Files.readString(runDir.resolve("actors").resolve("local-actor-0.log"));
            assertTrue(actorLog.contains("the run's plug-ins are here at [" + jar.toAbsolutePath().normalize() + "]"), actorLog);

            // the run's jar is no longer where the learner read it; this node has only a jar of the same heuristic name with other code
            Files.move(jar, dir.resolve("moved.jar"));
            stray = monkey("stray", "actor", "--join", "127.0.0.1:" + port, "--secret", secret.toString(), "--name", "stray",
                    "--env-workers", "1", "--envs-per-worker", "8", "--plugin", impostor.toString());
            assertTrue(stray.waitFor(120, TimeUnit.SECONDS), "the node without the run's plug-in gives up");
            assertEquals(4, stray.exitValue(), err("stray"));
            assertTrue(err("stray").contains("actor node stray cannot load the run's plug-in mine.jar (sha256 "), err("stray"));
            assertTrue(err("stray").contains("none of the --plugin jars given"), err("stray"));
            assertEquals(List.of(), playedBy("impostor"), "no JVM played the impostor's code");
            long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!err("train").contains("actor node stray lost (cannot act for this run: actor node stray cannot load the run's plug-in mine.jar")) {
                assertTrue(System.nanoTime() < wait, "the learner logs why the node left: " + err("train"));
                Thread.sleep(200);
            }
            assertTrue(train.isAlive(), "the run goes on without the node: " + err("train"));
            train.destroy();   // SIGTERM: the run stops as at a limit
            assertTrue(train.waitFor(120, TimeUnit.SECONDS), "monkey train stopped after the signal");
        } finally {
            train.destroyForcibly();
            if (stray != null) stray.destroyForcibly();
        }
        String summary = Files.readString(dir.resolve("train.out"));
        assertTrue(summary.contains("stopped by          interrupted") && summary.contains("opponent            hold-all"), summary + err("train"));
        String csv = Files.readString(runDir.resolve("nodes.csv"));
        assertTrue(csv.contains("\nlearner,local,1,,0,0\n"), "the learner had no env workers: " + csv);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void aLocalActorThatCannotMakeTheRunsEnvironmentsStopsTheRunWithItsReason() throws Exception {
        // a plug-in that loads in the learner's JVM but refuses to start in an actor's, as one missing a native library there would
        String source = """
                package plug;
                import tsunami.bots.heuristic.*;
                public class Picky implements Heuristic {
                    public Picky() {
                        if (System.getProperty("sun.java.command", "").contains(" actor --join ")) throw new IllegalStateException("not on an actor node");
                    }
                    public String name() { return "picky"; }
                    public String description() { return "loads only outside actor nodes"; }
                    public void onFrame(GameView g, int player, Commands c) { }
                }
                """;
        Path jar = PluginJars.jar(dir, "picky", Map.of("Picky", source), "plug.Picky\n");
        Path secret = dir.resolve("cluster.secret");
        ClusterSecret.loadOrCreate(secret);
        Path runDir = dir.resolve("run");
        Process train = monkey("train", "train", "--scenario", "m5v5", "--frames", "100000000", "--env-workers", "0", "--actor-nodes", "1",
                "--envs-per-worker", "8", "--hidden", "32", "--plugin", jar.toString(), "--opponent", "picky", "--secret", secret.toString(),
                "--run-dir", runDir.toString());
        try {
            assertTrue(train.waitFor(240, TimeUnit.SECONDS), "the run stops by itself: " + err("train"));
        } finally {
            train.destroyForcibly();
        }
        assertEquals(1, train.exitValue(), err("train"));
        String err = err("train");
        assertTrue(err.contains("monkey: training failed: a local actor node failed (local-actor-0): cannot act for this run: --opponent 'picky': unknown heuristic 'picky'"),
                err);
        assertTrue(err.contains("not on an actor node"), "the plug-in's own reason is passed on: " + err);
        String log = Files.readString(runDir.resolve("actors").resolve("local-actor-0.log"));
        // (a join lost earlier, e.g. to a heartbeat timeout on a loaded machine, is restarted as any lost node is)
        int refused = log.indexOf("not on an actor node");
        assertTrue(refused >= 0, "the actor's log has the plug-in's reason: " + log);
        assertTrue(log.indexOf("joining the learner", refused) < 0, "not restarted after it: a restart would fail alike: " + log);
    }

    /** A free port whose next two are free too: the learner listens on it and opens the next two for actor nodes. */
    private static int freePortRun() throws java.io.IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = s.getLocalPort();
            }
            if (port > 65533) continue;
            try (ServerSocket a = new ServerSocket(port, 1, InetAddress.getLoopbackAddress());
                 ServerSocket b = new ServerSocket(port + 1, 1, InetAddress.getLoopbackAddress());
                 ServerSocket c = new ServerSocket(port + 2, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (java.io.IOException taken) {
                // one of the three is in use: try another
            }
        }
        throw new java.io.IOException("no three consecutive free ports found on the loopback interface");
    }
}
