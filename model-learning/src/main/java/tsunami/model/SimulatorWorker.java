package tsunami.model;

import tsunami.actor.Behavior;
import tsunami.actor.Pid;
import tsunami.actor.ProcessContext;
import tsunami.env.EnvSpec;
import tsunami.env.FightState;
import tsunami.env.FightStateEnv;
import tsunami.env.StepBatch;
import tsunami.env.VectorEnvFactory;
import tsunami.learn.ActReply;
import tsunami.learn.ActRequest;
import tsunami.learn.EnvWorker;
import tsunami.learn.InferenceServer;
import tsunami.learn.Trajectory;
import tsunami.learn.TrajectorySink;
import tsunami.learn.TrajectorySource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A simulator worker process: it takes real states from the replay store, rolls short imagined
 * branches from them with the current policy (asked of the inference server, as env workers ask)
 * through one randomly drawn ensemble member per interval, and hands each batch of branches to the
 * learners as one {@link Trajectory} segment shaped exactly like an env worker's, with source kind
 * {@link TrajectorySource#SIMULATOR}. Observations and masks of imagined states come from the env's
 * own {@link FightStateEnv#observeFight}. A branch ends where the model predicts the episode's end,
 * or where the members' position spread passes the limit (its sequence is cut there, as at an
 * episode's end); its later steps are invalid. Imagined segments carry no real frames and no
 * finished episodes, so the run's frame count and win rate stay real; imagined frames are counted
 * in {@link Counters}.
 */
public final class SimulatorWorker implements Behavior {
    /**
     * @param branches            imagined branches per segment (its "environments")
     * @param horizon             intervals per branch (the segment's length)
     * @param disagreementLimitPx stop a branch when the members' position spread passes this; infinity: never
     * @param imaginedRatio       imagined frames the workers may make per real frame learned (they wait beyond it); infinity: no limit
     * @param minModelUpdates     model updates before the first imagined segment (an untrained model imagines noise)
     */
    public record Config(int branches, int horizon, double disagreementLimitPx, double imaginedRatio, long minModelUpdates, long seed) {
        public Config {
            if (branches <= 0 || horizon <= 0) throw new IllegalArgumentException("simulator branches and horizon must be positive");
            if (!(imaginedRatio > 0)) throw new IllegalArgumentException("imagined ratio must be positive: " + imaginedRatio);
        }
    }

    /** Imagined experience made so far, by all simulator workers sharing these counters. */
    public static final class Counters {
        public final AtomicLong segments = new AtomicLong(), frames = new AtomicLong(), agentSteps = new AtomicLong(),
                stoppedByDisagreement = new AtomicLong(), stoppedByEnd = new AtomicLong(), starts = new AtomicLong();
    }

    private final int index;
    private final WorldModel model;
    private final TransitionStore store;
    private final VectorEnvFactory observers;
    private final TrajectorySink sink;
    private final Config config;
    private final Counters counters;
    private final LongSupplier realFrames, modelUpdates;

    /**
     * @param realFrames   real game frames learned so far (imagined frames are kept within {@code imaginedRatio} of them)
     * @param modelUpdates updates the model has had so far
     * @param observers makes the env (of {@link FightStateEnv}s) whose {@code observeFight} turns imagined states into observations */
    public SimulatorWorker(int index, WorldModel model, TransitionStore store, VectorEnvFactory observers, TrajectorySink sink,
                           Config config, Counters counters, LongSupplier realFrames,
                           LongSupplier modelUpdates) {
        this.index = index;
        this.model = model;
        this.store = store;
        this.observers = observers;
        this.sink = sink;
        this.config = config;
        this.counters = counters;
        this.realFrames = realFrames;
        this.modelUpdates = modelUpdates;
    }

    public static String name(int i) {
        return "simulator-" + i;
    }

    @Override
    public void run(ProcessContext self) throws Exception {
        self.label(name(index));
        long restart = counters.starts.incrementAndGet();
        SplittableRandom rnd = new SplittableRandom(config.seed() * 31 + index * 1_000_003L + restart);
        Pid inference = EnvWorker.awaitName(self, InferenceServer.NAME);
        FightStateEnv observer = RecordingEnv.fightStates(observers.create(1, config.seed()));
        TrajectorySource source = new TrajectorySource(TrajectorySource.SIMULATOR, self.system().node(), name(index));
        try (observer) {
            EnvSpec env = observer.spec();
            int per = env.agentsPerEnv(), o = env.observationSize(), a = env.numActions();
            int b = config.branches(), n = b * per, steps = config.horizon();
            float[] stepObs = new float[n * o];
            byte[] stepMask = new byte[n * a];
            while (true) {
                self.checkExit();
                if (store.trainingSize() == 0 || modelUpdates.getAsLong() < config.minModelUpdates()
                        || counters.frames.get() > config.imaginedRatio() * realFrames.getAsLong()) {
                    self.receive(Duration.ofMillis(50));   // no real states or trained model yet, or ahead of the real experience
                    continue;
                }
                FightState[] state = new FightState[b];
                List<Transition> roots = store.sample(b, rnd);
                for (int i = 0; i < b; i++) state[i] = roots.get(i).before().copy();
                boolean[] live = new boolean[b];
                Arrays.fill(live, true);
                float[] obs = new float[(steps + 1) * n * o];
                byte[] masks = new byte[(steps + 1) * n * a];
                int[] acts = new int[steps * n];
                float[] logp = new float[steps * n];
                float[] rewards = new float[steps * n];
                byte[] continues = new byte[steps * n];
                byte[] valid = new byte[steps * n];
                int[] advice = new int[steps * n];
                Arrays.fill(advice, StepBatch.NO_ADVICE);
                long[] versions = new long[steps];
                long imaginedFrames = 0, agentSteps = 0;
                for (int t = 0; t < steps; t++) {
                    observe(observer, state, live, per, o, a, stepObs, stepMask);
                    System.arraycopy(stepObs, 0, obs, t * n * o, n * o);
                    System.arraycopy(stepMask, 0, masks, t * n * a, n * a);
                    ActReply reply = (ActReply) self.call(inference, new ActRequest(stepObs, stepMask, n), Duration.ofSeconds(60));
                    versions[t] = reply.policyVersion();
                    float[] probs = reply.probs();
                    List<FightState> from = new ArrayList<>();
                    List<int[]> fromActs = new ArrayList<>();
                    int[] branchOf = new int[b];
                    for (int i = 0; i < b; i++) {
                        int[] mine = new int[per];
                        for (int j = 0; j < per; j++) {
                            int k = i * per + j;
                            int act = EnvWorker.sample(probs, k * a, a, stepMask, rnd);
                            mine[j] = act;
                            acts[t * n + k] = act;
                            logp[t * n + k] = (float) Math.log(Math.max(probs[k * a + act], 1e-30f));
                        }
                        if (live[i]) {
                            branchOf[from.size()] = i;
                            from.add(state[i]);
                            fromActs.add(mine);
                        }
                    }
                    if (from.isEmpty()) continue;   // every branch has stopped: the rest of the segment is invalid
                    float[] spread = Double.isInfinite(config.disagreementLimitPx()) ? null : model.disagreement(from, fromActs);
                    WorldModel.Prediction p = model.predict(from, fromActs, rnd.nextInt(model.members()));
                    for (int q = 0; q < from.size(); q++) {
                        int i = branchOf[q];
                        boolean stop = spread != null && spread[q] > config.disagreementLimitPx();
                        boolean end = p.done()[q];
                        observer.creditAgents(state[i], p.next()[q], p.reward()[q], rewards, t * n + i * per);
                        for (int j = 0; j < per; j++) {
                            int k = t * n + i * per + j;
                            valid[k] = (byte) (state[i].alive[j] ? 1 : 0);
                            continues[k] = (byte) (stop || end ? 0 : 1);
                            agentSteps += valid[k];
                        }
                        imaginedFrames += model.frameSkip();
                        state[i] = p.next()[q];
                        if (stop || end) {
                            live[i] = false;
                            (stop ? counters.stoppedByDisagreement : counters.stoppedByEnd).incrementAndGet();
                        }
                    }
                }
                observe(observer, state, live, per, o, a, stepObs, stepMask);
                System.arraycopy(stepObs, 0, obs, steps * n * o, n * o);
                System.arraycopy(stepMask, 0, masks, steps * n * a, n * a);
                sink.put(new Trajectory(source, steps, n, o, a, obs, masks, acts, logp, rewards, continues, valid, advice, versions,
                        0L, List.of()));
                counters.segments.incrementAndGet();
                counters.frames.addAndGet(imaginedFrames);
                counters.agentSteps.addAndGet(agentSteps);
            }
        }
    }

    /** Observations and masks of every branch's agents; a stopped branch reads as dead agents (zeros, only no-op legal). */
    private static void observe(FightStateEnv observer, FightState[] state, boolean[] live, int per, int o, int a,
                                float[] obs, byte[] mask) {
        for (int i = 0; i < state.length; i++) {
            if (live[i]) {
                observer.observeFight(state[i], obs, i * per * o, mask, i * per * a);
            } else {
                Arrays.fill(obs, i * per * o, (i + 1) * per * o, 0f);
                Arrays.fill(mask, i * per * a, (i + 1) * per * a, (byte) 0);
                for (int j = 0; j < per; j++) mask[(i * per + j) * a] = 1;   // action 0, no-op, as for a dead agent
            }
        }
    }
}
