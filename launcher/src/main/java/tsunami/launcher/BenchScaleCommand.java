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
import tsunami.learn.TrainingMetrics;
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
 * frames after a warm-up count (count-bound, so a slow start does not dilute it). Every
 * measurement starts fresh JVMs for all its processes (a child JVM for the single variant and for
 * the learner), so both variants warm up (class loading, JIT) alike, in their warm-up frames.
 * Variants alternate A B B A ... over the rounds so that a drift in the machine's load hits both
 * alike. Beside the rates, the CPU time each process spent over the measured frames says where
 * the extra time of three JVMs goes.
 */
@Command(name = "scale", mixinStandardHelpOptions = true,
        description = "Benchmark distributed training: frames learned per second in one JVM vs a learner JVM fed by 2 actor JVMs, "
                + "trajectory bandwidth over the Streamer, parameter broadcast delay.")
public final class BenchScaleCommand implements Runnable {
    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Option(names = "--frames", defaultValue = "500000", description = "frames learned per measurement, after the warm-up (default: ${DEFAULT-VALUE})")
    long frames;

    @Option(names = "--warmup-frames", defaultValue = "1500000", description = "frames learned before measuring, in fresh JVMs: the JIT compilers are still busy after 300,000 (default: ${DEFAULT-VALUE})")
    long warmupFrames;

    /** Set in the child JVM that measures one variant ({@link #VARIANT_SINGLE} or {@link #VARIANT_THREE}); the parent sets it. */
    @Option(names = "--variant", hidden = true)
    String variant;

    private static final String VARIANT_SINGLE = "single", VARIANT_THREE = "three";
    /** How a child JVM reports its measurement: this prefix and the {@link Measured} fields, space-separated. */
    private static final String RESULT_LINE = "bench-scale-measured ";

    @Option(names = "--rounds", defaultValue = "2", description = "measurements of each variant, alternating (default: ${DEFAULT-VALUE})")
    int rounds;

    /**
     * One measured run: frames learned per second over the window, what crossed the wire meanwhile,
     * the actor nodes' median parameter broadcast delay, the mean size of a segment on the wire, and
     * the CPU seconds per million frames learned over the window of the JVM that learns (the only
     * one in the single variant) and of the actor JVMs together (0 in the single variant).
     */
    private record Measured(double framesPerS, double trajectoryMbPerS, double broadcastMsP50, double segmentKb, double learnerCpuSPerMFrame,
                            double actorsCpuSPerMFrame, double inferenceBatchAgents, double inferenceCallMs) {
        String line() {
            return String.format(Locale.ROOT, "%s%s %s %s %s %s %s %s %s", RESULT_LINE, framesPerS, trajectoryMbPerS, broadcastMsP50, segmentKb,
                    learnerCpuSPerMFrame, actorsCpuSPerMFrame, inferenceBatchAgents, inferenceCallMs);
        }

        static Measured parse(String line) {
            double[] v = Arrays.stream(line.substring(RESULT_LINE.length()).trim().split(" ")).mapToDouble(Double::parseDouble).toArray();
            return new Measured(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
        }
    }

    private static final java.util.regex.Pattern ACTOR_DELAY = java.util.regex.Pattern.compile("median delay ([0-9.]+) ms");
    private static final java.util.regex.Pattern ACTOR_INFERENCE = java.util.regex.Pattern.compile("inference mean batch ([0-9.]+) agents, ([0-9.]+) ms per call");

    @Override
    public void run() {
        if (frames < 5_000 || frames > 100_000_000) throw new BadInputException("--frames must be 5000..1e8, got " + frames);
        if (warmupFrames < 0 || warmupFrames > 100_000_000) throw new BadInputException("--warmup-frames must be 0..1e8, got " + warmupFrames);
        if (rounds < 1 || rounds > 20) throw new BadInputException("--rounds must be 1..20, got " + rounds);
        if (variant != null) {
            if (!VARIANT_SINGLE.equals(variant) && !VARIANT_THREE.equals(variant)) throw new BadInputException("--variant must be single or three");
            System.out.println(measure(VARIANT_THREE.equals(variant)).line());
            return;
        }
        List<Measured> single = new ArrayList<>(), three = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            boolean singleFirst = r % 2 == 0;
            for (int k = 0; k < 2; k++) {
                boolean doSingle = singleFirst == (k == 0);
                Measured m = inFreshJvm(doSingle ? VARIANT_SINGLE : VARIANT_THREE);
                (doSingle ? single : three).add(m);
                System.err.printf(Locale.ROOT, "bench scale: round %d %s: %.0f frames/s%n", r + 1, doSingle ? "single JVM" : "3 JVMs", m.framesPerS());
            }
        }
        double s = median(single.stream().mapToDouble(Measured::framesPerS).toArray());
        double t = median(three.stream().mapToDouble(Measured::framesPerS).toArray());
        BenchReport report = new BenchReport(String.format(Locale.ROOT, "bench scale: m5v5 vs attack-move, 2 env workers × 32 envs in one JVM vs "
                + "2 actor JVMs × (1 × 32) feeding a learner JVM, CURVE on loopback; %d frames after %d warm-up frames, fresh JVMs per measurement, median of %d alternating rounds",
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
                .put("params_kb", probePolicy().numParams() * 4 / 1024.0, "KiB of parameters in one broadcast")
                .put("single_jvm_cpu_s_per_mframe", median(single.stream().mapToDouble(Measured::learnerCpuSPerMFrame).toArray()),
                        "CPU seconds of the single JVM per million frames learned")
                .put("learner_jvm_cpu_s_per_mframe", median(three.stream().mapToDouble(Measured::learnerCpuSPerMFrame).toArray()),
                        "CPU seconds of the learner JVM (no env workers) per million frames learned")
                .put("actor_jvms_cpu_s_per_mframe", median(three.stream().mapToDouble(Measured::actorsCpuSPerMFrame).toArray()),
                        "CPU seconds of the 2 actor JVMs together per million frames learned")
                .put("single_jvm_inference_batch_agents", median(single.stream().mapToDouble(Measured::inferenceBatchAgents).toArray()),
                        "agents per inference call in the single JVM (one server for both env workers; whole run)")
                .put("actor_jvm_inference_batch_agents", median(three.stream().mapToDouble(Measured::inferenceBatchAgents).toArray()),
                        "agents per inference call in an actor JVM (its own server for its env worker; whole run)")
                .put("single_jvm_inference_call_ms", median(single.stream().mapToDouble(Measured::inferenceCallMs).toArray()),
                        "ms per inference call in the single JVM")
                .put("actor_jvm_inference_call_ms", median(three.stream().mapToDouble(Measured::inferenceCallMs).toArray()),
                        "ms per inference call in an actor JVM");
        report.print(System.out, json);
    }

    /** Runs one measurement of {@code v} in a child JVM of this JVM's image, which starts its own actor JVMs. */
    private Measured inFreshJvm(String v) {
        List<String> cmd = new ArrayList<>(ActorCluster.monkeyInThisJvmsImage());
        cmd.addAll(List.of("bench", "scale", "--variant", v, "--frames", Long.toString(frames), "--warmup-frames", Long.toString(warmupFrames)));
        try {
            Path log = Files.createTempFile("bench-scale-" + v, ".log");
            try {
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
                int status = p.waitFor();
                List<String> lines = Files.readAllLines(log);
                String result = lines.stream().filter(l -> l.startsWith(RESULT_LINE)).reduce((a, b) -> b).orElse(null);
                if (status != 0 || result == null) {
                    throw new IllegalStateException("bench scale: the " + v + " measurement failed (status " + status + "): "
                            + String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
                }
                return Measured.parse(result);
            } finally {
                Files.deleteIfExists(log);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
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
            long[] warmAt = {0}, warmFrames = {0}, warmBytes = {0}, warmSegments = {0}, warmCpu = {0}, warmActorsCpu = {0};
            LearnerHub h = hub;
            TrainingRun.Result r = run.run(f -> {
                if (warmAt[0] == 0 && f.frames() >= warmupFrames) {
                    warmAt[0] = System.nanoTime();
                    warmFrames[0] = f.frames();
                    warmBytes[0] = h == null ? 0 : h.trajectoryBytes();
                    warmSegments[0] = h == null ? 0 : h.trajectorySegments();
                    warmCpu[0] = processCpuNanos();
                    warmActorsCpu[0] = cpuNanos(actors);
                }
            });
            double dt = (System.nanoTime() - warmAt[0]) / 1e9;
            double mframes = (r.figures().frames() - warmFrames[0]) / 1e6;
            double learnerCpu = (processCpuNanos() - warmCpu[0]) / 1e9 / mframes;
            double actorsCpu = (cpuNanos(actors) - warmActorsCpu[0]) / 1e9 / mframes;
            double rate = (r.figures().frames() - warmFrames[0]) / dt;
            double mb = hub == null ? 0 : (hub.trajectoryBytes() - warmBytes[0]) / 1e6 / dt;
            double kb = hub == null ? 0 : (hub.trajectoryBytes() - warmBytes[0]) / 1024.0 / Math.max(1, hub.trajectorySegments() - warmSegments[0]);
            if (hub != null) {
                hub.finish("bench over", java.time.Duration.ofSeconds(20));   // the actors log their broadcast delays as they leave
                hub = null;
                awaitExit(actors);
            }
            double[] delays = new double[actorLogs.size()], batches = new double[actorLogs.size()], callMs = new double[actorLogs.size()];
            for (int i = 0; i < delays.length; i++) {
                String log = Files.readString(actorLogs.get(i));
                delays[i] = lastMatch(ACTOR_DELAY, log, 1);
                batches[i] = lastMatch(ACTOR_INFERENCE, log, 1);
                callMs[i] = lastMatch(ACTOR_INFERENCE, log, 2);
            }
            // over the whole run, warm-up included: the single JVM's own inference server, or the actor nodes' (mean of the two)
            TrainingMetrics.Snapshot own = r.figures();
            double batch = distributed ? Arrays.stream(batches).average().orElse(Double.NaN) : own.inferenceBatchAgents();
            double ms = distributed ? Arrays.stream(callMs).average().orElse(Double.NaN) : own.inferenceBatchMs();
            return new Measured(rate, mb, delays.length == 0 ? Double.NaN : median(delays), kb, learnerCpu, actorsCpu, batch, ms);
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

    /** CPU time of this JVM so far. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time of the given processes so far (the OS's account; 0 for one it does not give). */
    private static long cpuNanos(List<Process> processes) {
        long sum = 0;
        for (Process p : processes) sum += p.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
        return sum;
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

    /** A figure an actor node logged as it left ({@code ActorNode}): {@code group} of the last match; NaN if it logged none. */
    private static double lastMatch(java.util.regex.Pattern p, String log, int group) {
        java.util.regex.Matcher m = p.matcher(log);
        double last = Double.NaN;
        while (m.find()) last = Double.parseDouble(m.group(group));
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
