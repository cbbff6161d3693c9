package tsunami.learn;

import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Training's slow native growth (tens of MB a minute for as long as it ran, issue 17) had two
 * causes, both fed by batch sizes that vary (the inference server answers whatever requests have
 * gathered; learner batches follow the agents alive):
 * <ul>
 * <li>SameDiff keeps arrays it has finished with in a per-session cache for reuse, up to a quarter
 * of the heap limit per network and thread, and arrays of a size it has not seen before keep adding
 * to it. Before the bound, the inference network's cache alone held 78 MB after the 1,000 calls
 * below, and the learner's grew by about 8 MB per 100 gradients.</li>
 * <li>Native memory is kept for good for every array shape the graph meets (by all signs
 * libnd4j's shape and sub-array descriptor caches): a forward pass at each batch size from 65 to
 * 2,048 added 159 MB that stayed (a second sweep over the same sizes, 13 MB). Batches are now
 * padded to a few sizes per doubling.</li>
 * </ul>
 */
class TrainingNativeMemoryTest {
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

    @Test
    void batchesArePaddedToFewSizesAndAtMostAnEighthLarger() {
        Set<Integer> sizes = new HashSet<>();
        for (int n = 1; n <= 4096; n++) {
            int rows = PolicyNetwork.paddedRows(n);
            assertTrue(rows >= n && rows <= n + n / 8, n + " samples padded to " + rows + " rows");
            sizes.add(rows);
        }
        assertTrue(sizes.size() <= 16 + 8 * 8, sizes.size() + " batch shapes for 1..4096 samples");
    }

    @Test
    void paddingRowsChangeNeitherActionProbabilitiesNorGradients() {
        PolicyConfig config = PolicyConfig.defaults(OBS, ACTIONS);
        PolicyNetwork net = new PolicyNetwork(config);
        net.setParams(PolicyNetwork.initialParams(config, 3));
        int n = 17;   // padded to 18 rows; 15 and 2 are not padded (a gradient of one sample trips ND4J M2.1's reduce no-op path)
        assertEquals(18, PolicyNetwork.paddedRows(n));
        SplittableRandom rnd = new SplittableRandom(11);
        float[] obs = new float[n * OBS];
        for (int i = 0; i < obs.length; i++) obs[i] = (float) rnd.nextGaussian();
        byte[] mask = new byte[n * ACTIONS];
        for (int i = 0; i < mask.length; i++) mask[i] = (byte) (i % ACTIONS == 0 || rnd.nextBoolean() ? 1 : 0);
        int[] actions = new int[n];
        float[] advantages = new float[n], targets = new float[n], weights = new float[n];
        for (int i = 0; i < n; i++) {
            actions[i] = 0;
            advantages[i] = (float) rnd.nextGaussian() * 0.01f;
            targets[i] = (float) rnd.nextDouble() * 0.01f;
            weights[i] = 1f / n;
        }
        float[] batch = new float[n * ACTIONS], single = new float[ACTIONS];
        net.forward(obs, mask, n, batch, null, null);
        for (int i = 0; i < n; i++) {
            net.forward(Arrays.copyOfRange(obs, i * OBS, (i + 1) * OBS), Arrays.copyOfRange(mask, i * ACTIONS, (i + 1) * ACTIONS), 1, single, null, null);
            assertArrayEquals(single, Arrays.copyOfRange(batch, i * ACTIONS, (i + 1) * ACTIONS), 1e-6f, "sample " + i);
        }
        // the loss is a weighted sum over samples: 17 at once (padded) = the first 15 + the last 2 (neither padded)
        float[] all = new float[net.numParams()], head = new float[net.numParams()], tail = new float[net.numParams()];
        PolicyNetwork.LossStats stats = net.gradient(obs, mask, actions, advantages, targets, weights, null, 0, n, all);
        assertTrue(stats.gradNorm() < config.maxGradNorm(), "clipping would make the sum nonlinear: norm " + stats.gradNorm());
        net.gradient(obs, mask, actions, advantages, targets, weights, null, 0, 15, head);
        net.gradient(Arrays.copyOfRange(obs, 15 * OBS, n * OBS), Arrays.copyOfRange(mask, 15 * ACTIONS, n * ACTIONS), Arrays.copyOfRange(actions, 15, n),
                Arrays.copyOfRange(advantages, 15, n), Arrays.copyOfRange(targets, 15, n), Arrays.copyOfRange(weights, 15, n), null, 0, 2, tail);
        for (int k = 0; k < all.length; k++) assertEquals(head[k] + tail[k], all[k], 1e-6, "parameter " + k);
    }

    @Test
    void newBatchSizesLeaveNoNativeMemoryBehind() throws InterruptedException {
        assumeTrue(Pointer.physicalBytes() > 0, "JavaCPP cannot read this platform's resident set size");
        PolicyConfig config = PolicyConfig.defaults(OBS, ACTIONS);
        PolicyNetwork net = new PolicyNetwork(config);
        net.setParams(PolicyNetwork.initialParams(config, 5));
        float[] obs = new float[MAX_BATCH * OBS], probs = new float[MAX_BATCH * ACTIONS];
        for (int i = 0; i < obs.length; i++) obs[i] = (i % 13) / 13f;
        byte[] mask = new byte[MAX_BATCH * ACTIONS];
        Arrays.fill(mask, (byte) 1);
        // every padded size once, so that whatever the network caches per shape is cached
        for (int n = 1; n <= MAX_BATCH; n++) {
            if (PolicyNetwork.paddedRows(n) == n) net.forward(obs, mask, n, probs, null, null);
        }
        long before = settledResidentBytes();
        for (int n = 1; n <= MAX_BATCH; n++) net.forward(obs, mask, n, probs, null, null);
        long grown = settledResidentBytes() - before;
        // unpadded, the 1,960 new sizes kept about 160 MB; a repeated sweep moves the resident set by about 13 MB
        assertTrue(grown < (64L << 20), "a forward pass at every batch size up to " + MAX_BATCH + " kept " + (grown >> 20) + " MB");
    }

    /** The resident set once garbage is collected, its buffers freed and the C heap trimmed (-XX:TrimNativeHeapInterval, or the collector's). */
    private static long settledResidentBytes() throws InterruptedException {
        for (int i = 0; i < 2; i++) {
            System.gc();
            Thread.sleep(2500);
        }
        return Pointer.physicalBytes();
    }
}
