package tsunami.learn;

import tsunami.env.StepBatch;

import java.util.List;

/**
 * A learner's batch made ready for the gradient: the learned parameters' values and
 * log-probabilities on every step (one forward pass over all segments), V-trace targets and
 * advantages, and only the steps where the agent was alive, packed together with equal weights.
 * {@code advice} holds the teacher's action per sample, NO_ADVICE where there is none or where
 * it is not legal under the step's mask. {@code behaviourLogp} is the acting policy's log-probability
 * of each sample's action. Under PPO ({@link PolicyConfig#ppoClip} above 0) the advantages are
 * V-trace's before the importance weight, which the clipped ratio applies instead.
 * {@code defaultActionProb} is the learned policy's mean probability of action 0 over the samples
 * and {@code defaultActionTaken} the share of samples that took it: how far learning has moved
 * from the environment's default action.
 */
record LearnerBatch(int samples, float[] observations, byte[] masks, float[] states, int[] actions, float[] behaviourLogp, int[] advice,
                    float[] advantages, float[] vsTargets, float[] weights, long[] lags, double defaultActionProb, double defaultActionTaken) {

    static LearnerBatch build(PolicyNetwork net, List<Trajectory> segments, PolicyConfig config, long version) {
        return build(net, segments, config, version, null);
    }

    /**
     * @param norm the run's value normalisation when {@link PolicyConfig#valueNorm} (the network's
     *             values are then in its units; targets come back in them too), else null
     */
    static LearnerBatch build(PolicyNetwork net, List<Trajectory> segments, PolicyConfig config, long version, ValueNormalizer norm) {
        if (config.valueNorm() != (norm != null)) throw new IllegalArgumentException("value normalisation: config says " + config.valueNorm());
        int o = config.observationSize(), a = config.numActions(), ss = config.stateSize();
        int total = 0, rows = 0, lagCount = 0;
        ValueNormalizer.Scale scale = norm != null ? norm.scale() : null;
        for (Trajectory t : segments) {
            if (t.stateSize() != ss) {
                throw new IllegalArgumentException("segment from " + t.source() + " carries a global state of " + t.stateSize()
                        + " floats; the critic takes " + ss);
            }
            total += t.validSamples();
            rows = Math.max(rows, (t.steps() + 1) * t.agents());
            lagCount += t.steps();
        }
        float[] obs = new float[total * o];
        float[] states = new float[total * ss];
        byte[] masks = new byte[total * a];
        int[] actions = new int[total];
        float[] behaviour = new float[total];
        double sumDefaultProb = 0;
        int defaultTaken = 0;
        int[] advice = new int[total];
        float[] adv = new float[total];
        float[] vs = new float[total];
        float[] weights = new float[total];
        long[] lags = new long[lagCount];
        float[] values = new float[rows];
        float[] logp = new float[rows * a];
        int at = 0, lagAt = 0;
        for (Trajectory t : segments) {
            int n = t.agents(), steps = t.steps(), len = steps * n;
            net.forward(t.observations(), t.masks(), ss > 0 ? t.states() : null, (steps + 1) * n, null, values, logp);
            if (scale != null) for (int k = 0; k < (steps + 1) * n; k++) values[k] = scale.denormalise(values[k]);
            float[] target = new float[len];
            float[] discounts = new float[len];
            for (int k = 0; k < len; k++) {
                target[k] = logp[k * a + t.actions()[k]];
                discounts[k] = t.continues()[k] != 0 ? (float) config.gamma() : 0f;
            }
            float[] bootstrap = new float[n];
            System.arraycopy(values, len, bootstrap, 0, n);
            VTrace.Result vt = VTrace.compute(steps, n, t.behaviourLogp(), target, t.rewards(), discounts, values, bootstrap,
                    config.rhoBar(), config.cBar());
            for (int k = 0; k < len; k++) {
                if (t.valid()[k] == 0) continue;
                System.arraycopy(t.observations(), k * o, obs, at * o, o);
                System.arraycopy(t.masks(), k * a, masks, at * a, a);
                System.arraycopy(t.states(), k * ss, states, at * ss, ss);
                actions[at] = t.actions()[k];
                behaviour[at] = t.behaviourLogp()[k];
                sumDefaultProb += Math.exp(logp[k * a]);
                if (actions[at] == 0) defaultTaken++;
                int told = t.advice()[k];
                advice[at] = told >= 0 && told < a && t.masks()[k * a + told] != 0 ? told : StepBatch.NO_ADVICE;
                adv[at] = config.ppoClip() > 0 ? vt.unweighted()[k] : vt.advantages()[k];
                vs[at] = vt.vs()[k];
                at++;
            }
            for (int s = 0; s < steps; s++) lags[lagAt++] = version - t.policyVersions()[s];
        }
        // Advantages are centred on the batch mean but not scaled. Why centred: a value function
        // that lags a changing policy biases every advantage the same way, and a biased score-
        // function gradient pushes all sampled actions down (the policy flattens: entropy blew up
        // and training collapsed on m5v5) or all up (premature determinism). Why not scaled:
        // dividing by the batch deviation made the step size constant even where the advantages
        // were mostly noise, and the policy random-walked.
        if (total > 0) {
            double mean = 0;
            for (int k = 0; k < total; k++) mean += adv[k];
            mean /= total;
            for (int k = 0; k < total; k++) adv[k] -= (float) mean;
            java.util.Arrays.fill(weights, 1f / total);
        }
        if (norm != null) {
            // the value head learns the targets in the units of the statistics that include them
            ValueNormalizer.Scale next = norm.update(vs, total);
            for (int k = 0; k < total; k++) vs[k] = next.normalise(vs[k]);
        }
        return new LearnerBatch(total, obs, masks, states, actions, behaviour, advice, adv, vs, weights, lags,
                total == 0 ? 0 : sumDefaultProb / total, total == 0 ? 0 : (double) defaultTaken / total);
    }
}
