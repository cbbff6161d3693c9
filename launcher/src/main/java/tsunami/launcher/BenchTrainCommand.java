package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.BadInputException;
import tsunami.env.EnvSpec;
import tsunami.learn.MetricsSink;
import tsunami.learn.PolicyConfig;
import tsunami.learn.TrainingConfig;
import tsunami.learn.TrainingMetrics;
import tsunami.learn.TrainingRun;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code monkey bench train}: end-to-end throughput of the training pipeline with learning on
 * (m5v5 vs attack-move, frame-skip 8). Figures are measured after a warm-up, over a fixed window.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Benchmark training end to end (m5v5, frame-skip 8, learning on): frames/s, agent steps/s, learner samples/s, inference batch time, policy lag.")
public final class BenchTrainCommand implements Runnable {
    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Option(names = "--seconds", defaultValue = "60", description = "measured seconds after a 15 s warm-up (default: ${DEFAULT-VALUE})")
    double seconds;

    @Option(names = "--env-workers", defaultValue = "" + TrainingConfig.DEFAULT_ENV_WORKERS, description = "env worker processes (default: ${DEFAULT-VALUE})")
    int envWorkers;

    @Option(names = "--envs-per-worker", defaultValue = "" + TrainingConfig.DEFAULT_ENVS_PER_WORKER, description = "environments per worker (default: ${DEFAULT-VALUE})")
    int envsPerWorker;

    @Option(names = "--learners", defaultValue = "" + TrainingConfig.DEFAULT_LEARNERS, description = "learner processes (default: ${DEFAULT-VALUE})")
    int learners;

    @Option(names = "--network", defaultValue = TrainCommand.DEFAULT_NETWORK,
            description = "the actor, as monkey train's --network: mlp or entity (default: ${DEFAULT-VALUE})")
    String network;

    @Override
    public void run() {
        if (!(seconds >= 5 && seconds <= 3600)) throw new BadInputException("--seconds must be 5..3600, got " + seconds);
        if (!TrainCommand.NETWORK_MLP.equals(network) && !TrainCommand.NETWORK_ENTITY.equals(network)) {
            throw new BadInputException("--network must be '" + TrainCommand.NETWORK_MLP + "' or '" + TrainCommand.NETWORK_ENTITY + "', got '" + network + "'");
        }
        double warmup = 15;
        ArenaSetup arena = ArenaSetup.of("m5v5", "attack-move");
        EnvSpec spec = TrainingRun.probeSpec(arena.factory(), 1);
        PolicyConfig policy = PolicyConfig.defaults(spec.observationSize(), spec.numActions())
                .withEntities(TrainCommand.NETWORK_ENTITY.equals(network) ? arena.layout().entityLayout() : null);
        // the defaults of monkey train, without checkpoints
        TrainingConfig cfg = TrainingConfig.defaults(1, 0, warmup + seconds).withWorkers(envWorkers, learners)
                .withBatch(envsPerWorker, TrainingConfig.DEFAULT_UNROLL_LENGTH, TrainingConfig.DEFAULT_SEGMENTS_PER_BATCH).withCheckpointSeconds(1e9);
        TrainingRun run = new TrainingRun(policy, cfg, arena.factory(), null, null, MetricsSink.NONE, Map.of());
        long t0 = System.nanoTime();
        AtomicReference<TrainingMetrics.Snapshot> atWarm = new AtomicReference<>();
        AtomicReference<Long> warmNanos = new AtomicReference<>();
        AtomicReference<Long> warmVersion = new AtomicReference<>();
        TrainingRun.Result r;
        try {
            r = run.run(s -> {
                if (atWarm.get() == null && System.nanoTime() - t0 >= warmup * 1e9) {
                    atWarm.set(s);
                    warmNanos.set(System.nanoTime());
                    warmVersion.set(run.board().version());
                }
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        TrainingMetrics.Snapshot a = atWarm.get(), b = r.figures();
        double dt = (System.nanoTime() - warmNanos.get()) / 1e9;
        double frames = (b.framesSimulated() - a.framesSimulated()) / dt;
        double agentSteps = frames / spec.frameSkip() * spec.agentsPerEnv();
        double learned = (b.agentSteps() - a.agentSteps()) / dt;
        BenchReport report = new BenchReport("bench train: m5v5 vs attack-move, frame-skip " + spec.frameSkip() + ", "
                + network + " network, "
                + envWorkers + " env workers × " + envsPerWorker + " envs, " + learners + " learner(s), " + String.format("%.0f", dt) + " s measured");
        report.put("game_frames_per_s", frames, "game frames simulated per second, learning on")
                .put("agent_steps_per_s", agentSteps, "agent decisions per second (frames / frame-skip × agents per env)")
                .put("learner_samples_per_s", learned, "agent steps learned from per second (alive agents)")
                .put("inference_batch_ms", run.metrics().inferenceMedianMs(), "median time of one inference network call")
                .put("inference_batch_agents", b.inferenceBatchAgents(), "mean agents answered per inference call")
                .put("policy_lag_median", b.policyLagMedian(), "parameter versions between acting and learning (median)")
                .put("updates_per_s", (r.finalParameters().version() - warmVersion.get()) / dt, "gradient updates applied per second")
                .put("producer_wait_s", r.producerWaitSeconds(), "time env workers waited on a full trajectory queue (whole run)");
        report.print(System.out, json);
    }
}
