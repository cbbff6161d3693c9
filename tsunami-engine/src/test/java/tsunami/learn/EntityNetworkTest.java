package tsunami.learn;

import org.junit.jupiter.api.Test;
import tsunami.env.EntityLayout;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The entity network: units as a set, targets as entities, masks as the MLP's. */
class EntityNetworkTest {
    // self 3 floats, 3 ally slots of 4, 4 enemy slots of 5 (present flag first); 2 actions before the targets
    private static final EntityLayout LAYOUT = new EntityLayout(3, 3, 4, 4, 5, 0, 2);
    private static final int OBS = LAYOUT.observationSize(), ACTIONS = LAYOUT.numActions(), N = 6;
    private static final PolicyConfig CONFIG = PolicyConfig.defaults(OBS, ACTIONS).withHidden(16).withEntities(LAYOUT);

    /** Random observations: ally slot 2 and enemy slot 3 empty in every other agent; mask allows what is present. */
    private static float[] observations(byte[] maskOut) {
        SplittableRandom rnd = new SplittableRandom(5);
        float[] obs = new float[N * OBS];
        for (int i = 0; i < N; i++) {
            int o = i * OBS;
            for (int f = 0; f < LAYOUT.selfSize(); f++) obs[o + f] = (float) rnd.nextDouble(-1, 1);
            for (int k = 0; k < LAYOUT.allySlots(); k++) fill(obs, o + LAYOUT.allyOffset(k), LAYOUT.allySize(), i % 2 == 1 && k == 2, rnd);
            for (int k = 0; k < LAYOUT.enemySlots(); k++) fill(obs, o + LAYOUT.enemyOffset(k), LAYOUT.enemySize(), i % 2 == 1 && k == 3, rnd);
            maskOut[i * ACTIONS] = 1;
            maskOut[i * ACTIONS + 1] = 1;
            for (int k = 0; k < LAYOUT.enemySlots(); k++) maskOut[i * ACTIONS + 2 + k] = (byte) (obs[o + LAYOUT.enemyOffset(k)] != 0 ? 1 : 0);
        }
        return obs;
    }

    private static void fill(float[] obs, int at, int size, boolean empty, SplittableRandom rnd) {
        if (empty) return;
        obs[at] = 1f;
        for (int f = 1; f < size; f++) obs[at + f] = (float) rnd.nextDouble(-1, 1);
    }

    /** Trained-looking parameters: fresh ones with the heads scaled up so that targets are told apart. */
    private static float[] params() {
        float[] p = PolicyNetwork.initialParams(CONFIG, 9);
        ParameterLayout layout = CONFIG.layout();
        for (String head : new String[]{ParameterLayout.POLICY, ParameterLayout.QUERY}) {
            ParameterLayout.Block b = layout.block(head);
            for (int i = b.offset(); i < b.offset() + b.size(); i++) p[i] *= 100f;
        }
        return p;
    }

    @Test
    void reorderingAlliesAndEnemiesPermutesTargetsAndChangesNothingElse() {
        PolicyNetwork net = new PolicyNetwork(CONFIG);
        net.setParams(params());
        byte[] mask = new byte[N * ACTIONS];
        float[] obs = observations(mask);
        float[] probs = new float[N * ACTIONS], values = new float[N];
        net.forward(obs, mask, N, probs, values, null);

        int[] allyOrder = {2, 0, 1}, enemyOrder = {3, 1, 0, 2};   // new slot s holds old slot order[s]
        float[] permuted = obs.clone();
        byte[] permutedMask = mask.clone();
        for (int i = 0; i < N; i++) {
            int o = i * OBS;
            for (int s = 0; s < allyOrder.length; s++) {
                System.arraycopy(obs, o + LAYOUT.allyOffset(allyOrder[s]), permuted, o + LAYOUT.allyOffset(s), LAYOUT.allySize());
            }
            for (int s = 0; s < enemyOrder.length; s++) {
                System.arraycopy(obs, o + LAYOUT.enemyOffset(enemyOrder[s]), permuted, o + LAYOUT.enemyOffset(s), LAYOUT.enemySize());
                permutedMask[i * ACTIONS + 2 + s] = mask[i * ACTIONS + 2 + enemyOrder[s]];
            }
        }
        float[] probs2 = new float[N * ACTIONS], values2 = new float[N];
        net.forward(permuted, permutedMask, N, probs2, values2, null);
        boolean targetsDiffer = false;
        for (int i = 0; i < N; i++) {
            assertEquals(values[i], values2[i], 1e-5, "value of agent " + i);
            for (int a = 0; a < 2; a++) assertEquals(probs[i * ACTIONS + a], probs2[i * ACTIONS + a], 1e-5, "action " + a + " of agent " + i);
            for (int s = 0; s < enemyOrder.length; s++) {
                assertEquals(probs[i * ACTIONS + 2 + enemyOrder[s]], probs2[i * ACTIONS + 2 + s], 1e-5,
                        "agent " + i + ": the target in new slot " + s + " is old slot " + enemyOrder[s]);
                if (Math.abs(probs[i * ACTIONS + 2] - probs[i * ACTIONS + 2 + s]) > 1e-3) targetsDiffer = true;
            }
        }
        // otherwise a network ignoring the enemies would pass
        assertTrue(targetsDiffer, "the network scores different enemies differently");
    }

    @Test
    void masksHoldAndEmptySlotsAreNeverChosen() {
        PolicyNetwork net = new PolicyNetwork(CONFIG);
        float[] p = params();
        for (int i = 0; i < p.length; i++) p[i] *= 30f;   // huge logits
        net.setParams(p);
        byte[] mask = new byte[N * ACTIONS];
        float[] obs = observations(mask);
        mask[0] = 0;   // agent 0: no-op illegal too
        float[] probs = new float[N * ACTIONS], logp = new float[N * ACTIONS];
        net.forward(obs, mask, N, probs, null, logp);
        for (int i = 0; i < N; i++) {
            double sum = 0;
            for (int a = 0; a < ACTIONS; a++) {
                float pr = probs[i * ACTIONS + a];
                assertTrue(Float.isFinite(pr) && Float.isFinite(logp[i * ACTIONS + a]));
                if (mask[i * ACTIONS + a] == 0) assertEquals(0f, pr, "illegal action " + a + " of agent " + i);
                sum += pr;
            }
            assertEquals(1.0, sum, 1e-5);
        }
        assertEquals(0f, probs[ACTIONS + 2 + 3], "agent 1's enemy slot 3 is empty");
    }

    @Test
    void actionPriorSetsTheFreshPolicyAndAllTargetsStartAlike() {
        double[] prior = {0.6, 0.1, 0.075, 0.075, 0.075, 0.075};
        PolicyNetwork net = new PolicyNetwork(CONFIG);
        net.setParams(PolicyNetwork.initialParams(CONFIG, 3, prior));
        byte[] mask = new byte[N * ACTIONS];
        Arrays.fill(mask, (byte) 1);
        float[] obs = observations(new byte[N * ACTIONS]);
        float[] probs = new float[N * ACTIONS];
        net.forward(obs, mask, N, probs, null, null);
        for (int i = 0; i < N; i++) for (int a = 0; a < ACTIONS; a++) assertEquals(prior[a], probs[i * ACTIONS + a], 0.01, "agent " + i + " action " + a);
    }

    @Test
    void parametersDoNotDependOnHowManyUnitSlotsThereAre() {
        EntityLayout more = new EntityLayout(3, 10, 4, 12, 5, 0, 2);
        PolicyConfig bigger = PolicyConfig.defaults(more.observationSize(), more.numActions()).withHidden(16).withEntities(more);
        assertEquals(CONFIG.numParams(), bigger.numParams());
        assertEquals(CONFIG.numParams(), CONFIG.layout().size());
        assertNotEquals(CONFIG.numParams(), PolicyConfig.defaults(OBS, ACTIONS).withHidden(16).numParams());
    }

    @Test
    void aLayoutThatDoesNotDescribeTheObservationIsRefused() {
        PolicyConfig mlp = PolicyConfig.defaults(OBS + 1, ACTIONS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> mlp.withEntities(LAYOUT));
        assertTrue(e.getMessage().contains("does not describe"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new EntityLayout(3, 1, 4, 1, 5, 5, 2), "present flag outside the enemy block");
    }
}
