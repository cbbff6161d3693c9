package tsunami.learn;

/**
 * An env worker asks the inference server for action probabilities of {@code agents} agents
 * (sent with {@code call}; the arrays are read before the reply, so the worker may reuse them after).
 */
public record ActRequest(float[] observations, byte[] masks, int agents) {
}
