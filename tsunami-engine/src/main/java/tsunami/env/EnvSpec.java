package tsunami.env;

/**
 * Shape of a {@link VectorEnv}: how many environments step together, how many agents each one
 * holds (units of the learning side, parameters shared between them), and the sizes of one
 * agent's observation vector and discrete action set.
 *
 * @param numEnvs          environments stepped as one batch
 * @param agentsPerEnv     agent slots per environment (dead or absent agents keep their slot)
 * @param observationSize  floats in one agent's observation
 * @param numActions       discrete actions per agent; {@link StepBatch#actionMask} says which are legal
 * @param frameSkip        game frames advanced by one {@link VectorEnv#step}
 * @param stateSize        floats in one environment's global state ({@link StepBatch#state}): the whole
 *                         fight as a centralised critic sees it, not any one agent's view; 0 when the
 *                         environment gives none
 */
public record EnvSpec(int numEnvs, int agentsPerEnv, int observationSize, int numActions, int frameSkip, int stateSize) {
    public EnvSpec {
        if (numEnvs <= 0 || agentsPerEnv <= 0 || observationSize <= 0 || numActions <= 0 || frameSkip <= 0 || stateSize < 0) {
            throw new IllegalArgumentException("every EnvSpec dimension must be positive (state size: at least 0): " + this);
        }
    }

    /** An environment without a global state. */
    public EnvSpec(int numEnvs, int agentsPerEnv, int observationSize, int numActions, int frameSkip) {
        this(numEnvs, agentsPerEnv, observationSize, numActions, frameSkip, 0);
    }

    /** Agent slots in the whole batch. */
    public int agents() {
        return numEnvs * agentsPerEnv;
    }
}
