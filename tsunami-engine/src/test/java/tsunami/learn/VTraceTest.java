package tsunami.learn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class VTraceTest {
    private static final float EPS = 1e-5f;

    /**
     * Sequence 1 is worked by hand (rho_bar = c_bar = 1): ratios pi/mu = 0.5, 2, 2 give
     * rho = c = 0.5, 1, 1; rewards 1, 0, 2; gamma 0.9; V = 0.5, 1, 2; V(x_3) = 3.
     * t=2: delta = 2 + 2.7 - 2 = 2.7, v = 4.7, A = 2.7
     * t=1: delta = 0 + 1.8 - 1 = 0.8, v - V = 0.8 + 0.9*2.7 = 3.23, v = 4.23, A = 0.9*4.7 - 1 = 3.23
     * t=0: delta = 0.5*(1 + 0.9 - 0.5) = 0.7, v - V = 0.7 + 0.9*0.5*3.23 = 2.1535, v = 2.6535,
     *      A = 0.5*(1 + 0.9*4.23 - 0.5) = 2.1535
     * Sequence 0 is on-policy and ends at t=1 (gamma 0), so its bootstrap must be ignored:
     * v_1 = 1, v_0 = 1 + 0.5*1 = 1.5.
     */
    @Test
    void matchesHandComputedExampleAndCutsAtSequenceEnds() {
        int steps = 3, n = 2;
        float l5 = (float) Math.log(0.5), l25 = (float) Math.log(0.25);
        // time-major: [t0 s0, t0 s1, t1 s0, t1 s1, t2 s0, t2 s1]
        float[] mu = {l5, l5, l5, l5, l5, l25};
        float[] pi = {l5, l25, l5, 0f, l5, l5};
        float[] r = {1, 1, 1, 0, 7, 2};
        float[] gamma = {0.5f, 0.9f, 0f, 0.9f, 0.9f, 0.9f};
        float[] v = {0, 0.5f, 0, 1, 5, 2};
        float[] boot = {100, 3};
        VTrace.Result res = VTrace.compute(steps, n, mu, pi, r, gamma, v, boot, 1.0, 1.0);
        // sequence 0, t=2 starts a new episode: v = 7 + 0.9*100 = 97
        assertArrayEquals(new float[]{1.5f, 2.6535f, 1f, 4.23f, 97f, 4.7f}, res.vs(), 1e-4f);
        assertArrayEquals(new float[]{1.5f, 2.1535f, 1f, 3.23f, 92f, 2.7f}, res.advantages(), 1e-4f);
    }

    @Test
    void onPolicyEqualsDiscountedReturnBootstrappedFromLastValue() {
        int steps = 4;
        float[] lp = new float[steps];
        float[] r = {1, 2, 3, 4};
        float[] gamma = {0.9f, 0.9f, 0.9f, 0.9f};
        float[] v = {10, -3, 0.25f, 7};
        VTrace.Result res = VTrace.compute(steps, 1, lp, lp, r, gamma, v, new float[]{2}, 1.0, 1.0);
        double g = 2;
        for (int t = steps - 1; t >= 0; t--) {
            g = r[t] + 0.9 * g;
            assertEquals(g, res.vs()[t], 1e-4, "v_" + t);
            assertEquals(g - v[t], res.advantages()[t], 1e-4, "A_" + t);
        }
    }

    @Test
    void clipsImportanceWeightsAtRhoBarAndCBar() {
        // ratio 4 at both steps: with rho_bar = 2, c_bar = 0.5 the trace is cut to half.
        float[] mu = {(float) Math.log(0.2), (float) Math.log(0.2)};
        float[] pi = {(float) Math.log(0.8), (float) Math.log(0.8)};
        float[] r = {1, 1};
        float[] gamma = {1, 1};
        float[] v = {0, 0};
        VTrace.Result res = VTrace.compute(2, 1, mu, pi, r, gamma, v, new float[]{0}, 2.0, 0.5);
        // t=1: delta = 2*(1) = 2, v1 = 2; t=0: delta = 2, v0 = 2 + 1*0.5*2 = 3; A0 = 2*(1 + 2) = 6
        assertEquals(2f, res.vs()[1], EPS);
        assertEquals(3f, res.vs()[0], EPS);
        assertEquals(6f, res.advantages()[0], EPS);
        assertEquals(2f, res.advantages()[1], EPS);
    }
}
