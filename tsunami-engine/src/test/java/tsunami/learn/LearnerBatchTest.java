package tsunami.learn;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LearnerBatchTest {
    private static final int OBS = 3, ACTIONS = 4, STEPS = 6, AGENTS = 3;

    @Test
    void policyLagIsTheLearnedVersionMinusTheActingVersionOfEveryStep() {
        PolicyConfig config = PolicyConfig.defaults(OBS, ACTIONS).withHidden(8);
        PolicyNetwork net = new PolicyNetwork(config);
        net.setParams(PolicyNetwork.initialParams(config, 3));
        int steps = 3;
        byte[] masks = new byte[(steps + 1) * ACTIONS];
        java.util.Arrays.fill(masks, (byte) 1);
        Trajectory t = new Trajectory(new TrajectorySource(TrajectorySource.ENV_WORKER, "test", "w"), steps, 1, OBS, ACTIONS,
                new float[(steps + 1) * OBS], masks, new int[steps], new float[steps], new float[steps],
                new byte[]{1, 1, 1}, new byte[]{1, 1, 1}, new int[steps], new long[]{4, 5, 7}, 0, List.of());
        LearnerBatch b = LearnerBatch.build(net, List.of(t, t), config, 7);
        assertEquals(List.of(3L, 2L, 0L, 3L, 2L, 0L), java.util.Arrays.stream(b.lags()).boxed().toList());
    }

    @Test
    void learnsOnlyFromLiveStepsWithCentredAdvantages() {
        PolicyConfig config = PolicyConfig.defaults(OBS, ACTIONS).withHidden(8);
        PolicyNetwork net = new PolicyNetwork(config);
        net.setParams(PolicyNetwork.initialParams(config, 3));
        SplittableRandom rnd = new SplittableRandom(8);
        int n = STEPS * AGENTS;
        float[] obs = new float[(STEPS + 1) * AGENTS * OBS];
        for (int i = 0; i < obs.length; i++) obs[i] = (float) rnd.nextDouble(-1, 1);
        byte[] masks = new byte[(STEPS + 1) * AGENTS * ACTIONS];
        java.util.Arrays.fill(masks, (byte) 1);
        int[] actions = new int[n];
        float[] logp = new float[n], rewards = new float[n];
        byte[] continues = new byte[n], valid = new byte[n];
        for (int k = 0; k < n; k++) {
            actions[k] = rnd.nextInt(ACTIONS);
            logp[k] = (float) Math.log(0.25);
            rewards[k] = 1f;                      // every step rewarded: raw advantages are all far above zero
            continues[k] = 1;
            valid[k] = (byte) (k % AGENTS == 2 && k / AGENTS >= 3 ? 0 : 1);   // agent 2 dies after step 2
        }
        // the teacher speaks on most steps; on step 0 of agent 1 it advises an action the mask forbids
        int[] advice = new int[n];
        for (int k = 0; k < n; k++) advice[k] = k % 5 == 4 ? tsunami.env.StepBatch.NO_ADVICE : k % ACTIONS;
        masks[1 * ACTIONS + advice[1]] = 0;
        Trajectory t = new Trajectory(new TrajectorySource(TrajectorySource.ENV_WORKER, "test", "w"), STEPS, AGENTS, OBS, ACTIONS,
                obs, masks, actions, logp, rewards, continues, valid, advice, new long[STEPS], 0, List.of());
        LearnerBatch b = LearnerBatch.build(net, List.of(t), config, 0);
        assertEquals(n - 3, b.samples(), "the dead agent's three steps are left out");
        double mean = 0, spread = 0;
        for (int k = 0; k < b.samples(); k++) mean += b.advantages()[k];
        for (int k = 0; k < b.samples(); k++) spread += Math.abs(b.advantages()[k] - mean / b.samples());
        assertEquals(0.0, mean / b.samples(), 1e-5, "advantages are centred");
        assertTrue(spread > 0, "but not flattened");
        // the packed samples are the live ones, in order: agent 2's observation at step 3 is absent
        int deadRow = 3 * AGENTS + 2;
        for (int s = 0; s < b.samples(); s++) {
            boolean same = true;
            for (int j = 0; j < OBS; j++) same &= b.observations()[s * OBS + j] == obs[deadRow * OBS + j];
            assertTrue(!same, "a dead step was learned from");
        }
        // advice travels with its sample; advice the mask forbids is dropped
        int s = 0;
        for (int k = 0; k < n; k++) {
            if (valid[k] == 0) continue;
            int expected = k == 1 ? tsunami.env.StepBatch.NO_ADVICE : advice[k];
            assertEquals(expected, b.advice()[s++], "advice of step " + k / AGENTS + ", agent " + k % AGENTS);
        }
        float sumW = 0;
        for (float w : b.weights()) sumW += w;
        assertEquals(1f, sumW, 1e-4);
    }
}
