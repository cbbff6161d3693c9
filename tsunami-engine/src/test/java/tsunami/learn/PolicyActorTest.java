package tsunami.learn;

import org.junit.jupiter.api.Test;
import tsunami.env.EntityLayout;

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

    /** The entity network, with and without ally slots, some slots empty: the same probabilities as the graph. */
    @Test
    void givesTheEntityNetworksProbabilities() {
        for (EntityLayout units : new EntityLayout[]{new EntityLayout(5, 3, 4, 4, 6, 0, 3), new EntityLayout(5, 0, 4, 2, 6, 0, 3)}) {
            PolicyConfig config = PolicyConfig.defaults(units.observationSize(), units.numActions()).withHidden(12).withEntities(units);
            int n = 9, o = units.observationSize(), a = units.numActions();
            SplittableRandom rnd = new SplittableRandom(units.allySlots());
            float[] params = PolicyNetwork.initialParams(config, 4);
            for (int i = 0; i < params.length; i++) params[i] += (float) rnd.nextDouble(-0.3, 0.3);
            float[] obs = new float[n * o];
            byte[] mask = new byte[n * a];
            for (int i = 0; i < n; i++) {
                for (int f = 0; f < units.selfSize(); f++) obs[i * o + f] = (float) rnd.nextDouble(-1, 1);
                for (int k = 0; k < units.allySlots(); k++) unit(obs, i * o + units.allyOffset(k), units.allySize(), rnd);
                for (int k = 0; k < units.enemySlots(); k++) unit(obs, i * o + units.enemyOffset(k), units.enemySize(), rnd);
                for (int k = 0; k < a; k++) mask[i * a + k] = (byte) (k < units.firstTargetAction()
                        ? rnd.nextInt(4) == 0 ? 0 : 1 : obs[i * o + units.enemyOffset(k - units.firstTargetAction())] != 0 ? 1 : 0);
            }
            PolicyNetwork net = new PolicyNetwork(config);
            net.setParams(params);
            float[] expected = new float[n * a], actual = new float[n * a];
            net.forward(obs, mask, n, expected, null, null);
            new PolicyActor(config).probs(params, obs, mask, n, actual);
            for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual[i], 1e-5, "entry " + i + " of " + units);
        }
    }

    /** A unit block: present (flag 1, random features) two times in three, else empty (zeros). */
    private static void unit(float[] obs, int at, int size, SplittableRandom rnd) {
        if (rnd.nextInt(3) == 0) return;
        obs[at] = 1f;
        for (int f = 1; f < size; f++) obs[at + f] = (float) rnd.nextDouble(-1, 1);
    }

    @Test
    void anEntityNetworkReadsOtherSlotCountsWithTheSameParameters() {
        EntityLayout trained = new EntityLayout(5, 4, 4, 5, 6, 0, 3), otherSide = new EntityLayout(5, 2, 4, 7, 6, 0, 3);
        PolicyConfig config = PolicyConfig.defaults(trained.observationSize(), trained.numActions()).withHidden(8).withEntities(trained);
        PolicyConfig reading = config.readingUnits(otherSide);
        assertEquals(otherSide.observationSize(), reading.observationSize());
        assertEquals(otherSide.numActions(), reading.numActions());
        assertEquals(config.numParams(), reading.numParams());
        assertThrows(IllegalArgumentException.class, () -> config.readingUnits(new EntityLayout(5, 4, 4, 5, 7, 0, 3)), "other enemy blocks");
        assertThrows(IllegalArgumentException.class, () -> PolicyConfig.defaults(4, 3).readingUnits(otherSide), "not an entity network");
    }

    @Test
    void refusesParametersOfAnotherShape() {
        PolicyConfig config = PolicyConfig.defaults(4, 3).withHidden(8);
        assertThrows(IllegalArgumentException.class,
                () -> new PolicyActor(config).probs(new float[5], new float[4], new byte[]{1, 1, 1}, 1, new float[3]));
    }
}
