package tsunami.env;

/**
 * A batch of multi-agent environments stepped together (as in SMAC: every unit of the learning
 * side is an agent, all agents share one policy). Implementations write into the caller's
 * {@link StepBatch} and allocate nothing per step.
 *
 * <p>Episodes reset themselves: when environment {@code e} ends during a step, {@code done[e]},
 * {@code outcome[e]} and the final rewards describe the ended episode, while the observations
 * and masks already belong to the first state of the next one. This keeps every environment
 * in the batch busy and makes the batch shape constant.
 */
public interface VectorEnv extends AutoCloseable {
    EnvSpec spec();

    /** Starts fresh episodes in every environment, seeded from {@code seed}, and writes the first observations. */
    void reset(long seed, StepBatch out);

    /**
     * Applies one action per agent slot ({@code actions.length == spec().agents()}), advances
     * {@code frameSkip} game frames and writes the result. An illegal action is treated as no-op.
     */
    void step(int[] actions, StepBatch out);

    /** Total game frames simulated so far across the batch. */
    long framesSimulated();

    @Override
    default void close() {
    }
}
