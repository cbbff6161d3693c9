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
 */
public record EnvSpec(int numEnvs, int agentsPerEnv, int observationSize, int numActions, int frameSkip) {
    public EnvSpec {
        if (numEnvs <= 0 || agentsPerEnv <= 0 || observationSize <= 0 || numActions <= 0 || frameSkip <= 0) {
            throw new IllegalArgumentException("every EnvSpec dimension must be positive: " + this);
        }
    }

    /** Agent slots in the whole batch. */
    public int agents() {
        return numEnvs * agentsPerEnv;
    }
}
