package tsunami.env;

/**
 * Preallocated output of one {@link VectorEnv} step for the whole batch; the environment writes
 * into these arrays in place so that stepping allocates nothing. Agent {@code a} of environment
 * {@code e} is slot {@code e * agentsPerEnv + a}.
 */
public final class StepBatch {
    public static final byte OUTCOME_NONE = 0;
    public static final byte OUTCOME_WIN = 1;
    public static final byte OUTCOME_LOSS = 2;
    public static final byte OUTCOME_DRAW = 3;

    public final EnvSpec spec;
    /** [agents × observationSize]: each agent's observation after the step. */
    public final float[] observations;
    /**
     * [numEnvs × stateSize]: each environment's global state after the step (every unit of both
     * sides, for a centralised critic; agents do not act on it). Empty when the spec's state size is 0.
     */
    public final float[] state;
    /** [agents × numActions]: 1 where the action is legal now, 0 where not. Dead agents allow only no-op. */
    public final byte[] actionMask;
    /** [agents]: reward each agent earned during the step. */
    public final float[] rewards;
    /** [agents]: 1 while the agent's unit lives. */
    public final byte[] alive;
    /** [numEnvs]: the episode ended during this step; the environment has already been reset. */
    public final boolean[] done;
    /** [numEnvs]: how the episode that just ended went, one of the OUTCOME_ constants; NONE when not done. */
    public final byte[] outcome;
    /** [numEnvs]: game frames the episode that just ended lasted; 0 when not done. */
    public final int[] episodeFrames;
    /**
     * [agents]: the action a teacher (e.g. a scripted heuristic) would take in each agent's place
     * from the observation after the step, or {@link #NO_ADVICE}. Environments without a teacher
     * leave it at NO_ADVICE; learners may distil the advice into the policy.
     */
    public final int[] advice;
    public static final int NO_ADVICE = -1;

    public StepBatch(EnvSpec spec) {
        this.spec = spec;
        int agents = spec.agents();
        observations = new float[agents * spec.observationSize()];
        actionMask = new byte[agents * spec.numActions()];
        state = new float[spec.numEnvs() * spec.stateSize()];
        rewards = new float[agents];
        alive = new byte[agents];
        done = new boolean[spec.numEnvs()];
        outcome = new byte[spec.numEnvs()];
        episodeFrames = new int[spec.numEnvs()];
        advice = new int[agents];
        java.util.Arrays.fill(advice, NO_ADVICE);
    }
}
