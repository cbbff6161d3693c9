package tsunami.learn;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * PPO's clipped surrogate against hand-computed values: with clip 0.2 and ratio r = pi/mu,
 * the loss is -min(r A, clip(r, 0.8, 1.2) A), and where the clipped term is the smaller one the
 * policy gets no gradient.
 */
class PpoClipTest {
    private static final int OBS = 3, ACTIONS = 4;
    private static final PolicyConfig CONFIG = PolicyConfig.defaults(OBS, ACTIONS).withHidden(8).withEntropyCoef(0).withPpoClip(0.2);
    private static final float[] OBSERVATION = {0.3f, -0.5f, 0.9f};
    private static final int ACTION = 2;

    /**
     * Policy loss and gradient norm for a sample whose acting policy had pi(a)/ratio, value loss
     * zero. The sample is given twice with weight 1/2 each: ND4J M2.1 crashes reducing a batch of one.
     */
    private static PolicyNetwork.LossStats loss(PolicyNetwork net, double ratio, float advantage) {
        float[] obs = new float[2 * OBS];
        System.arraycopy(OBSERVATION, 0, obs, 0, OBS);
        System.arraycopy(OBSERVATION, 0, obs, OBS, OBS);
        byte[] mask = new byte[2 * ACTIONS];
        java.util.Arrays.fill(mask, (byte) 1);
        float[] logp = new float[2 * ACTIONS], value = new float[2];
        net.forward(obs, mask, 2, null, value, logp);
        float b = (float) (logp[ACTION] - Math.log(ratio));
        float[] grad = new float[net.numParams()];
        // value target = the value itself: the value loss adds nothing, so the gradient is the policy term's
        return net.gradient(obs, mask, null, new int[]{ACTION, ACTION}, new float[]{b, b}, new float[]{advantage, advantage}, value,
                new float[]{0.5f, 0.5f}, null, 0, 2, grad);
    }

    @Test
    void clippedSurrogateMatchesHandComputedValues() {
        PolicyNetwork net = new PolicyNetwork(CONFIG);
        net.setParams(PolicyNetwork.initialParams(CONFIG, 4));
        // r = 1.5, A = +1: min(1.5, 1.2) = 1.2, clipped: no gradient
        PolicyNetwork.LossStats up = loss(net, 1.5, 1f);
        assertEquals(-1.2, up.policyLoss(), 1e-4);
        assertEquals(0, up.gradNorm(), 1e-6);
        // r = 0.5, A = +1: min(0.5, 0.8) = 0.5, unclipped: the ratio's gradient
        PolicyNetwork.LossStats low = loss(net, 0.5, 1f);
        assertEquals(-0.5, low.policyLoss(), 1e-4);
        assertTrue(low.gradNorm() > 1e-4, "an unclipped sample moves the policy: " + low);
        // r = 1.5, A = -1: min(-1.5, -1.2) = -1.5, unclipped
        PolicyNetwork.LossStats bad = loss(net, 1.5, -1f);
        assertEquals(1.5, bad.policyLoss(), 1e-4);
        assertTrue(bad.gradNorm() > 1e-4);
        // r = 0.5, A = -1: min(-0.5, -0.8) = -0.8, clipped
        PolicyNetwork.LossStats gone = loss(net, 0.5, -1f);
        assertEquals(0.8, gone.policyLoss(), 1e-4);
        assertEquals(0, gone.gradNorm(), 1e-6);
        // r = 1 (on-policy): the plain policy gradient's loss -A, and its gradient is A times that of log pi
        assertEquals(-2.0, loss(net, 1.0, 2f).policyLoss(), 1e-4);
    }

    @Test
    void ppoNeedsTheActingPolicysProbabilitiesAndAClipBelowOne() {
        PolicyNetwork net = new PolicyNetwork(CONFIG);
        net.setParams(PolicyNetwork.initialParams(CONFIG, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> net.gradient(OBSERVATION, new byte[]{1, 1, 1, 1},
                new int[]{ACTION}, new float[]{1f}, new float[]{0f}, new float[]{1f}, null, 0, 1, new float[net.numParams()]));
        assertTrue(e.getMessage().contains("acting policy"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CONFIG.withPpoClip(1.0));
        assertThrows(IllegalArgumentException.class, () -> CONFIG.withPpoClip(-0.1));
    }
}
