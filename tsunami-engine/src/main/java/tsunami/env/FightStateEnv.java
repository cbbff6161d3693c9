package tsunami.env;

/**
 * A {@link VectorEnv} whose fights can be read unit by unit and observed from any state, which is
 * what a learned world model needs: it learns from the states the env reads out, and turns the
 * states it imagines back into the observations and action masks a policy acts on.
 */
public interface FightStateEnv extends VectorEnv {
    FightSpec fightSpec();

    /** Writes environment {@code env}'s current state (after the last reset or step), its attack slots included. */
    void readFight(int env, FightState out);

    /**
     * Writes the last state of the episode environment {@code env} ended during the last step
     * (valid when that step's {@code done[env]}; the env itself has already been reset).
     */
    void readFinalFight(int env, FightState out);

    /**
     * Writes every agent's observation and action mask for {@code state}, as the env would for a
     * real state ({@code obs[o..]} and {@code mask[m..]}, agent after agent), fills
     * {@code state.slotTarget} to match, and returns how many agents are alive.
     */
    int observeFight(FightState state, float[] obs, int o, byte[] mask, int m);

    /**
     * Splits the reward {@code team} of one interval, from {@code before} to {@code after}, among the
     * agents as this env credits its rewards, into {@code out[o..o + agents)}: a world model predicts
     * the side's reward (the agents' mean), and an env that rewards each agent for its own unit
     * must give imagined steps the same shape of reward as real ones. The default is team credit:
     * every agent gets {@code team}.
     */
    default void creditAgents(FightState before, FightState after, float team, float[] out, int o) {
        java.util.Arrays.fill(out, o, o + before.spec.learnerUnits(), team);
    }
}
