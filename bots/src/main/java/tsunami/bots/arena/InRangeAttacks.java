package tsunami.bots.arena;

import tsunami.env.EnvSpec;
import tsunami.env.StepBatch;
import tsunami.env.VectorEnv;
import tsunami.env.VectorEnvFactory;

/**
 * Arena environments whose attack actions are legal only on enemies already in the agent's
 * weapon range (SMAC's rule for attack actions). Why: an attack order on a distant enemy walks
 * the unit out of formation into the enemy and sticks until that target dies, so exploring
 * attacks freely loses games (20% random attacks won about 1% on m5v5); within range, trying
 * an attack only changes whom the unit shoots, and choosing well is focus fire. Reaching
 * distant enemies is left to no-op (the unit AI acquires and approaches targets by itself).
 * The rule reads the observation's "in my weapon range" feature, so the arena is unchanged.
 */
public final class InRangeAttacks implements VectorEnv {
    private final VectorEnv env;
    private final ObservationLayout layout;

    InRangeAttacks(VectorEnv env, ObservationLayout layout) {
        if (env.spec().observationSize() != layout.size() || env.spec().numActions() != layout.numActions()) {
            throw new IllegalArgumentException("environment " + env.spec() + " does not have the layout " + layout);
        }
        this.env = env;
        this.layout = layout;
    }

    public static VectorEnvFactory factory(VectorEnvFactory inner, ObservationLayout layout) {
        return (numEnvs, seed) -> new InRangeAttacks(inner.create(numEnvs, seed), layout);
    }

    @Override
    public EnvSpec spec() {
        return env.spec();
    }

    @Override
    public void reset(long seed, StepBatch out) {
        env.reset(seed, out);
        restrict(out);
    }

    @Override
    public void step(int[] actions, StepBatch out) {
        env.step(actions, out);
        restrict(out);
    }

    private void restrict(StepBatch out) {
        EnvSpec spec = env.spec();
        int o = spec.observationSize(), a = spec.numActions();
        for (int i = 0; i < spec.agents(); i++) layout.restrictAttacksToRange(out.observations, i * o, out.actionMask, i * a);
    }

    @Override
    public long framesSimulated() {
        return env.framesSimulated();
    }

    @Override
    public void close() {
        env.close();
    }
}
