package tsunami.learn;

/** Action probabilities [agents × numActions] and the parameter version that computed them. */
public record ActReply(float[] probs, long policyVersion) {
}
