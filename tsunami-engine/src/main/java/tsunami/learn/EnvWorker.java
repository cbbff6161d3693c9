package tsunami.learn;

import tsunami.actor.Behavior;
import tsunami.actor.Pid;
import tsunami.actor.ProcessContext;
import tsunami.env.EnvSpec;
import tsunami.env.StepBatch;
import tsunami.env.VectorEnv;
import tsunami.env.VectorEnvFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * An env worker process: steps one {@link VectorEnv} batch, asking the inference server for
 * action probabilities of all its agents at once, samples actions with its own seeded random
 * source, and cuts the experience into {@link Trajectory} segments for the learners'
 * {@link TrajectorySink} (waiting when it is full). Each (re)start makes a fresh environment batch from the
 * factory, seeded from the run seed, the worker's index and how often it has started, so a
 * restarted worker does not replay its predecessor's games.
 *
 * <p>Each agent learns from its own reward as the environment gives it: the same team reward for
 * every agent of a side where the environment shares it (SMAC's way, the arena's default), the
 * agent's own part where it credits units. An episode's return is the side's mean. An agent's
 * sequence ends with the episode, not with its unit: steps after death are not learned from
 * (only no-op is legal there) but still carry the team's rewards into the value targets.
 */
public final class EnvWorker implements Behavior {
    private final int index;
    private final VectorEnvFactory factory;
    private final TrainingConfig run;
    private final TrajectorySink trajectories;
    private final ParameterFeed parameters;
    private final TrainingMetrics metrics;
    private final RunControl control;
    private final int incarnation;
    private final boolean keepStates;
    private final boolean lockstep;

    public EnvWorker(int index, int incarnation, VectorEnvFactory factory, TrainingConfig run, TrajectorySink trajectories,
                     ParameterFeed parameters, TrainingMetrics metrics, RunControl control) {
        this(index, incarnation, factory, run, trajectories, parameters, metrics, control, false);
    }

    /** @param keepStates the segments carry the environments' global states (a centralised critic learns from them) */
    public EnvWorker(int index, int incarnation, VectorEnvFactory factory, TrainingConfig run, TrajectorySink trajectories,
                     ParameterFeed parameters, TrainingMetrics metrics, RunControl control, boolean keepStates) {
        this(index, incarnation, factory, run, trajectories, parameters, metrics, control, keepStates, run.lockstep());
    }

    /**
     * @param lockstep act each batch of segments with exactly one known version (see {@link TrainingConfig#lockstep()});
     *                 false where other producers also feed the learners (remote actor nodes), whose pace no version waits for
     */
    public EnvWorker(int index, int incarnation, VectorEnvFactory factory, TrainingConfig run, TrajectorySink trajectories,
                     ParameterFeed parameters, TrainingMetrics metrics, RunControl control, boolean keepStates, boolean lockstep) {
        this.lockstep = lockstep;
        this.keepStates = keepStates;
        this.index = index;
        this.incarnation = incarnation;
        this.factory = factory;
        this.run = run;
        this.trajectories = trajectories;
        this.parameters = parameters;
        this.metrics = metrics;
        this.control = control;
    }

    public static String name(int index) {
        return "env-worker-" + index;
    }

    /** Mixes a seed with two numbers into a well-spread 64-bit seed (SplitMix64 finaliser). */
    public static long mix(long seed, long a, long b) {
        long z = seed * 0x9E3779B97F4A7C15L + a * 0xBF58476D1CE4E5B9L + b * 0x94D049BB133111EBL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    @Override
    public void run(ProcessContext self) throws Exception {
        self.label(name(index) + " #" + incarnation);
        if (incarnation > 0) metrics.recordWorkerRestart();
        long seed = mix(run.seed(), index + 1, incarnation);
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x5DEECE66DL);
        Pid inference = awaitName(self, InferenceServer.NAME);
        TrajectorySource source = new TrajectorySource(TrajectorySource.ENV_WORKER, self.system().node(), name(index));
        try (VectorEnv env = factory.create(run.envsPerWorker(), seed)) {
            EnvSpec spec = env.spec();
            int n = spec.agents(), o = spec.observationSize(), a = spec.numActions(), per = spec.agentsPerEnv();
            int ss = keepStates ? spec.stateSize() : 0;
            if (keepStates && ss == 0) throw new IllegalStateException("a centralised critic needs a global state; the environment gives none");
            int steps = run.unrollLength();
            StepBatch batch = new StepBatch(spec);
            env.reset(seed, batch);
            byte[] aliveBefore = batch.alive.clone();
            float[] episodeReturn = new float[spec.numEnvs()];
            int[] actions = new int[n];
            long segment = 0;
            long baseVersion = parameters.version();   // non-zero when resuming
            while (true) {
                if (lockstep && segment % run.segmentsPerBatch() == 0) {
                    // lock-step: this batch of segments is acted with exactly one known version
                    long want = baseVersion + segment / run.segmentsPerBatch() * run.epochs();
                    parameters.awaitVersion(want);   // an exit signal interrupts the wait
                }
                if (control.isFinished()) return;
                float[] obs = new float[(steps + 1) * n * o];
                byte[] masks = new byte[(steps + 1) * n * a];
                float[] states = new float[(steps + 1) * n * ss];
                int[] acts = new int[steps * n];
                float[] logp = new float[steps * n];
                float[] rewards = new float[steps * n];
                byte[] continues = new byte[steps * n];
                byte[] valid = new byte[steps * n];
                int[] advice = new int[steps * n];
                long[] versions = new long[steps];
                List<EpisodeResult> finished = new ArrayList<>();
                long framesBefore = env.framesSimulated();
                for (int t = 0; t < steps; t++) {
                    System.arraycopy(batch.observations, 0, obs, t * n * o, n * o);
                    System.arraycopy(batch.actionMask, 0, masks, t * n * a, n * a);
                    System.arraycopy(batch.advice, 0, advice, t * n, n);
                    copyStates(batch.state, states, t, n, per, ss);
                    ActReply reply = (ActReply) self.call(inference, new ActRequest(batch.observations, batch.actionMask, n),
                            Duration.ofSeconds(60));
                    versions[t] = reply.policyVersion();
                    float[] probs = reply.probs();
                    for (int i = 0; i < n; i++) {
                        int act = sample(probs, i * a, a, batch.actionMask, rnd);
                        actions[i] = act;
                        acts[t * n + i] = act;
                        logp[t * n + i] = (float) Math.log(Math.max(probs[i * a + act], 1e-30f));
                    }
                    env.step(actions, batch);
                    for (int e = 0; e < spec.numEnvs(); e++) {
                        float team = 0;
                        for (int j = 0; j < per; j++) team += batch.rewards[e * per + j];
                        episodeReturn[e] += team / per;
                        for (int j = 0; j < per; j++) {
                            int i = e * per + j, k = t * n + i;
                            rewards[k] = batch.rewards[i];
                            valid[k] = aliveBefore[i];
                            // an agent's sequence runs to the end of the episode even after its unit
                            // dies: cutting it at death makes every agent prefer to survive (it would
                            // then collect its team's later rewards), and the team learns to flee
                            continues[k] = (byte) (batch.done[e] ? 0 : 1);
                        }
                        if (batch.done[e]) {
                            finished.add(new EpisodeResult(batch.outcome[e], episodeReturn[e], batch.episodeFrames[e]));
                            episodeReturn[e] = 0;
                        }
                    }
                    System.arraycopy(batch.alive, 0, aliveBefore, 0, n);
                }
                System.arraycopy(batch.observations, 0, obs, steps * n * o, n * o);
                System.arraycopy(batch.actionMask, 0, masks, steps * n * a, n * a);
                copyStates(batch.state, states, steps, n, per, ss);
                long frames = env.framesSimulated() - framesBefore;
                metrics.addFramesSimulated(frames);
                trajectories.put(new Trajectory(source, steps, n, o, a, obs, masks, acts, logp, rewards, continues, valid,
                        advice, versions, frames, finished, ss, states));
                segment++;
            }
        }
    }

    /** Step {@code t}'s global state of each environment, once per agent row of that environment. */
    private static void copyStates(float[] envStates, float[] rows, int t, int n, int per, int ss) {
        if (ss == 0) return;
        for (int i = 0; i < n; i++) System.arraycopy(envStates, (i / per) * ss, rows, (t * n + i) * ss, ss);
    }

    /**
     * The pid registered under {@code name}, waiting up to 30 s for it: after a crash its
     * supervisor may restart this process a moment before the process it talks to is back.
     */
    public static Pid awaitName(ProcessContext self, String name) throws InterruptedException {
        for (int i = 0; i < 3000; i++) {
            var pid = self.whereis(name);
            if (pid.isPresent()) return pid.get();
            Thread.sleep(10);
        }
        throw new IllegalStateException("no process registered as '" + name + "' after 30 s");
    }

    /** Samples from the agent's probabilities; falls back to the first legal action on rounding. */
    public static int sample(float[] probs, int offset, int numActions, byte[] mask, SplittableRandom rnd) {
        double u = rnd.nextDouble();
        double acc = 0;
        int lastLegal = -1;
        for (int k = 0; k < numActions; k++) {
            float p = probs[offset + k];
            if (p > 0 && mask[offset + k] != 0) {
                lastLegal = k;
                acc += p;
                if (u < acc) return k;
            }
        }
        return lastLegal >= 0 ? lastLegal : 0;
    }
}
