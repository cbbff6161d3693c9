package tsunami.learn;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValueNormalizerTest {
    @Test
    void tracksTheTargetsMeanAndDeviationFromTheFirstBatchOn() {
        ValueNormalizer norm = new ValueNormalizer();
        assertEquals(new ValueNormalizer.Scale(0, 1), norm.scale(), "identity before any target");
        SplittableRandom rnd = new SplittableRandom(1);
        float[] batch = new float[500];
        for (int b = 0; b < 200; b++) {
            for (int i = 0; i < batch.length; i++) batch[i] = (float) (5 + 3 * rnd.nextGaussian());
            norm.update(batch, batch.length);
            if (b == 0) assertEquals(5, norm.scale().mean(), 0.5, "debiased from the first batch");
        }
        ValueNormalizer.Scale s = norm.scale();
        assertEquals(5, s.mean(), 0.1);
        assertEquals(3, s.std(), 0.1);
        assertEquals(2.0, s.denormalise(s.normalise(2.0)), 1e-5);
        // constant targets: the deviation floor keeps the scale finite
        ValueNormalizer flat = new ValueNormalizer();
        flat.update(new float[]{1, 1, 1}, 3);
        assertEquals(Math.sqrt(ValueNormalizer.MIN_VARIANCE), flat.scale().std(), 1e-9);
    }

    @Test
    void statisticsTravelThroughCheckpointMetadata() {
        ValueNormalizer norm = new ValueNormalizer();
        norm.update(new float[]{1, 2, 3, 10}, 4);
        ValueNormalizer back = ValueNormalizer.fromMetadata(norm.toMetadata());
        assertEquals(norm.scale(), back.scale());
        assertEquals(new ValueNormalizer.Scale(0, 1), ValueNormalizer.fromMetadata(java.util.Map.of()).scale(), "a run saved without them starts fresh");
        assertThrows(IllegalArgumentException.class, () -> ValueNormalizer.fromMetadata(java.util.Map.of(
                ValueNormalizer.MEAN_KEY, "x", ValueNormalizer.SQUARE_KEY, "1", ValueNormalizer.WEIGHT_KEY, "0.5")));
    }

    @Test
    void theLearnerBatchDenormalisesValuesAndNormalisesTargets() {
        PolicyConfig plain = PolicyConfig.defaults(3, 2).withHidden(8).withGamma(0.9);
        PolicyConfig normed = plain.withValueNorm(true);
        float[] params = PolicyNetwork.initialParams(plain, 2);
        int steps = 6, agents = 2;
        SplittableRandom rnd = new SplittableRandom(4);
        float[] obs = new float[(steps + 1) * agents * 3];
        for (int i = 0; i < obs.length; i++) obs[i] = (float) rnd.nextDouble(-1, 1);
        byte[] masks = new byte[(steps + 1) * agents * 2];
        java.util.Arrays.fill(masks, (byte) 1);
        float[] rewards = new float[steps * agents];
        for (int i = 0; i < rewards.length; i++) rewards[i] = (float) rnd.nextDouble(0, 4);
        byte[] ones = new byte[steps * agents];
        java.util.Arrays.fill(ones, (byte) 1);
        float[] logp = new float[steps * agents];
        java.util.Arrays.fill(logp, (float) Math.log(0.5));
        Trajectory t = new Trajectory(new TrajectorySource(TrajectorySource.ENV_WORKER, "test", "w"), steps, agents, 3, 2, obs, masks,
                new int[steps * agents], logp, rewards, ones, ones, new int[steps * agents], new long[steps], 0, List.of());
        PolicyNetwork net = new PolicyNetwork(plain);
        net.setParams(params);
        PolicyNetwork normedNet = new PolicyNetwork(normed);
        normedNet.setParams(params);
        ValueNormalizer norm = new ValueNormalizer();
        norm.update(new float[]{-2, 4, 7}, 3);   // some scale already
        ValueNormalizer.Scale before = norm.scale();
        // the same network's output v means v in plain units and before.denormalise(v) in normalised ones
        LearnerBatch raw = LearnerBatch.build(net, List.of(t), plain, 0);
        LearnerBatch scaled = LearnerBatch.build(normedNet, List.of(t), normed, 0, norm);
        ValueNormalizer.Scale after = norm.scale();
        assertTrue(after.mean() != before.mean(), "the batch's targets moved the statistics");
        assertEquals(raw.samples(), scaled.samples());
        // the normalised targets are V-trace on the denormalised values, in the updated statistics' units
        float[] values = new float[(steps + 1) * agents], netLogp = new float[(steps + 1) * agents * 2];
        net.forward(obs, masks, (steps + 1) * agents, null, values, netLogp);
        float[] target = new float[steps * agents];
        for (int k = 0; k < target.length; k++) target[k] = netLogp[k * 2];   // every action taken was 0
        float[] denorm = new float[values.length];
        for (int i = 0; i < values.length; i++) denorm[i] = before.denormalise(values[i]);
        float[] discounts = new float[steps * agents];
        java.util.Arrays.fill(discounts, 0.9f);
        float[] boot = java.util.Arrays.copyOfRange(denorm, steps * agents, (steps + 1) * agents);
        VTrace.Result vt = VTrace.compute(steps, agents, logp, target, rewards, discounts, denorm, boot, 1, 1);
        for (int k = 0; k < scaled.samples(); k++) assertEquals(after.normalise(vt.vs()[k]), scaled.vsTargets()[k], 1e-4, "target " + k);
        assertThrows(IllegalArgumentException.class, () -> LearnerBatch.build(normedNet, List.of(t), normed, 0, null));
    }
}
