package tsunami.learn;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PolicyActorTest {
    @Test
    void givesTheNetworksProbabilitiesForEitherCriticKind() {
        for (int stateSize : new int[]{0, 7}) {
            PolicyConfig config = PolicyConfig.defaults(11, 6).withHidden(24).withStateSize(stateSize);
            int n = 20;
            SplittableRandom rnd = new SplittableRandom(stateSize);
            float[] params = PolicyNetwork.initialParams(config, 3);
            for (int i = 0; i < params.length; i++) params[i] += (float) rnd.nextDouble(-0.3, 0.3);   // biases too, and a non-flat head
            float[] obs = new float[n * 11];
            for (int i = 0; i < obs.length; i++) obs[i] = rnd.nextInt(3) == 0 ? 0f : (float) rnd.nextDouble(-1, 1);
            byte[] mask = new byte[n * 6];
            for (int i = 0; i < mask.length; i++) mask[i] = (byte) (rnd.nextInt(3) == 0 ? 0 : 1);
            for (int k = 0; k < 6; k++) mask[k] = 0;   // agent 0: nothing legal
            PolicyNetwork net = new PolicyNetwork(config);
            net.setParams(params);
            float[] expected = new float[n * 6], actual = new float[n * 6];
            net.forward(obs, mask, n, expected, null, null);
            new PolicyActor(config).probs(params, obs, mask, n, actual);
            for (int i = 6; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-5, "entry " + i + ", state size " + stateSize);
            assertEquals(1f, actual[0], "an agent with no legal action is given action 0");
        }
    }

    @Test
    void refusesParametersOfAnotherShape() {
        PolicyConfig config = PolicyConfig.defaults(4, 3).withHidden(8);
        assertThrows(IllegalArgumentException.class,
                () -> new PolicyActor(config).probs(new float[5], new float[4], new byte[]{1, 1, 1}, 1, new float[3]));
    }
}
