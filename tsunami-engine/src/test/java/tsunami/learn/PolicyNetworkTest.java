package tsunami.learn;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolicyNetworkTest {
    private static final int OBS = 6, ACTIONS = 5, N = 32;
    private static PolicyConfig config;
    private static float[] obs;

    @BeforeAll
    static void setUp() {
        config = PolicyConfig.defaults(OBS, ACTIONS).withHidden(16).withLearningRate(0.01).withEntropyCoef(0.0);
        SplittableRandom rnd = new SplittableRandom(3);
        obs = new float[N * OBS];
        for (int i = 0; i < obs.length; i++) obs[i] = (float) rnd.nextDouble(-1, 1);
    }

    private static byte[] maskAllowing(int... legal) {
        byte[] mask = new byte[N * ACTIONS];
        for (int i = 0; i < N; i++) for (int a : legal) mask[i * ACTIONS + a] = 1;
        return mask;
    }

    @Test
    void maskedSoftmaxGivesIllegalActionsZeroAndStaysFiniteWithHugeLogits() {
        PolicyNetwork net = new PolicyNetwork(config);
        float[] params = PolicyNetwork.initialParams(config, 7);
        for (int i = 0; i < params.length; i++) params[i] *= 200f;   // logits in the thousands
        net.setParams(params);
        byte[] mask = maskAllowing(1, 3);
        float[] probs = new float[N * ACTIONS], values = new float[N], logp = new float[N * ACTIONS];
        net.forward(obs, mask, N, probs, values, logp);
        for (int i = 0; i < N; i++) {
            double sum = 0;
            for (int a = 0; a < ACTIONS; a++) {
                float p = probs[i * ACTIONS + a];
                assertTrue(Float.isFinite(p) && Float.isFinite(logp[i * ACTIONS + a]), "finite at " + i + "," + a);
                if (a != 1 && a != 3) assertEquals(0f, p, "illegal action " + a + " of agent " + i);
                sum += p;
            }
            assertEquals(1.0, sum, 1e-5, "probabilities of agent " + i);
            assertTrue(Float.isFinite(values[i]));
        }
        // and the gradient through the mask is finite too
        float[] grad = new float[net.numParams()];
        int[] actions = new int[N];
        float[] ones = new float[N], w = new float[N];
        java.util.Arrays.fill(ones, 1f);
        java.util.Arrays.fill(w, 1f / N);
        for (int i = 0; i < N; i++) actions[i] = i % 2 == 0 ? 1 : 3;
        PolicyNetwork.LossStats stats = net.gradient(obs, mask, actions, ones, ones, w, null, 0, N, grad);
        for (float g : grad) assertTrue(Float.isFinite(g));
        assertTrue(Double.isFinite(stats.entropy()) && stats.entropy() >= -1e-6);
        double norm = 0;
        for (float g : grad) norm += g * g;
        assertTrue(Math.sqrt(norm) <= config.maxGradNorm() + 1e-3, "gradient clipped to the configured global norm");
    }

    @Test
    void uniformLegalActionsAtStartAndParamsRoundTrip() {
        PolicyNetwork net = new PolicyNetwork(config);
        float[] params = PolicyNetwork.initialParams(config, 11);
        net.setParams(params);
        assertArrayEquals(params, net.params());
        float[] probs = new float[N * ACTIONS];
        net.forward(obs, maskAllowing(0, 2, 4), N, probs, null, null);
        for (int i = 0; i < N; i++) assertEquals(1.0 / 3, probs[i * ACTIONS + 2], 0.02, "near-uniform start");
    }

    @Test
    void actionPriorSetsTheFreshPolicyWhateverTheObservation() {
        PolicyNetwork net = new PolicyNetwork(config);
        double[] prior = {0.7, 0.05, 0.05, 0.1, 0.1};
        net.setParams(PolicyNetwork.initialParams(config, 13, prior));
        float[] probs = new float[N * ACTIONS];
        net.forward(obs, maskAllowing(0, 1, 2, 3, 4), N, probs, null, null);
        for (int i = 0; i < N; i++) {
            for (int a = 0; a < ACTIONS; a++) assertEquals(prior[a], probs[i * ACTIONS + a], 0.02, "agent " + i + " action " + a);
        }
        // masking renormalises over the legal actions: 0.7 / (0.7 + 0.1)
        net.forward(obs, maskAllowing(0, 3), N, probs, null, null);
        assertEquals(0.875, probs[0], 0.02);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PolicyNetwork.initialParams(config, 13, new double[]{0.5, 0.5, 0, 0, 0}));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> PolicyNetwork.initialParams(config, 13, new double[]{0.5, 0.5}));
    }

    @Test
    void buildingTheNetworkPrintsNothingAndLeavesOtherThreadsOutputAlone() throws Exception {
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream capture = new java.io.PrintStream(captured, true);
        System.setOut(capture);
        try {
            new PolicyNetwork(config);
            assertTrue(System.out == capture, "standard output restored after the build");
            // a thread that is not building is never muted, even while a build runs
            Thread other = new Thread(() -> System.out.println("from another thread"));
            other.start();
            new PolicyNetwork(config);
            other.join(60_000);
        } finally {
            System.setOut(original);
        }
        String text = captured.toString();
        assertTrue(!text.contains("differentiated op"), "SameDiff's per-op lines are dropped: " + text);
        assertTrue(text.contains("from another thread"), "other threads' output passes: " + text);
    }

    @Test
    void gradientStepsRaiseAdvantagedActionAndFitValueTargets() {
        PolicyNetwork net = new PolicyNetwork(config);
        float[] params = PolicyNetwork.initialParams(config, 5);
        net.setParams(params);
        AdamOptimizer adam = new AdamOptimizer(config.learningRate(), params.length);
        byte[] mask = maskAllowing(0, 1, 2, 3, 4);
        int[] actions = new int[N];
        float[] adv = new float[N], vs = new float[N], w = new float[N];
        for (int i = 0; i < N; i++) {
            actions[i] = i % ACTIONS;
            adv[i] = actions[i] == 2 ? 1f : -0.25f;   // action 2 is the good one
            vs[i] = 1.5f;
            w[i] = 1f / N;
        }
        float[] grad = new float[params.length];
        for (int step = 0; step < 150; step++) {
            net.gradient(obs, mask, actions, adv, vs, w, null, 0, N, grad);
            adam.apply(params, grad);
            net.setParams(params);
        }
        float[] probs = new float[N * ACTIONS], values = new float[N];
        net.forward(obs, mask, N, probs, values, null);
        for (int i = 0; i < N; i++) {
            assertTrue(probs[i * ACTIONS + 2] > 0.8, "agent " + i + " prefers the advantaged action: " + probs[i * ACTIONS + 2]);
        }
        // with no advantage left, only the value loss moves the parameters: values fit their targets
        java.util.Arrays.fill(adv, 0f);
        // A fresh optimiser with a small step: the policy phase leaves large trunk weights, on which
        // Adam's per-parameter steps of 0.01 made the value oscillate (error 12 -> 1,000s) on some CPUs.
        double errBefore = squaredError(values, 1.5f);
        AdamOptimizer valueAdam = new AdamOptimizer(0.0002, params.length);
        for (int step = 0; step < 150; step++) {
            net.gradient(obs, mask, actions, adv, vs, w, null, 0, N, grad);
            valueAdam.apply(params, grad);
            net.setParams(params);
        }
        net.forward(obs, mask, N, probs, values, null);
        double errAfter = squaredError(values, 1.5f);
        assertTrue(errAfter < 0.25 * errBefore, "value error " + errBefore + " -> " + errAfter);
        assertEquals(150, adam.step());
        assertEquals(150, valueAdam.step());
    }

    @Test
    void teacherAdviceIsDistilledWhereGivenAndIgnoredWhereNot() {
        PolicyNetwork net = new PolicyNetwork(config);
        float[] params = PolicyNetwork.initialParams(config, 9);
        net.setParams(params);
        AdamOptimizer adam = new AdamOptimizer(config.learningRate(), params.length);
        byte[] mask = maskAllowing(0, 1, 2, 3, 4);
        int[] actions = new int[N], advice = new int[N];
        float[] zero = new float[N], w = new float[N];
        for (int i = 0; i < N; i++) {
            actions[i] = i % ACTIONS;                        // what was done: no advantage, so no policy gradient
            advice[i] = i < N / 2 ? 4 : tsunami.env.StepBatch.NO_ADVICE;   // the teacher speaks for half the samples
            w[i] = 1f / N;
        }
        float[] before = new float[N * ACTIONS];
        net.forward(obs, mask, N, before, null, null);
        float[] grad = new float[params.length];
        PolicyNetwork.LossStats first = null, last = null;
        for (int step = 0; step < 120; step++) {
            last = net.gradient(obs, mask, actions, zero, zero, w, advice, 1.0, N, grad);
            if (first == null) first = last;
            adam.apply(params, grad);
            net.setParams(params);
        }
        assertTrue(last.teacherLoss() < 0.2 * first.teacherLoss(), "cross-entropy to the advice falls: " + first + " -> " + last);
        float[] probs = new float[N * ACTIONS];
        net.forward(obs, mask, N, probs, null, null);
        for (int i = 0; i < N / 2; i++) assertTrue(probs[i * ACTIONS + 4] > 0.8, "advised agent " + i + " follows: " + probs[i * ACTIONS + 4]);
        // with weight 0 the advice has no effect at all
        net.setParams(PolicyNetwork.initialParams(config, 9));
        float[] g0 = new float[params.length], g1 = new float[params.length];
        net.gradient(obs, mask, actions, zero, zero, w, advice, 0.0, N, g0);
        net.gradient(obs, mask, actions, zero, zero, w, null, 0.0, N, g1);
        assertArrayEquals(g1, g0);
        // and samples without advice add nothing, whatever the weight
        int[] silent = new int[N];
        java.util.Arrays.fill(silent, tsunami.env.StepBatch.NO_ADVICE);
        net.gradient(obs, mask, actions, zero, zero, w, silent, 1.0, N, g0);
        assertArrayEquals(g1, g0);
    }

    private static double squaredError(float[] values, float target) {
        double e = 0;
        for (float v : values) e += (v - target) * (v - target);
        return e;
    }
}
