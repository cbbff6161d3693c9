package tsunami.model;

import tsunami.env.EnvSpec;
import tsunami.env.FightState;
import tsunami.env.FightStateEnv;
import tsunami.env.StepBatch;
import tsunami.env.VectorEnv;
import tsunami.env.VectorEnvFactory;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link FightStateEnv} that puts every real decision interval it steps into a
 * {@link TransitionStore}: the state before (with its attack slots), the agents' actions, the state
 * after (the episode's last state when it ended) and the reward. Whoever steps it — env workers
 * during training, {@link RealTransitions} in evaluation — feeds the world model as a side effect.
 * Episode ids come from a counter shared by all envs of one store, so the held-out split keeps
 * whole episodes apart.
 */
public final class RecordingEnv implements VectorEnv {
    private final FightStateEnv env;
    private final TransitionStore store;
    private final AtomicLong episodes;
    private final FightState[] current;
    private final long[] episode;

    public RecordingEnv(FightStateEnv env, TransitionStore store, AtomicLong episodes) {
        this.env = env;
        this.store = store;
        this.episodes = episodes;
        current = new FightState[env.spec().numEnvs()];
        episode = new long[current.length];
    }

    /**
     * Wraps every env {@code factory} makes (they must be {@link FightStateEnv}s) so that it records
     * into {@code store}.
     */
    public static VectorEnvFactory factory(VectorEnvFactory factory, TransitionStore store) {
        AtomicLong episodes = new AtomicLong();
        return (numEnvs, seed) -> new RecordingEnv(fightStates(factory.create(numEnvs, seed)), store, episodes);
    }

    /** {@code env} as a {@link FightStateEnv}, or a clear error (closing it) when it is not one. */
    public static FightStateEnv fightStates(VectorEnv env) {
        if (env instanceof FightStateEnv f) return f;
        env.close();
        throw new IllegalArgumentException("a world model needs an env that exposes fight states (FightStateEnv); "
                + env.getClass().getSimpleName() + " does not (e.g. an env wrapped to change its action masks)");
    }

    public FightStateEnv inner() {
        return env;
    }

    @Override
    public EnvSpec spec() {
        return env.spec();
    }

    @Override
    public void reset(long seed, StepBatch out) {
        env.reset(seed, out);
        for (int e = 0; e < current.length; e++) startEpisode(e);
    }

    @Override
    public void step(int[] actions, StepBatch out) {
        env.step(actions, out);
        int agents = env.spec().agentsPerEnv();
        for (int e = 0; e < current.length; e++) {
            FightState after = new FightState(env.fightSpec());
            if (out.done[e]) env.readFinalFight(e, after);
            else env.readFight(e, after);
            int[] acted = Arrays.copyOfRange(actions, e * agents, (e + 1) * agents);
            store.add(new Transition(current[e], acted, after, teamReward(out, e, agents), out.done[e], episode[e]));
            if (out.done[e]) startEpisode(e);
            else current[e] = after;
        }
    }

    private void startEpisode(int e) {
        current[e] = new FightState(env.fightSpec());
        env.readFight(e, current[e]);
        episode[e] = episodes.getAndIncrement();
    }

    @Override
    public long framesSimulated() {
        return env.framesSimulated();
    }

    @Override
    public void close() {
        env.close();
    }

    /** The side's mean reward in env {@code e}: the team's reward, whether or not the env credits units. */
    private static float teamReward(StepBatch out, int e, int agents) {
        float sum = 0;
        for (int a = 0; a < agents; a++) sum += out.rewards[e * agents + a];
        return sum / agents;
    }
}
