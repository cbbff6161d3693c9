package tsunami.learn;

/**
 * One published version of the policy: its parameters and the optimizer state that produced
 * them. Immutable by convention (never write into the arrays), so readers on any thread can use
 * it without copying, and a restarted parameter server resumes from exactly this point.
 *
 * @param version        number of gradient updates applied since training began
 * @param params         flat network parameters
 * @param adamM          Adam first moments
 * @param adamV          Adam second moments
 * @param samplesLearned agent steps the applied gradients were computed from
 */
public record ParameterSnapshot(long version, float[] params, float[] adamM, float[] adamV, long samplesLearned) {
    public static ParameterSnapshot initial(float[] params) {
        return new ParameterSnapshot(0, params.clone(), new float[params.length], new float[params.length], 0);
    }
}
