package tsunami.learn;

import java.util.Locale;
import java.util.Map;

/**
 * Running statistics of the V-trace targets, so that the value head can learn targets scaled to
 * zero mean and unit deviation whatever the reward scale (value normalisation as in MAPPO, Yu et
 * al. 2022: exponential moving averages of the first two moments, debiased like Adam's). The
 * network's value output is in normalised units; learners turn it back into returns with
 * {@link #denormalise} before V-trace and normalise the targets with the updated statistics.
 *
 * <p>One instance belongs to a training run, not to a learner, so a restarted learner and all
 * learners of a run share the same scale; checkpoints carry it ({@link #toMetadata}).
 */
public final class ValueNormalizer {
    /** Weight of the past in the moving averages, per learner batch (time constant about 1,000 batches). */
    static final double DECAY = 0.999;
    /** Smallest variance used, so that near-constant targets are not blown up. */
    static final double MIN_VARIANCE = 1e-2;
    static final String MEAN_KEY = "value_norm_mean", SQUARE_KEY = "value_norm_square", WEIGHT_KEY = "value_norm_weight";

    private double mean, square, weight;

    /** Mean and deviation to scale by: identity (0, 1) before any update. */
    public record Scale(double mean, double std) {
        public float normalise(double v) {
            return (float) ((v - mean) / std);
        }

        public float denormalise(double v) {
            return (float) (v * std + mean);
        }
    }

    public synchronized Scale scale() {
        if (weight == 0) return new Scale(0, 1);
        double m = mean / weight;
        double var = Math.max(MIN_VARIANCE, square / weight - m * m);
        return new Scale(m, Math.sqrt(var));
    }

    /** Folds the first {@code n} targets of one batch into the statistics and returns the new scale. */
    public synchronized Scale update(float[] targets, int n) {
        if (n == 0) return scale();
        double s = 0, sq = 0;
        for (int i = 0; i < n; i++) {
            s += targets[i];
            sq += (double) targets[i] * targets[i];
        }
        mean = DECAY * mean + (1 - DECAY) * (s / n);
        square = DECAY * square + (1 - DECAY) * (sq / n);
        weight = DECAY * weight + (1 - DECAY);
        return scale();
    }

    /** The statistics as checkpoint metadata entries. */
    public synchronized Map<String, String> toMetadata() {
        return Map.of(MEAN_KEY, Double.toString(mean), SQUARE_KEY, Double.toString(square), WEIGHT_KEY, Double.toString(weight));
    }

    /** Statistics saved by {@link #toMetadata}; fresh ones when the metadata holds none (a run saved without them). */
    public static ValueNormalizer fromMetadata(Map<String, String> metadata) {
        ValueNormalizer v = new ValueNormalizer();
        String m = metadata.get(MEAN_KEY), sq = metadata.get(SQUARE_KEY), w = metadata.get(WEIGHT_KEY);
        if (m == null || sq == null || w == null) return v;
        try {
            v.mean = Double.parseDouble(m);
            v.square = Double.parseDouble(sq);
            v.weight = Double.parseDouble(w);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("checkpoint metadata: value normalisation statistics are not numbers: " + m + ", " + sq + ", " + w);
        }
        if (!(v.weight >= 0 && v.weight <= 1) || !Double.isFinite(v.mean) || !(v.square >= 0)) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "checkpoint metadata: implausible value normalisation statistics %s, %s, %s", m, sq, w));
        }
        return v;
    }
}
