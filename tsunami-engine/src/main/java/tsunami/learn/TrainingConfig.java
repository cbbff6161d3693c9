package tsunami.learn;

/**
 * How a training run is laid out and when it stops.
 *
 * @param envWorkers          env worker processes, each stepping its own vector of environments (0: experience
 *                            comes only from remote actor nodes, see {@link TrainingRun#acceptRemoteSegments()})
 * @param envsPerWorker       environments in one worker's batch
 * @param learners            learner processes applying gradients to the parameter server
 * @param unrollLength        environment steps per trajectory segment
 * @param segmentsPerBatch    segments in one learner batch
 * @param queueCapacity       segments the trajectory queue holds before producers wait
 * @param seed                seed of everything random (parameters, environments, action sampling)
 * @param maxFrames           stop after learning from this many game frames (0: no limit)
 * @param maxSeconds          stop after this much wall-clock time (0: no limit)
 * @param checkpointSeconds   period of checkpoints
 * @param metricsEveryUpdates a metrics row every this many parameter versions
 * @param maxInferenceAgents  most agents the inference server answers in one network call
 * @param teacher             distillation of the environment's advice, if any ({@link TeacherSchedule#NONE}: none)
 * @param epochs              gradient steps a learner takes on each batch, each from the newest parameters
 *                            (PPO's epochs; 1: one step per batch, as IMPALA)
 */
public record TrainingConfig(int envWorkers, int envsPerWorker, int learners, int unrollLength, int segmentsPerBatch,
                             int queueCapacity, long seed, long maxFrames, double maxSeconds, double checkpointSeconds,
                             int metricsEveryUpdates, int maxInferenceAgents, TeacherSchedule teacher, int epochs) {
    public TrainingConfig {
        if (envWorkers < 0 || envsPerWorker < 1 || learners < 1 || unrollLength < 1 || segmentsPerBatch < 1 || queueCapacity < 1
                || metricsEveryUpdates < 1 || maxInferenceAgents < 1 || epochs < 1) {
            throw new IllegalArgumentException("training layout values must be positive: " + this);
        }
        if (maxFrames < 0 || maxSeconds < 0 || !(checkpointSeconds > 0)) {
            throw new IllegalArgumentException("bad training limits: " + this);
        }
        if (teacher == null) throw new IllegalArgumentException("teacher schedule missing (use TeacherSchedule.NONE)");
        if (maxFrames == 0 && maxSeconds == 0) {
            throw new IllegalArgumentException("a training run needs a frame or time limit");
        }
    }

    /**
     * One env worker and one learner run in lock-step: the worker starts the segments of batch b
     * only once version b is published, so every step is acted with a known version and two runs
     * with the same seed are identical. With more processes, timing decides and runs differ.
     */
    public boolean lockstep() {
        return envWorkers == 1 && learners == 1;
    }

    /* The defaults of every trainer, {@code monkey train} and {@code bench train} included (their flags name these). */
    public static final int DEFAULT_ENV_WORKERS = 2;
    public static final int DEFAULT_ENVS_PER_WORKER = 32;
    public static final int DEFAULT_LEARNERS = 1;
    public static final int DEFAULT_UNROLL_LENGTH = 16;
    public static final int DEFAULT_SEGMENTS_PER_BATCH = 2;
    public static final double DEFAULT_CHECKPOINT_SECONDS = 30;
    /** Most agents one inference network call answers; the figures in docs/benchmarks.md were measured with it. */
    public static final int DEFAULT_MAX_INFERENCE_AGENTS = 2048;

    /** The default layout (see the constants above), queues of 8 segments and a metrics row every 10 versions. */
    public static TrainingConfig defaults(long seed, long maxFrames, double maxSeconds) {
        return new TrainingConfig(DEFAULT_ENV_WORKERS, DEFAULT_ENVS_PER_WORKER, DEFAULT_LEARNERS, DEFAULT_UNROLL_LENGTH,
                DEFAULT_SEGMENTS_PER_BATCH, 8, seed, maxFrames, maxSeconds, DEFAULT_CHECKPOINT_SECONDS, 10, DEFAULT_MAX_INFERENCE_AGENTS,
                TeacherSchedule.NONE, 1);
    }

    public TrainingConfig withWorkers(int envWorkers, int learners) {
        return new TrainingConfig(envWorkers, envsPerWorker, learners, unrollLength, segmentsPerBatch, queueCapacity, seed,
                maxFrames, maxSeconds, checkpointSeconds, metricsEveryUpdates, maxInferenceAgents, teacher, epochs);
    }

    public TrainingConfig withBatch(int envsPerWorker, int unrollLength, int segmentsPerBatch) {
        return new TrainingConfig(envWorkers, envsPerWorker, learners, unrollLength, segmentsPerBatch, queueCapacity, seed,
                maxFrames, maxSeconds, checkpointSeconds, metricsEveryUpdates, maxInferenceAgents, teacher, epochs);
    }

    public TrainingConfig withCheckpointSeconds(double s) {
        return new TrainingConfig(envWorkers, envsPerWorker, learners, unrollLength, segmentsPerBatch, queueCapacity, seed,
                maxFrames, maxSeconds, s, metricsEveryUpdates, maxInferenceAgents, teacher, epochs);
    }

    public TrainingConfig withMetricsEvery(int updates) {
        return new TrainingConfig(envWorkers, envsPerWorker, learners, unrollLength, segmentsPerBatch, queueCapacity, seed,
                maxFrames, maxSeconds, checkpointSeconds, updates, maxInferenceAgents, teacher, epochs);
    }

    public TrainingConfig withLimits(long maxFrames, double maxSeconds) {
        return new TrainingConfig(envWorkers, envsPerWorker, learners, unrollLength, segmentsPerBatch, queueCapacity, seed,
                maxFrames, maxSeconds, checkpointSeconds, metricsEveryUpdates, maxInferenceAgents, teacher, epochs);
    }

    public TrainingConfig withEpochs(int e) {
        return new TrainingConfig(envWorkers, envsPerWorker, learners, unrollLength, segmentsPerBatch, queueCapacity, seed,
                maxFrames, maxSeconds, checkpointSeconds, metricsEveryUpdates, maxInferenceAgents, teacher, e);
    }

    public TrainingConfig withTeacher(TeacherSchedule t) {
        return new TrainingConfig(envWorkers, envsPerWorker, learners, unrollLength, segmentsPerBatch, queueCapacity, seed,
                maxFrames, maxSeconds, checkpointSeconds, metricsEveryUpdates, maxInferenceAgents, t, epochs);
    }
}
