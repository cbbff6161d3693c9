package tsunami.learn;

import tsunami.env.EntityLayout;

/**
 * The actor half of {@link PolicyNetwork} evaluated in plain Java, for playing a trained policy
 * inside an environment step: a policy opponent acts a few units at a time in every game, where a
 * native network call per game would cost more than the game itself. Either actor kind: the MLP
 * (two ReLU layers and the policy head) or the entity network (per-unit embeddings pooled over
 * allies and enemies, targets scored against each enemy's embedding), then the masked softmax.
 * It computes the same probabilities as the network (tested), allocates nothing per call and
 * holds no parameters, so one instance serves any parameter vector of its configuration's layout;
 * it is not thread-safe (scratch arrays).
 */
public final class PolicyActor {
    private final PolicyConfig config;
    private final int w1, b1, w2, b2, wp, bp;
    private final float[] h1, h2;
    // the entity network's arrays (unused by the MLP)
    private final int es, bes, ea, bea, ee, bee, wq, bq, bt;
    private final float[] joined, query, enemyEmbeddings;

    public PolicyActor(PolicyConfig config) {
        this.config = config;
        ParameterLayout l = config.layout();
        int h = config.hidden();
        boolean entity = config.entityNetwork();
        w1 = entity ? -1 : l.block(ParameterLayout.HIDDEN1).offset();
        b1 = entity ? -1 : l.biasOf(ParameterLayout.HIDDEN1).offset();
        w2 = l.block(ParameterLayout.HIDDEN2).offset();
        b2 = l.biasOf(ParameterLayout.HIDDEN2).offset();
        wp = l.block(ParameterLayout.POLICY).offset();
        bp = l.biasOf(ParameterLayout.POLICY).offset();
        h1 = new float[h];
        h2 = new float[h];
        es = entity ? l.block(ParameterLayout.SELF_EMBED).offset() : -1;
        bes = entity ? l.biasOf(ParameterLayout.SELF_EMBED).offset() : -1;
        ea = entity ? l.block(ParameterLayout.ALLY_EMBED).offset() : -1;
        bea = entity ? l.biasOf(ParameterLayout.ALLY_EMBED).offset() : -1;
        ee = entity ? l.block(ParameterLayout.ENEMY_EMBED).offset() : -1;
        bee = entity ? l.biasOf(ParameterLayout.ENEMY_EMBED).offset() : -1;
        wq = entity ? l.block(ParameterLayout.QUERY).offset() : -1;
        bq = entity ? l.biasOf(ParameterLayout.QUERY).offset() : -1;
        bt = entity ? l.block(ParameterLayout.TARGET_BIAS).offset() : -1;
        joined = new float[entity ? 3 * h : 0];
        query = new float[entity ? h : 0];
        enemyEmbeddings = new float[entity ? config.entities().enemySlots() * h : 0];
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
        int a = config.numActions();
        for (int i = 0; i < n; i++) {
            if (config.entityNetwork()) entityLogits(params, obs, i * config.observationSize(), probsOut, i * a);
            else mlpLogits(params, obs, i * config.observationSize(), probsOut, i * a);
            softmax(mask, probsOut, i * a, a);
        }
    }

    private void mlpLogits(float[] p, float[] obs, int at, float[] out, int outAt) {
        int o = config.observationSize(), h = config.hidden(), a = config.numActions();
        dense(p, obs, at, o, w1, b1, h, h1, true);
        dense(p, h1, 0, h, w2, b2, h, h2, true);
        dense(p, h2, 0, h, wp, bp, a, out, outAt, false);
    }

    /** PolicyNetwork's entity actor: see its {@code entityActor} for the why of each step. */
    private void entityLogits(float[] p, float[] obs, int at, float[] out, int outAt) {
        EntityLayout e = config.entities();
        int h = config.hidden();
        dense(p, obs, at, e.selfSize(), es, bes, h, joined, 0, true);
        pool(p, obs, at + e.allyOffset(0), e.allySlots(), e.allySize(), e.presentIndex(), ea, bea, h, null, h);
        pool(p, obs, at + e.enemyOffset(0), e.enemySlots(), e.enemySize(), e.presentIndex(), ee, bee, h, enemyEmbeddings, 2 * h);
        dense(p, joined, 0, 3 * h, w2, b2, h, h2, true);
        int before = e.firstTargetAction();
        dense(p, h2, 0, h, wp, bp, before, out, outAt, false);
        dense(p, h2, 0, h, wq, bq, h, query, 0, false);
        float scale = (float) (1.0 / Math.sqrt(h));
        for (int k = 0; k < e.enemySlots(); k++) {
            float z = 0;
            for (int j = 0; j < h; j++) z += enemyEmbeddings[k * h + j] * query[j];
            out[outAt + before + k] = z * scale + p[bt];
        }
    }

    /**
     * The mean embedding of the {@code slots} unit blocks present into {@code joined[into..]}
     * (zeros when none is); each slot's embedding also into {@code keep} when given.
     */
    private void pool(float[] p, float[] obs, int at, int slots, int size, int presentIndex, int w, int b, int h, float[] keep, int into) {
        java.util.Arrays.fill(joined, into, into + h, 0f);
        float count = 0;
        for (int k = 0; k < slots; k++) {
            int block = at + k * size;
            dense(p, obs, block, size, w, b, h, h1, true);
            if (keep != null) System.arraycopy(h1, 0, keep, k * h, h);
            float present = obs[block + presentIndex];
            count += present;
            if (present != 0f) for (int j = 0; j < h; j++) joined[into + j] += h1[j] * present;
        }
        float divisor = Math.max(count, 1f);
        for (int j = 0; j < h; j++) joined[into + j] /= divisor;
    }

    /** Masked softmax of the logits in {@code v[at..at+a)}, in place. */
    private static void softmax(byte[] mask, float[] v, int at, int a) {
        double max = Double.NEGATIVE_INFINITY;
        for (int k = 0; k < a; k++) if (mask[at + k] != 0) max = Math.max(max, v[at + k]);
        if (max == Double.NEGATIVE_INFINITY) {
            java.util.Arrays.fill(v, at, at + a, 0f);
            v[at] = 1f;
            return;
        }
        double sum = 0;
        for (int k = 0; k < a; k++) {
            double e = mask[at + k] == 0 ? 0 : Math.exp(v[at + k] - max);
            v[at + k] = (float) e;
            sum += e;
        }
        for (int k = 0; k < a; k++) v[at + k] = (float) (v[at + k] / sum);
    }

    private static void dense(float[] p, float[] x, int xAt, int fanIn, int w, int b, int fanOut, float[] y, boolean relu) {
        dense(p, x, xAt, fanIn, w, b, fanOut, y, 0, relu);
    }

    /** {@code x · W + b} (ReLU'd when asked) into {@code y[yAt..]}, for row-major W of fanIn × fanOut (the layout's order). */
    private static void dense(float[] p, float[] x, int xAt, int fanIn, int w, int b, int fanOut, float[] y, int yAt, boolean relu) {
        for (int j = 0; j < fanOut; j++) y[yAt + j] = p[b + j];
        for (int i = 0; i < fanIn; i++) {
            float xi = x[xAt + i];
            if (xi == 0f) continue;   // observations are mostly zeros (empty slots, one-hots)
            int row = w + i * fanOut;
            for (int j = 0; j < fanOut; j++) y[yAt + j] += xi * p[row + j];
        }
        if (relu) for (int j = 0; j < fanOut; j++) if (y[yAt + j] < 0) y[yAt + j] = 0;
    }
}
