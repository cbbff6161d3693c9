package tsunami.learn;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The centralised critic sees the global state and only it; the actors see their observations and only them. */
class CentralCriticTest {
    private static final int OBS = 6, ACTIONS = 5, STATE = 9, N = 16;
    private static final PolicyConfig CONFIG = PolicyConfig.defaults(OBS, ACTIONS).withHidden(16).withStateSize(STATE);

    private static float[] random(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) rnd.nextDouble(-1, 1);
        return x;
    }

    private static byte[] mask() {
        byte[] m = new byte[N * ACTIONS];
        for (int i = 0; i < N; i++) {
            m[i * ACTIONS] = 1;
            m[i * ACTIONS + 2] = 1;
            m[i * ACTIONS + 4] = (byte) (i % 2);
        }
        return m;
    }

    @Test
    void valuesFollowTheGlobalStateAndPoliciesTheObservationOnly() {
        PolicyNetwork net = new PolicyNetwork(CONFIG);
        net.setParams(PolicyNetwork.initialParams(CONFIG, 5));
        float[] obs = random(N * OBS, 1), otherObs = random(N * OBS, 2);
        float[] state = random(N * STATE, 3), otherState = random(N * STATE, 4);
        byte[] mask = mask();
        float[] p1 = new float[N * ACTIONS], p2 = new float[N * ACTIONS], p3 = new float[N * ACTIONS];
        float[] v1 = new float[N], v2 = new float[N], v3 = new float[N];
        net.forward(obs, mask, state, N, p1, v1, null);
        net.forward(obs, mask, otherState, N, p2, v2, null);     // another state, same observations
        net.forward(otherObs, mask, state, N, p3, v3, null);     // other observations, same state
        assertArrayEquals(p1, p2, "the actors do not see the global state");
        assertArrayEquals(v1, v3, "the critic does not see the agents' observations");
        assertTrue(!Arrays.equals(v1, v2), "the critic reads the global state");
        assertTrue(!Arrays.equals(p1, p3), "the actors read their observations");
        for (int i = 0; i < N; i++) {
            double sum = 0;
            for (int a = 0; a < ACTIONS; a++) {
                if (mask[i * ACTIONS + a] == 0) assertEquals(0f, p1[i * ACTIONS + a], "illegal action " + a + " of agent " + i);
                sum += p1[i * ACTIONS + a];
            }
            assertEquals(1.0, sum, 1e-5);
        }
        // probabilities alone need no state
        float[] p4 = new float[N * ACTIONS];
        net.forward(obs, mask, null, N, p4, null, null);
        assertArrayEquals(p1, p4);
        assertThrows(IllegalArgumentException.class, () -> net.forward(obs, mask, null, N, null, new float[N], null));
    }

    @Test
    void theValueLossTrainsOnlyTheCriticAndThePolicyLossOnlyTheActor() {
        PolicyNetwork net = new PolicyNetwork(CONFIG.withEntropyCoef(0));
        net.setParams(PolicyNetwork.initialParams(CONFIG, 5));
        float[] obs = random(N * OBS, 1), state = random(N * STATE, 3);
        byte[] mask = mask();
        int[] actions = new int[N];
        for (int i = 0; i < N; i++) actions[i] = i % 3 == 0 ? 2 : 0;
        float[] w = new float[N];
        Arrays.fill(w, 1f / N);
        float[] targets = random(N, 9), zero = new float[N];
        ParameterLayout layout = CONFIG.layout();
        // value loss only (advantages zero): gradient on the critic and the value head, none on the actor
        float[] grad = new float[net.numParams()];
        net.gradient(obs, mask, state, actions, zero, targets, w, null, 0, N, grad);
        for (String actor : new String[]{"w1", "b1", "w2", "b2", "wp", "bp"}) assertEquals(0.0, norm(grad, layout.block(actor)), actor);
        for (String critic : new String[]{"wc1", "wc2", "wv"}) assertTrue(norm(grad, layout.block(critic)) > 0, critic);
        // policy loss only (targets equal to the values): gradient on the actor, none on the critic
        float[] values = new float[N];
        net.forward(obs, mask, state, N, null, values, null);
        float[] adv = random(N, 11);
        net.gradient(obs, mask, state, actions, adv, values, w, null, 0, N, grad);
        for (String critic : new String[]{"wc1", "bc1", "wc2", "bc2", "wv", "bv"}) assertEquals(0.0, norm(grad, layout.block(critic)), 1e-6, critic);
        for (String actor : new String[]{"w1", "w2", "wp"}) assertTrue(norm(grad, layout.block(actor)) > 0, actor);
    }

    @Test
    void aLocalCriticNetworkHasNoCriticArraysAndCheckpointsKeepTheKind() {
        PolicyConfig local = PolicyConfig.defaults(OBS, ACTIONS).withHidden(16);
        assertEquals(local.numParams() + STATE * 16 + 16 + 16 * 16 + 16, CONFIG.numParams());
        assertTrue(!local.sameNetwork(CONFIG) && !CONFIG.sameNetwork(CONFIG.withValueNorm(true)));
        // the actor's arrays lie at the same offsets either way, so the actor reads either kind alike
        for (String actor : new String[]{"w1", "b1", "w2", "b2", "wp", "bp"}) {
            assertEquals(local.layout().block(actor), CONFIG.layout().block(actor));
        }
    }

    private static double norm(float[] g, ParameterLayout.Block b) {
        double s = 0;
        for (int i = b.offset(); i < b.offset() + b.size(); i++) s += g[i] * g[i];
        return Math.sqrt(s);
    }
}
