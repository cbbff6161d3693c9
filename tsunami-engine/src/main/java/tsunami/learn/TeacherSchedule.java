package tsunami.learn;

/**
 * How strongly the learners distil a teacher's advice into the policy (kickstarting, Schmitt et
 * al. 2018, "Kickstarting Deep Reinforcement Learning"): a cross-entropy term
 * {@code weight × −log π(teacher's action)} beside the actor-critic loss, fading linearly to zero
 * over the first {@code frames} game frames learned, after which reinforcement alone goes on. The
 * teacher only advises: the policy acts, so the advice is given on the states the student visits.
 *
 * @param weight initial weight of the distillation term (0: no teacher)
 * @param frames game frames over which the weight fades to zero
 */
public record TeacherSchedule(double weight, long frames) {
    public static final TeacherSchedule NONE = new TeacherSchedule(0, 1);

    public TeacherSchedule {
        if (!(weight >= 0) || Double.isInfinite(weight) || frames <= 0) {
            throw new IllegalArgumentException("teacher weight must be finite and >= 0 and its frames positive: " + weight + ", " + frames);
        }
    }

    /** The distillation weight once {@code framesLearned} frames have been learned from. */
    public double weightAt(long framesLearned) {
        return weight * Math.max(0.0, 1.0 - (double) framesLearned / frames);
    }
}
