package tsunami.learn;

/**
 * Adam (Kingma & Ba 2015) over a flat parameter vector. Its whole state (both moment vectors and
 * the step count) is plain arrays so that checkpoints and parameter snapshots carry it exactly.
 */
public final class AdamOptimizer {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPS = 1e-8;

    private final double learningRate;
    private final float[] m;
    private final float[] v;
    private long step;

    public AdamOptimizer(double learningRate, int numParams) {
        this(learningRate, new float[numParams], new float[numParams], 0);
    }

    /** Resumes from saved state (the arrays are copied). */
    public AdamOptimizer(double learningRate, float[] m, float[] v, long step) {
        if (m.length != v.length) throw new IllegalArgumentException("Adam moments differ in length");
        this.learningRate = learningRate;
        this.m = m.clone();
        this.v = v.clone();
        this.step = step;
    }

    /** Applies one update to {@code params} in place. */
    public void apply(float[] params, float[] grad) {
        apply(params, grad, 1.0);
    }

    /** Applies one update with the learning rate scaled by {@code lrScale} (a schedule's factor). */
    public void apply(float[] params, float[] grad, double lrScale) {
        if (params.length != m.length || grad.length != m.length) {
            throw new IllegalArgumentException("Adam expects " + m.length + " values, got " + params.length + "/" + grad.length);
        }
        step++;
        double lrT = learningRate * lrScale * Math.sqrt(1 - Math.pow(BETA2, step)) / (1 - Math.pow(BETA1, step));
        for (int i = 0; i < params.length; i++) {
            float g = grad[i];
            m[i] = (float) (BETA1 * m[i] + (1 - BETA1) * g);
            v[i] = (float) (BETA2 * v[i] + (1 - BETA2) * g * g);
            params[i] -= (float) (lrT * m[i] / (Math.sqrt(v[i]) + EPS));
        }
    }

    public float[] m() {
        return m.clone();
    }

    public float[] v() {
        return v.clone();
    }

    public long step() {
        return step;
    }

    public double learningRate() {
        return learningRate;
    }
}
