package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.BadInputException;
import tsunami.cluster.ClusterMessages;
import tsunami.cluster.LearnerHub;
import tsunami.env.EnvSpec;
import tsunami.learn.MetricsSink;
import tsunami.learn.PolicyConfig;
import tsunami.learn.TrainingConfig;
import tsunami.learn.TrainingRun;
import tsunami.net.ClusterSecret;
import tsunami.net.NetSecurity;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code monkey bench scale}: what spreading acting over JVMs costs. The same training (m5v5 vs
 * attack-move, two env workers of 32 environments, one learner) runs in one JVM, then as a
 * learner JVM with no env workers fed by two actor JVMs of one env worker × 32 environments each,
 * over CURVE on loopback. Each variant learns a fixed number of frames; the rate is taken over the
 * frames after a warm-up count (count-bound, so a slow start does not dilute it). Variants
 * alternate A B B A ... over the rounds so that a drift in the machine's load hits both alike.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Benchmark distributed training: frames learned per second in one JVM vs a learner JVM fed by 2 actor JVMs, "
                + "trajectory bandwidth over the Streamer, parameter broadcast delay.")
public final class BenchScaleCommand implements Runnable {
    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Option(names = "--frames", defaultValue = "60000", description = "frames learned per measurement, after the warm-up (default: ${DEFAULT-VALUE})")
    long frames;

    @Option(names = "--warmup-frames", defaultValue = "15000", description = "frames learned before measuring (default: ${DEFAULT-VALUE})")
    long warmupFrames;

    @Option(names = "--rounds", defaultValue = "2", description = "measurements of each variant, alternating (default: ${DEFAULT-VALUE})")
    int rounds;

    /**
     * One measured run: frames learned per second over the window, what crossed the wire meanwhile,
     * the actor nodes' median parameter broadcast delay, and the mean size of a segment on the wire.
     */
    private record Measured(double framesPerS, double trajectoryMbPerS, double broadcastMsP50, double segmentKb) {
    }

    private static final java.util.regex.Pattern ACTOR_DELAY = java.util.regex.Pattern.compile("median delay ([0-9.]+) ms");

    @Override
    public void run() {
        if (frames < 5_000 || frames > 100_000_000) throw new BadInputException("--frames must be 5000..1e8, got " + frames);
        if (warmupFrames < 0 || warmupFrames > 100_000_000) throw new BadInputException("--warmup-frames must be 0..1e8, got " + warmupFrames);
        if (rounds < 1 || rounds > 20) throw new BadInputException("--rounds must be 1..20, got " + rounds);
        List<Measured> single = new ArrayList<>(), three = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            boolean singleFirst = r % 2 == 0;
            for (int k = 0; k < 2; k++) {
                boolean doSingle = singleFirst == (k == 0);
                Measured m = doSingle ? measure(false) : measure(true);
                (doSingle ? single : three).add(m);
                System.err.printf(Locale.ROOT, "bench scale: round %d %s: %.0f frames/s%n", r + 1, doSingle ? "single JVM" : "3 JVMs", m.framesPerS());
            }
        }
        double s = median(single.stream().mapToDouble(Measured::framesPerS).toArray());
        double t = median(three.stream().mapToDouble(Measured::framesPerS).toArray());
        BenchReport report = new BenchReport(String.format(Locale.ROOT, "bench scale: m5v5 vs attack-move, 2 env workers × 32 envs in one JVM vs "
                + "2 actor JVMs × (1 × 32) feeding a learner JVM, CURVE on loopback; %d frames after %d warm-up, median of %d alternating rounds",
                frames, warmupFrames, rounds));
        report.put("single_jvm_frames_per_s", s, "game frames learned per second, everything in one JVM")
                .put("three_jvm_frames_per_s", t, "game frames learned per second, 1 learner + 2 actor JVMs")
                .put("overhead_ratio", s / t, "single / three (goal <= 1.15 on this box, where more JVMs bring no more cores)")
                .put("trajectory_mb_per_s", median(three.stream().mapToDouble(Measured::trajectoryMbPerS).toArray()),
                        "MB/s of segments into the learner over the Streamer")
                .put("param_broadcast_ms_p50", median(three.stream().mapToDouble(Measured::broadcastMsP50).toArray()),
                        "median ms from the learner sending a version to an actor node receiving it through the Forwarder (median of the nodes' medians)")
                .put("segment_kb", median(three.stream().mapToDouble(Measured::segmentKb).toArray()),
                        "KiB of one segment on the wire (32 envs × 5 agents × 16 steps, CURVE framing not counted)")
                .put("params_kb", probePolicy().numParams() * 4 / 1024.0, "KiB of parameters in one broadcast");
        report.print(System.out, json);
    }

    private static PolicyConfig probePolicy() {
        EnvSpec spec = TrainingRun.probeSpec(ArenaSetup.of("m5v5", "attack-move").factory(), 1);
        return PolicyConfig.defaults(spec.observationSize(), spec.numActions());
    }

    private Measured measure(boolean distributed) {
        ArenaSetup arena = ArenaSetup.of("m5v5", "attack-move");
        PolicyConfig policy = probePolicy();
        long total = warmupFrames + frames;
        TrainingConfig cfg = TrainingConfig.defaults(1, total, 0).withWorkers(distributed ? 0 : 2, 1)
                .withBatch(TrainingConfig.DEFAULT_ENVS_PER_WORKER, TrainingConfig.DEFAULT_UNROLL_LENGTH, TrainingConfig.DEFAULT_SEGMENTS_PER_BATCH)
                .withCheckpointSeconds(1e9);
        TrainingRun run = new TrainingRun(policy, cfg, arena.factory(), null, null, MetricsSink.NONE, Map.of());
        LearnerHub hub = null;
        List<Process> actors = new ArrayList<>();
        List<Path> actorLogs = new ArrayList<>();
        try {
            if (distributed) {
                run.acceptRemoteSegments();
                Path secretFile = Files.createTempFile("bench-scale", ".secret");
                Files.delete(secretFile);
                NetSecurity security = NetSecurity.curve(ClusterSecret.loadOrCreate(secretFile));
                hub = new LearnerHub("tcp://127.0.0.1:0", security, new ClusterMessages.Welcome(Map.of("scenario", "m5v5", "opponent", "attack-move",
                        "attacks", ArenaSetup.ATTACKS_ANY), 1, policy, cfg.unrollLength(), cfg.maxInferenceAgents(), 0, 0, 0),
                        run.queue(), run.board(), run.metrics(), LearnerHub.DEFAULT_MAX_POLICY_LAG);
                for (int i = 0; i < 2; i++) {
                    Path log = Files.createTempFile("bench-scale-actor", ".log");
                    actorLogs.add(log);
                    actors.add(startActor(hub.endpoint(), secretFile, "bench-actor-" + i, log));
                }
            }
            long[] warmAt = {0}, warmFrames = {0}, warmBytes = {0}, warmSegments = {0};
            LearnerHub h = hub;
            TrainingRun.Result r = run.run(f -> {
                if (warmAt[0] == 0 && f.frames() >= warmupFrames) {
                    warmAt[0] = System.nanoTime();
                    warmFrames[0] = f.frames();
                    warmBytes[0] = h == null ? 0 : h.trajectoryBytes();
                    warmSegments[0] = h == null ? 0 : h.trajectorySegments();
                }
            });
            double dt = (System.nanoTime() - warmAt[0]) / 1e9;
            double rate = (r.figures().frames() - warmFrames[0]) / dt;
            double mb = hub == null ? 0 : (hub.trajectoryBytes() - warmBytes[0]) / 1e6 / dt;
            double kb = hub == null ? 0 : (hub.trajectoryBytes() - warmBytes[0]) / 1024.0 / Math.max(1, hub.trajectorySegments() - warmSegments[0]);
            if (hub != null) {
                hub.finish("bench over", java.time.Duration.ofSeconds(20));   // the actors log their broadcast delays as they leave
                hub = null;
                awaitExit(actors);
            }
            double[] delays = new double[actorLogs.size()];
            for (int i = 0; i < delays.length; i++) delays[i] = actorDelay(actorLogs.get(i));
            return new Measured(rate, mb, delays.length == 0 ? Double.NaN : median(delays), kb);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } finally {
            if (hub != null) hub.finish("bench failed", java.time.Duration.ofSeconds(20));
            awaitExit(actors);
            for (Path log : actorLogs) {
                try {
                    Files.deleteIfExists(log);
                } catch (java.io.IOException ignored) {
                    // a temporary file
                }
            }
        }
    }

    private static void awaitExit(List<Process> actors) {
        for (Process p : actors) {
            try {
                if (!p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) p.destroyForcibly();
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The median broadcast delay an actor node logged as it left ({@code ActorNode}); NaN if it logged none. */
    private static double actorDelay(Path log) throws java.io.IOException {
        java.util.regex.Matcher m = ACTOR_DELAY.matcher(Files.readString(log));
        double last = Double.NaN;
        while (m.find()) last = Double.parseDouble(m.group(1));
        return last;
    }

    private static Process startActor(String endpoint, Path secret, String name, Path log) throws java.io.IOException {
        List<String> cmd = ActorCluster.actorCommand(endpoint, secret, name,
                List.of("--env-workers", "1", "--envs-per-worker", "" + TrainingConfig.DEFAULT_ENVS_PER_WORKER));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
