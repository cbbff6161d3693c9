package tsunami.learn;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Training's slow native growth (about 50 MB a minute over 30 minutes, issue 17): SameDiff keeps
 * arrays it has finished with in a per-session cache for reuse, up to a quarter of the heap limit
 * per network and thread, and arrays of a batch size it has not seen before keep adding to it.
 * Here an inference network answers batches of varying size and a learner network computes
 * gradients of varying size, as in training; before the bound, the inference network's cache
 * alone held about 80 MB after 1,000 calls and the learner's grew by about 8 MB per 100 gradients.
 */
class GraphSessionCacheTest {
    private static final int OBS = 100, ACTIONS = 20, MAX_BATCH = 2048;

    @Test
    void graphSessionCachesStayWithinTheirBoundWhileBatchSizesVary() {
        PolicyConfig config = PolicyConfig.defaults(OBS, ACTIONS);
        PolicyNetwork inference = new PolicyNetwork(config), learner = new PolicyNetwork(config);
        float[] params = PolicyNetwork.initialParams(config, 1);
        inference.setParams(params);
        learner.setParams(params);
        SplittableRandom rnd = new SplittableRandom(7);
        float[] obs = new float[MAX_BATCH * OBS];
        for (int i = 0; i < obs.length; i++) obs[i] = (float) rnd.nextDouble();
        byte[] mask = new byte[MAX_BATCH * ACTIONS];
        Arrays.fill(mask, (byte) 1);
        int[] actions = new int[MAX_BATCH];
        float[] probs = new float[MAX_BATCH * ACTIONS], advantages = new float[MAX_BATCH], targets = new float[MAX_BATCH];
        float[] weights = new float[MAX_BATCH], grad = new float[learner.numParams()];
        for (int i = 0; i < MAX_BATCH; i++) {
            actions[i] = rnd.nextInt(ACTIONS);
            advantages[i] = (float) rnd.nextGaussian();
            targets[i] = (float) rnd.nextDouble();
        }
        long inferencePeak = 0, learnerPeak = 0;
        for (int call = 0; call < 1000; call++) {
            inference.forward(obs, mask, 1 + rnd.nextInt(400), probs, null, null);
            if (call % 10 == 0) {
                int n = 200 + rnd.nextInt(MAX_BATCH - 200);
                Arrays.fill(weights, 0, n, 1f / n);
                learner.gradient(obs, mask, actions, advantages, targets, weights, null, 0, n, grad);
                learner.setParams(params);
                inference.setParams(params);   // a new parameter version, as the inference server loads one
            }
            inferencePeak = Math.max(inferencePeak, inference.sessionCacheBytes());
            learnerPeak = Math.max(learnerPeak, learner.sessionCacheBytes());
        }
        // the caches are in use (the check below is not vacuous) ...
        assertTrue(inferencePeak > 0 && learnerPeak > 0, "no array was cached: inference " + inferencePeak + " B, learner " + learnerPeak + " B");
        // ... and bounded: one session for inference, two (forward and gradient graphs) for the learner
        assertTrue(inferencePeak <= PolicyNetwork.SESSION_CACHE_BYTES,
                "the inference network's graph cache reached " + (inferencePeak >> 20) + " MB");
        assertTrue(learnerPeak <= 2 * PolicyNetwork.SESSION_CACHE_BYTES,
                "the learner network's graph caches reached " + (learnerPeak >> 20) + " MB");
    }
}
