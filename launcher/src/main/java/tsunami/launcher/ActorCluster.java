package tsunami.launcher;

import tsunami.cluster.ClusterMessages;
import tsunami.cluster.Contributors;
import tsunami.cluster.LearnerHub;
import tsunami.learn.TrainingRun;
import tsunami.net.ClusterSecret;
import tsunami.net.NetSecurity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The distributed side of {@code monkey train --listen / --actor-nodes}: the learner's hub that
 * actor nodes join, the local actor JVMs it spawns and restarts when they die (supervised OS
 * processes), and {@code nodes.csv} in the run directory, rewritten every two seconds and at the
 * end, with what each node contributed.
 */
final class ActorCluster implements AutoCloseable {
    /** The run directory's file of frames contributed per node. */
    static final String NODES_CSV = "nodes.csv";
    static final String NODES_HEADER = "node,state,joins,segments,frames,dropped_stale";
    /**
     * The start of the stop reason when a local actor node cannot act for this run (it runs this JVM's build with the learner's
     * settings and plug-ins, so the others cannot either): the run stops and {@code monkey train} fails.
     */
    static final String LOCAL_ACTOR_CANNOT_ACT = "a local actor node failed";
    /** Restarts of one local actor JVM before it is given up (a crash loop must not spin forever). */
    private static final int MAX_RESTARTS = 5;

    private final LearnerHub hub;
    private final TrainingRun run;
    private final Path runDir;
    private final List<LocalActor> locals = new ArrayList<>();
    private final Thread writer;
    private volatile boolean finishing;

    private ActorCluster(LearnerHub hub, TrainingRun run, Path runDir) {
        this.hub = hub;
        this.run = run;
        this.runDir = runDir;
        writer = Thread.ofPlatform().daemon().name("nodes-csv").start(() -> {
            try {
                while (!finishing) {
                    Thread.sleep(2000);
                    writeNodes();
                }
            } catch (InterruptedException ignored) {
                // closing
            }
        });
    }

    /**
     * Opens the learner's hub on {@code listen} and starts {@code localActors} actor JVMs joined to it.
     *
     * @param actorArgs extra arguments for each local actor (its env workers and environments)
     */
    static ActorCluster start(String listen, Path secretFile, ClusterMessages.Welcome welcome, TrainingRun run, Path runDir, int localActors,
                              List<String> actorArgs) {
        NetSecurity security = NetSecurity.curve(ClusterSecret.loadOrCreate(secretFile));
        LearnerHub hub = new LearnerHub(listen, security, welcome, run.queue(), run.board(), run.metrics(), LearnerHub.DEFAULT_MAX_POLICY_LAG);
        String endpoint = hub.endpoint();
        System.err.println("monkey: learner node listening on " + endpoint + "; actor nodes join with: monkey actor --join "
                + endpoint.substring("tcp://".length()) + (secretFile.equals(ClusterSecret.defaultFile()) ? "" : " --secret " + secretFile));
        ActorCluster cluster = new ActorCluster(hub, run, runDir);
        for (int i = 0; i < localActors; i++) {
            LocalActor a = new LocalActor(cluster, "local-actor-" + i, endpoint, secretFile, actorArgs);
            cluster.locals.add(a);
            a.start();
        }
        return cluster;
    }

    /**
     * The command line of a {@code monkey actor} JVM joining {@code endpoint}: this JVM's java, class
     * path and JVM options (heap, flags; no debugger or agent), so it runs the same build.
     */
    static List<String> actorCommand(String endpoint, Path secret, String name, List<String> actorArgs) {
        List<String> cmd = new ArrayList<>(monkeyInThisJvmsImage());
        cmd.addAll(List.of("actor", "--join", endpoint, "--secret", secret.toString(), "--name", name, "--join-timeout", "30"));
        cmd.addAll(actorArgs);
        return List.copyOf(cmd);
    }

    /** {@code monkey} in a new JVM like this one: this JVM's java, JVM options (no debugger or agent) and class path; add the subcommand. */
    static List<String> monkeyInThisJvmsImage() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent") && !arg.startsWith("-Xrunjdwp")) cmd.add(arg);
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Monkey.class.getName()));
        return cmd;
    }

    /** Ends the run for the actor nodes (each exits 0), waits for the local ones, and writes the final {@code nodes.csv}. */
    void finish(String reason) {
        finishing = true;
        hub.finish(reason, Duration.ofSeconds(20));
        for (LocalActor a : locals) a.awaitExit(Duration.ofSeconds(30));
        writer.interrupt();
        writeNodes();
    }

    /** Lines for the run's summary: frames each node contributed. */
    String summary() {
        StringBuilder b = new StringBuilder();
        for (Contributors.Figures f : hub.contributors()) {
            b.append(String.format(Locale.ROOT, "actor node          %s: %d frames in %d segments (%d dropped stale), %s%n", f.node(), f.frames(),
                    f.segments(), f.dropped(), f.state()));
        }
        return b.toString();
    }

    private synchronized void writeNodes() {
        StringBuilder b = new StringBuilder(NODES_HEADER).append('\n');
        long simulated = run.metrics().snapshot(false).framesSimulated();   // read before the shares (see SegmentIntake)
        long remote = 0;
        for (Contributors.Figures f : hub.contributors()) {
            b.append(f.node()).append(',').append(f.state()).append(',').append(f.joins()).append(',').append(f.segments()).append(',')
                    .append(f.frames()).append(',').append(f.dropped()).append('\n');
            remote += f.frames();
        }
        // the learner's own env workers: everything simulated for this run minus what came from actor nodes
        long local = Math.max(0, simulated - remote);
        b.append("learner,local,1,,").append(local).append(",0\n");
        try {
            Path tmp = runDir.resolve("." + NODES_CSV + ".tmp");
            Files.writeString(tmp, b);
            Files.move(tmp, runDir.resolve(NODES_CSV), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + runDir.resolve(NODES_CSV), e);
        }
    }

    @Override
    public void close() {
        finishing = true;
        writer.interrupt();
        for (LocalActor a : locals) a.kill();
        hub.close();
    }

    /** One local actor JVM, restarted when it dies before the run ends. */
    private static final class LocalActor {
        private final ActorCluster cluster;
        private final String name;
        private final List<String> command;
        private final Path log;
        private volatile Process process;
        private Thread watcher;

        LocalActor(ActorCluster cluster, String name, String endpoint, Path secret, List<String> actorArgs) {
            this.cluster = cluster;
            this.name = name;
            this.command = actorCommand(endpoint, secret, name, actorArgs);
            this.log = cluster.runDir.resolve("actors").resolve(name + ".log");
        }

        void start() {
            watcher = Thread.ofPlatform().daemon().name("watch-" + name).start(this::supervise);
        }

        private void supervise() {
            try {
                Files.createDirectories(log.getParent());
                for (int starts = 0; ; starts++) {
                    process = new ProcessBuilder(command).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
                    int status = process.waitFor();
                    if (status == 0 || cluster.finishing) return;
                    if (status == tsunami.cluster.ActorNode.CANNOT_ACT) {
                        String why = LOCAL_ACTOR_CANNOT_ACT + " (" + name + "): " + lastWords();
                        System.err.println("monkey: " + why + " (log: " + log + "); stopping the run");
                        cluster.run.stop(why);
                        return;
                    }
                    if (starts >= MAX_RESTARTS) {
                        System.err.println("monkey: local actor node " + name + " exited with status " + status + " " + (starts + 1)
                                + " times; not restarting it (log: " + log + ")");
                        return;
                    }
                    System.err.println("monkey: local actor node " + name + " exited with status " + status + "; restarting it (log: " + log + ")");
                }
            } catch (IOException e) {
                System.err.println("monkey: cannot start local actor node " + name + ": " + e.getMessage());
            } catch (InterruptedException ignored) {
                // closing
            }
        }

        /** The actor's last line about itself ({@code monkey actor NAME: ...}, its outcome), or where its log is. */
        private String lastWords() {
            try {
                List<String> lines = Files.readAllLines(log);
                for (int i = lines.size() - 1; i >= 0; i--) {
                    if (lines.get(i).startsWith("monkey actor " + name + ": ")) return lines.get(i).substring(("monkey actor " + name + ": ").length());
                }
            } catch (IOException e) {
                // the log is named below
            }
            return name + " exited with status " + tsunami.cluster.ActorNode.CANNOT_ACT + " (see " + log + ")";
        }

        void awaitExit(Duration wait) {
            try {
                watcher.join(wait.toMillis());
                Process p = process;
                if (p != null && p.isAlive() && !p.waitFor(1, TimeUnit.SECONDS)) {
                    System.err.println("monkey: local actor node " + name + " did not stop; killing it");
                    kill();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                kill();
            }
        }

        void kill() {
            Process p = process;
            if (p != null) p.destroyForcibly();
            if (watcher != null) watcher.interrupt();
        }
    }
}
