package tsunami.learn;

/**
 * How strongly the learners distil a teacher's advice into the policy (kickstarting, Schmitt et
 * al. 2018, "Kickstarting Deep Reinforcement Learning"): a cross-entropy term
 * {@code weight × −log π(teacher's action)} beside the actor-critic loss, whose weight moves
 * linearly from {@code weight} to {@code finalWeight} over the first {@code frames} game frames
 * learned and stays there. The teacher only advises: the policy acts, so the advice is given on
 * the states the student visits.
 *
 * <p>Why a final weight above zero: on m5v5 the policy distilled from hold-focus won 90% of its
 * training games, and once the weight reached zero reinforcement alone walked it down to 27–60%
 * within a few million frames. A lasting pull towards the teacher keeps the policy near it while
 * the advantage term improves on it, as AlphaStar kept a KL term towards its supervised policy
 * (Vinyals et al. 2019).
 *
 * @param weight      initial weight of the distillation term (0: no teacher)
 * @param finalWeight weight from {@code frames} on
 * @param frames      game frames over which the weight moves from the first to the final value
 */
public record TeacherSchedule(double weight, double finalWeight, long frames) {
    public static final TeacherSchedule NONE = new TeacherSchedule(0, 0, 1);
    /** Defaults of {@code monkey train --teacher}: on m5v5 the policy is near its teacher by 20 M frames. */
    public static final double DEFAULT_WEIGHT = 1.0, DEFAULT_FINAL_WEIGHT = 0.2;
    public static final long DEFAULT_FRAMES = 20_000_000;

    public TeacherSchedule {
        if (!(weight >= 0) || Double.isInfinite(weight) || !(finalWeight >= 0) || Double.isInfinite(finalWeight) || frames <= 0) {
            throw new IllegalArgumentException("teacher weights must be finite and >= 0 and its frames positive: "
                    + weight + ", " + finalWeight + ", " + frames);
        }
    }

    /** The distillation weight once {@code framesLearned} frames have been learned from. */
    public double weightAt(long framesLearned) {
        double progress = Math.min(1.0, (double) framesLearned / frames);
        return weight + (finalWeight - weight) * progress;
    }
}
