package tsunami.learn;

/**
 * The actor half of {@link PolicyNetwork} (two ReLU layers and the masked softmax policy head)
 * evaluated in plain Java, for playing a trained policy inside an environment step: a policy
 * opponent acts a few units at a time in every game, where a native network call per game would
 * cost more than the game itself. It computes the same probabilities as the network (tested),
 * allocates nothing per call and holds no parameters, so one instance serves any parameter vector
 * of its configuration's layout; it is not thread-safe (scratch arrays).
 */
public final class PolicyActor {
    private final PolicyConfig config;
    private final int w1, b1, w2, b2, wp, bp;
    private final float[] h1, h2;

    public PolicyActor(PolicyConfig config) {
        if (config.entityNetwork()) throw new IllegalArgumentException("PolicyActor evaluates the MLP only, not the entity network");
        this.config = config;
        ParameterLayout l = config.layout();
        w1 = l.block(ParameterLayout.HIDDEN1).offset();
        b1 = l.biasOf(ParameterLayout.HIDDEN1).offset();
        w2 = l.block(ParameterLayout.HIDDEN2).offset();
        b2 = l.biasOf(ParameterLayout.HIDDEN2).offset();
        wp = l.block(ParameterLayout.POLICY).offset();
        bp = l.biasOf(ParameterLayout.POLICY).offset();
        h1 = new float[config.hidden()];
        h2 = new float[config.hidden()];
    }

    public PolicyConfig config() {
        return config;
    }

    /**
     * Action probabilities of {@code n} agents into {@code probsOut[n × numActions]}: illegal
     * actions (mask 0) get exactly 0; an agent with no legal action gets all of it on action 0.
     */
    public void probs(float[] params, float[] obs, byte[] mask, int n, float[] probsOut) {
        if (params.length != config.numParams()) {
            throw new IllegalArgumentException("expected " + config.numParams() + " parameters, got " + params.length);
        }
        int o = config.observationSize(), h = config.hidden(), a = config.numActions();
        for (int i = 0; i < n; i++) {
            dense(params, obs, i * o, o, w1, b1, h, h1);
            dense(params, h1, 0, h, w2, b2, h, h2);
            int out = i * a;
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < a; k++) {
                if (mask[out + k] == 0) continue;
                double z = params[bp + k];
                for (int j = 0; j < h; j++) z += h2[j] * params[wp + j * a + k];
                probsOut[out + k] = (float) z;
                max = Math.max(max, z);
            }
            if (max == Double.NEGATIVE_INFINITY) {
                java.util.Arrays.fill(probsOut, out, out + a, 0f);
                probsOut[out] = 1f;
                continue;
            }
            double sum = 0;
            for (int k = 0; k < a; k++) {
                double e = mask[out + k] == 0 ? 0 : Math.exp(probsOut[out + k] - max);
                probsOut[out + k] = (float) e;
                sum += e;
            }
            for (int k = 0; k < a; k++) probsOut[out + k] = (float) (probsOut[out + k] / sum);
        }
    }

    /** relu(x · W + b) for row-major W of fanIn × fanOut (the layout's order). */
    private static void dense(float[] p, float[] x, int xAt, int fanIn, int w, int b, int fanOut, float[] y) {
        for (int j = 0; j < fanOut; j++) y[j] = p[b + j];
        for (int i = 0; i < fanIn; i++) {
            float xi = x[xAt + i];
            if (xi == 0f) continue;   // observations are mostly zeros (empty slots, one-hots)
            int row = w + i * fanOut;
            for (int j = 0; j < fanOut; j++) y[j] += xi * p[row + j];
        }
        for (int j = 0; j < fanOut; j++) if (y[j] < 0) y[j] = 0;
    }
}
