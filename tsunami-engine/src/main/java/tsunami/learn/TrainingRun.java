package tsunami.learn;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.actor.ActorSystem;
import tsunami.actor.ChildSpec;
import tsunami.actor.ChildType;
import tsunami.actor.ExitReason;
import tsunami.actor.Pid;
import tsunami.actor.Restart;
import tsunami.actor.Shutdown;
import tsunami.actor.SpawnOptions;
import tsunami.actor.Strategy;
import tsunami.actor.Supervisor;
import tsunami.actor.SupervisorSpec;
import tsunami.env.EnvSpec;
import tsunami.env.VectorEnv;
import tsunami.env.VectorEnvFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * One asynchronous actor-learner training run in this JVM, as a supervision tree of kernel
 * processes:
 * <pre>
 * root (rest_for_one)
 *  ├─ checkpointer                      (when a checkpoint store is given)
 *  ├─ learning (one_for_all): parameter-server, learner-0 .. learner-L-1
 *  ├─ inference
 *  └─ env-workers (one_for_one): env-worker-0 .. env-worker-N-1
 * </pre>
 * The parameter board, trajectory queue and metrics belong to the run, not to a process, so a
 * restarted process carries on from them: a crashed env worker is replaced while the others go
 * on; a crashed learner or parameter server restarts the learning group from the latest
 * published parameters; a crashed inference server restarts itself and the env workers.
 */
public final class TrainingRun {
    private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

    private final PolicyConfig policy;
    private final TrainingConfig config;
    private VectorEnvFactory factory;   // wrapped at most before run (wrapEnvFactory)
    private boolean lrDecay;
    private volatile long startNanos;
    private final CheckpointStore store;
    private final Map<String, String> metadata;
    private final MetricsSink sink;
    private final ParameterBoard board;
    private final TrainingMetrics metrics = new TrainingMetrics();
    private final TrajectoryQueue queue;
    private final RunControl control = new RunControl();
    private final int[] incarnations;
    private final Checkpointer.CheckpointPolicy checkpoints;
    private final ValueNormalizer valueNorm;
    private volatile ActorSystem system;
    private volatile Pid root;

    /** How a run ended. */
    public record Result(String stopReason, ParameterSnapshot finalParameters, TrainingMetrics.Snapshot figures,
                         double seconds, double producerWaitSeconds) {
    }

    /**
     * @param resumeFrom a checkpoint to continue from (parameters, optimizer state, counters), or null
     * @param store      where checkpoints go, or null for none
     */
    public TrainingRun(PolicyConfig policy, TrainingConfig config, VectorEnvFactory factory, Checkpoint resumeFrom,
                       CheckpointStore store, MetricsSink sink, Map<String, String> metadata) {
        this(policy, config, factory, resumeFrom, store, sink, metadata, null);
    }

    /**
     * @param freshParams parameters to start from when not resuming (e.g. {@link PolicyNetwork#initialParams(PolicyConfig, long, double[])});
     *                    null: {@link PolicyNetwork#initialParams(PolicyConfig, long)} with the run's seed
     */
    public TrainingRun(PolicyConfig policy, TrainingConfig config, VectorEnvFactory factory, Checkpoint resumeFrom,
                       CheckpointStore store, MetricsSink sink, Map<String, String> metadata, float[] freshParams) {
        this.policy = policy;
        this.config = config;
        this.factory = factory;
        this.store = store;
        this.sink = sink;
        this.metadata = Map.copyOf(metadata);
        if (resumeFrom != null) {
            // the step size, discount and loss weights may change between sessions; the network may not
            if (!resumeFrom.config().sameNetwork(policy)) {
                throw new IllegalArgumentException("checkpoint holds a network of " + resumeFrom.config() + ", not one of " + policy);
            }
            board = new ParameterBoard(resumeFrom.snapshot());
            metrics.restore(resumeFrom.counters());
            valueNorm = policy.valueNorm() ? ValueNormalizer.fromMetadata(resumeFrom.metadata()) : null;
        } else {
            float[] fresh = freshParams != null ? freshParams.clone() : PolicyNetwork.initialParams(policy, config.seed());
            if (fresh.length != policy.numParams()) {
                throw new IllegalArgumentException("fresh parameters: " + fresh.length + " values for a policy of " + policy.numParams());
            }
            board = new ParameterBoard(ParameterSnapshot.initial(fresh));
            valueNorm = policy.valueNorm() ? new ValueNormalizer() : null;
        }
        queue = new TrajectoryQueue(config.queueCapacity());
        incarnations = new int[config.envWorkers()];
        checkpoints = store == null ? null : new Checkpointer.CheckpointPolicy(store, policy, board, metrics, this.metadata, valueNorm);
    }

    /** The shape of the factory's environments (makes and closes one small batch). */
    public static EnvSpec probeSpec(VectorEnvFactory factory, long seed) {
        try (VectorEnv env = factory.create(1, seed)) {
            return env.spec();
        }
    }

    public TrainingMetrics metrics() {
        return metrics;
    }

    public ParameterBoard board() {
        return board;
    }

    public TrajectoryQueue queue() {
        return queue;
    }

    /**
     * Asks a running {@link #run} to stop as if it had reached a limit, with {@code why} as its stop
     * reason: it then stops every process, saves a final checkpoint (when it has a checkpoint
     * store) and returns.
     */
    public void stop(String why) {
        control.finish(why);
    }

    /** The running kernel (null before {@link #run} starts it); tests use it to find and kill processes. */
    public ActorSystem system() {
        return system;
    }

    /**
     * Runs until the frame or time limit, calling {@code progress} about twice a second, then stops
     * every process, writes a final checkpoint and returns.
     */
    public Result run(Consumer<TrainingMetrics.Snapshot> progress) throws InterruptedException {
        if (config.envWorkers() == 0 && !remoteSegments) {
            throw new IllegalStateException("a run without env workers needs remote actor nodes (acceptRemoteSegments)");
        }
        long t0 = System.nanoTime();
        startNanos = t0;
        system = ActorSystem.create("train");
        try {
            root = Supervisor.start(system, rootSpec());
            CompletableFuture<ExitReason> rootExit = system.exitFuture(root);
            long deadline = config.maxSeconds() > 0 ? t0 + (long) (config.maxSeconds() * 1e9) : Long.MAX_VALUE;
            while (!control.isFinished()) {
                try {
                    control.finished().get(500, TimeUnit.MILLISECONDS);
                } catch (TimeoutException ignored) {
                    // a progress tick
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(e);
                }
                if (rootExit.isDone()) {
                    throw new IllegalStateException("training stopped: the supervision tree gave up (" + rootExit.getNow(null) + ")");
                }
                if (System.nanoTime() >= deadline) control.finish("time");
                if (progress != null) progress.accept(metrics.snapshot(false));
            }
            system.exit(root, ExitReason.SHUTDOWN);
            try {
                rootExit.get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                log.warn("training processes did not stop within 60 s: {}", e.toString());
            }
        } finally {
            system.shutdown();
        }
        if (checkpoints != null) checkpoints.save();
        TrainingMetrics.Snapshot end = metrics.snapshot(false);
        if (progress != null) progress.accept(end);
        return new Result(control.finished().getNow("stopped"), board.latest(), end, (System.nanoTime() - t0) / 1e9,
                queue.producerWaitSeconds());
    }

    private volatile boolean remoteSegments;

    /**
     * Other producers (actor nodes in other JVMs) also put segments into {@link #queue()}: the local env
     * workers then act without lock-step (timing decides anyway), and a run without local env workers
     * becomes valid. Call before {@link #run}.
     */
    /**
     * Chooses the best checkpoint by greedy play: each saved version plays {@code games} games of
     * {@code games}' factory greedily (in the checkpointer, off the learners' path) and the highest
     * win rate is kept as best. Without it the best is the one with the best recent training win rate.
     */
    public void judgeBestByGreedyPlay(VectorEnvFactory gamesFactory, int games) {
        if (system != null) throw new IllegalStateException("the run has started");
        if (checkpoints == null) return;
        if (games < 1) throw new IllegalArgumentException("games must be at least 1, got " + games);
        long seed = config.seed() ^ 0x6A09E667F3BCC908L;
        checkpoints.judgeBestBy(params -> Evaluator.evaluate(policy, params, gamesFactory, games, Math.min(games, 50), seed, true).winRate());
    }

    /**
     * Decays the learning rate linearly to zero over the run's budget (IMPALA's schedule): the
     * factor is 1 minus the larger of the frames learned over the frame limit and the time spent
     * over the time limit. Why: a policy that has found something good keeps drifting at a fixed
     * rate (m5v5: greedy 82% at 29 M frames, 70% at 69 M).
     */
    public void decayLearningRateLinearly() {
        if (system != null) throw new IllegalStateException("the run has started");
        lrDecay = true;
    }

    /** The learning-rate factor now: 1 without decay, else what is left of the budget (0..1). */
    double learningRateScale() {
        if (!lrDecay) return 1.0;
        double done = 0;
        if (config.maxFrames() > 0) done = Math.max(done, (double) metrics.counters().getOrDefault("frames", 0L) / config.maxFrames());
        if (config.maxSeconds() > 0 && startNanos != 0) done = Math.max(done, (System.nanoTime() - startNanos) / 1e9 / config.maxSeconds());
        return Math.max(0.0, 1.0 - done);
    }

    public void acceptRemoteSegments() {
        if (system != null) throw new IllegalStateException("the run has started");
        remoteSegments = true;
    }

    /** Whether segments may come from other JVMs ({@link #acceptRemoteSegments()}). */
    public boolean acceptsRemoteSegments() {
        return remoteSegments;
    }

    // Processes supervised beside the env workers (e.g. a world model's trainer and simulator workers).
    private final List<ChildSpec> companions = new ArrayList<>();

    /** Makes the env workers' environments through {@code wrap} (e.g. to record real transitions); call before {@link #run}. */
    public void wrapEnvFactory(java.util.function.UnaryOperator<VectorEnvFactory> wrap) {
        if (system != null) throw new IllegalStateException("the run has started");
        factory = wrap.apply(factory);
    }

    /**
     * Runs {@code children} under a one-for-one supervisor of their own, started after the env
     * workers (they may look up the inference server by name and feed {@link #queue()}); call before {@link #run}.
     */
    public void addCompanions(List<ChildSpec> children) {
        if (system != null) throw new IllegalStateException("the run has started");
        companions.addAll(children);
    }

    /**
     * The acting half of a run, as children of a rest-for-one supervisor: the inference server, then
     * the env workers under a one-for-one supervisor of their own. A learner's run has it beside its
     * learners; an actor node (another JVM) runs only this, feeding a remote learner.
     *
     * @param incarnations one counter per env worker, counting its starts (seeds each start apart)
     */
    public static List<ChildSpec> actingChildren(PolicyConfig policy, TrainingConfig config, VectorEnvFactory factory, TrajectorySink sink,
                                                 ParameterFeed parameters, TrainingMetrics metrics, RunControl control, int[] incarnations,
                                                 boolean lockstep) {
        List<ChildSpec> workers = new ArrayList<>();
        for (int i = 0; i < config.envWorkers(); i++) {
            int index = i;
            workers.add(new ChildSpec(EnvWorker.name(i), (sup, arg) -> sup.spawnLink(
                    new EnvWorker(index, incarnations[index]++, factory, config, sink, parameters, metrics, control, policy.centralCritic(), lockstep),
                    SpawnOptions.defaults().named(EnvWorker.name(index))),
                    Restart.TRANSIENT, Shutdown.DEFAULT_WORKER, ChildType.WORKER));
        }
        return List.of(
                ChildSpec.worker(InferenceServer.NAME, new InferenceServer(policy, parameters, metrics, config.maxInferenceAgents()),
                        SpawnOptions.defaults().named(InferenceServer.NAME)),
                ChildSpec.supervisor("env-workers", SupervisorSpec.of(Strategy.ONE_FOR_ONE, workers)
                        .withIntensity(20, Duration.ofSeconds(60)).named("env-workers")));
    }

    private SupervisorSpec rootSpec() {
        List<ChildSpec> learning = new ArrayList<>();
        learning.add(ChildSpec.worker(ParameterServer.NAME,
                new ParameterServer(board, policy.learningRate(), metrics, sink, config.metricsEveryUpdates(), config.maxFrames(), control,
                        this::learningRateScale),
                SpawnOptions.defaults().named(ParameterServer.NAME)));
        for (int i = 0; i < config.learners(); i++) {
            // transient: a learner returns normally only when the run is over, and then stays down
            learning.add(ChildSpec.worker(Learner.name(i), new Learner(i, policy, config, queue, board, control, metrics, valueNorm),
                    SpawnOptions.defaults().named(Learner.name(i))).withRestart(Restart.TRANSIENT));
        }
        List<ChildSpec> top = new ArrayList<>();
        if (checkpoints != null) {
            top.add(ChildSpec.worker("checkpointer", new Checkpointer(checkpoints, Duration.ofMillis((long) (config.checkpointSeconds() * 1000)))));
        }
        top.add(ChildSpec.supervisor("learning", SupervisorSpec.of(Strategy.ONE_FOR_ALL, learning)
                .withIntensity(20, Duration.ofSeconds(60)).named("learning")));
        top.addAll(actingChildren(policy, config, factory, queue, board, metrics, control, incarnations, config.lockstep() && !remoteSegments));
        if (!companions.isEmpty()) {
            top.add(ChildSpec.supervisor("companions", SupervisorSpec.of(Strategy.ONE_FOR_ONE, companions)
                    .withIntensity(20, Duration.ofSeconds(60)).named("companions")));
        }
        return SupervisorSpec.of(Strategy.REST_FOR_ONE, top).withIntensity(10, Duration.ofSeconds(60)).named("training");
    }
}
