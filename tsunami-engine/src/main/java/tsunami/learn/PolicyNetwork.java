package tsunami.learn;

import org.nd4j.autodiff.samediff.SDIndex;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.ArrayCacheMemoryMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import tsunami.env.EntityLayout;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.WeakHashMap;

/**
 * The shared actor-critic policy on a DL4J SameDiff graph: one MLP applied to every agent of a
 * side (parameter sharing), with a masked softmax policy head and a value head.
 *
 * <p>SameDiff rather than ComputationGraph because the loss is not a stock output layer: the
 * policy-gradient term weights log pi(a|x) by V-trace advantages computed outside the graph,
 * adds an entropy bonus and masks illegal actions; in SameDiff that is a few lines of graph and
 * its gradients come from autodiff, and the parameters are plain named arrays we can flatten for
 * the parameter server. One instance is not thread-safe: every inference server and learner owns
 * its own and loads parameters from the {@link ParameterBoard}.
 *
 * <p>Illegal actions get a logit offset of -1e9 (not -infinity) so that probabilities are exactly
 * zero while log-probabilities stay finite (about -1e9), which keeps entropy and gradients free
 * of NaN.
 */
public final class PolicyNetwork {
    static final double ILLEGAL_LOGIT = -1e9;
    /**
     * Most bytes one graph session keeps in its array cache for reuse. SameDiff's own limit is a
     * quarter of JavaCPP's maxBytes (the heap limit: 1.5 GB under the default 6 GB heap here) per
     * session, i.e. per network and thread; arrays of a size not seen before (batch sizes vary)
     * pile up there until it is reached: one of the two causes of training's slow growth (issue
     * 17; {@link #paddedRows} is the other). Training's sessions hold 0–3 MB under this bound.
     */
    static final long SESSION_CACHE_BYTES = 32L << 20;
    /** Every bounded session cache still in use, for {@link #cachedBytes()}. */
    private static final Set<ArrayCacheMemoryMgr> caches = Collections.synchronizedSet(Collections.newSetFromMap(new WeakHashMap<>()));

    private final PolicyConfig config;
    private final SameDiff sd;
    private final ParameterLayout layout;

    /**
     * Loss terms of one gradient computation (means over the weighted samples); {@code teacherLoss}
     * is the plain cross-entropy to the teacher's advice over the advised samples (whatever its
     * weight in the loss; 0 when none was advised); {@code defaultActionProb} and
     * {@code defaultActionTaken} describe the batch (see {@link LearnerBatch}), 0 where not filled in.
     */
    public record LossStats(double policyLoss, double valueLoss, double entropy, double teacherLoss, double gradNorm,
                            double defaultActionProb, double defaultActionTaken) {
        public LossStats(double policyLoss, double valueLoss, double entropy, double teacherLoss, double gradNorm) {
            this(policyLoss, valueLoss, entropy, teacherLoss, gradNorm, 0, 0);
        }

        /** These figures with the batch's action statistics ({@link LearnerBatch#defaultActionProb}). */
        public LossStats withActions(double defaultProb, double defaultTaken) {
            return new LossStats(policyLoss, valueLoss, entropy, teacherLoss, gradNorm, defaultProb, defaultTaken);
        }
    }

    public PolicyNetwork(PolicyConfig config) {
        this.config = config;
        int o = config.observationSize(), a = config.numActions();
        layout = config.layout();
        sd = SameDiff.create();
        SDVariable obs = sd.placeHolder("obs", DataType.FLOAT, -1, o);
        SDVariable mask = sd.placeHolder("mask", DataType.FLOAT, -1, a);
        SDVariable actions = sd.placeHolder("actions", DataType.FLOAT, -1, a);   // one-hot
        SDVariable advantages = sd.placeHolder("advantages", DataType.FLOAT, -1);
        SDVariable vsTargets = sd.placeHolder("vs", DataType.FLOAT, -1);
        SDVariable weights = sd.placeHolder("weights", DataType.FLOAT, -1);       // sum to 1 over the batch
        SDVariable teacher = sd.placeHolder("teacher", DataType.FLOAT, -1, a);    // one-hot advice, zero rows where none
        SDVariable teacherWeights = sd.placeHolder("teacherWeights", DataType.FLOAT, -1);
        for (ParameterLayout.Block b : layout.blocks()) sd.var(b.name(), DataType.FLOAT, b.shape());
        SDVariable h2;
        SDVariable logits;
        if (config.entityNetwork()) {
            SDVariable[] trunkAndLogits = entityActor(obs, config.entities(), config.hidden());
            h2 = trunkAndLogits[0];
            logits = trunkAndLogits[1];
        } else {
            SDVariable h1 = sd.nn.relu(dense(obs, ParameterLayout.HIDDEN1), 0);
            h2 = sd.nn.relu(dense(h1, ParameterLayout.HIDDEN2), 0);
            logits = dense(h2, ParameterLayout.POLICY);
        }
        SDVariable masked = logits.add(mask.sub(1.0).mul(-ILLEGAL_LOGIT));
        // log-softmax by hand: ND4J's logSoftmax returns -infinity for masked entries, and 0 * -inf
        // in the entropy would be NaN; shifting by the row max keeps exp() in range.
        SDVariable shifted = masked.sub(masked.max(true, 1));
        SDVariable logp = shifted.sub(sd.math.log(sd.math.exp(shifted).sum(true, 1))).rename("logp");
        SDVariable probs = sd.math.exp("probs", logp);
        // The value head reads the actor's trunk, or with a centralised critic its own trunk fed the
        // global state: the actor never sees the state, the critic never sees the agent's view.
        SDVariable valueInput = h2;
        if (config.centralCritic()) {
            SDVariable state = sd.placeHolder("state", DataType.FLOAT, -1, config.stateSize());
            SDVariable c1 = sd.nn.relu(dense(state, ParameterLayout.CRITIC1), 0);
            valueInput = sd.nn.relu(dense(c1, ParameterLayout.CRITIC2), 0);
        }
        // reshape, not sum over the size-1 axis: ND4J M2.1's reduce "no-op" path crashes on that
        SDVariable value = dense(valueInput, ParameterLayout.VALUE).reshape(-1).rename("value");
        SDVariable logpAction = logp.mul(actions).sum(1);
        SDVariable entropy = probs.mul(logp).sum(1).neg();
        SDVariable policyLoss;
        if (config.ppoClip() > 0) {
            // PPO's clipped surrogate: min(r A, clip(r, 1-e, 1+e) A) with r = pi(a|x) / mu(a|x), the
            // acting policy's probability stored with the segment, so a stale actor is corrected
            // by the very ratio that is clipped. clip and min written with relu, whose gradient
            // SameDiff has: clip(r) = lo + relu(r - lo) - relu(r - hi), min(x, y) = y - relu(y - x).
            SDVariable behaviour = sd.placeHolder("behaviourLogp", DataType.FLOAT, -1);
            SDVariable ratio = sd.math.exp(logpAction.sub(behaviour));
            double lo = 1 - config.ppoClip(), hi = 1 + config.ppoClip();
            SDVariable clipped = sd.nn.relu(ratio.sub(lo), 0).sub(sd.nn.relu(ratio.sub(hi), 0)).add(lo);
            SDVariable plain = ratio.mul(advantages), capped = clipped.mul(advantages);
            SDVariable surrogate = capped.sub(sd.nn.relu(capped.sub(plain), 0));
            policyLoss = surrogate.mul(weights).sum().neg().rename("policyLoss");
        } else {
            policyLoss = advantages.mul(logpAction).mul(weights).sum().neg().rename("policyLoss");
        }
        SDVariable valueLoss = vsTargets.sub(value).mul(vsTargets.sub(value)).mul(weights).sum().mul(0.5).rename("valueLoss");
        SDVariable meanEntropy = entropy.mul(weights).sum().rename("entropy");
        // kickstarting: cross-entropy towards the teacher's action, weighted per sample (0 where no advice)
        SDVariable teacherLoss = logp.mul(teacher).sum(1).mul(teacherWeights).sum().neg();
        SDVariable loss = policyLoss.add(valueLoss.mul(config.valueCoef())).sub(meanEntropy.mul(config.entropyCoef()))
                .add(teacherLoss).rename("loss");
        sd.setLossVariables(loss);
        buildGradientQuietly(sd);
    }

    /** {@code x · W + b} for the weight matrix {@code weights} of the layout and the bias after it. */
    private SDVariable dense(SDVariable x, String weights) {
        return sd.nn.linear(x, sd.getVariable(weights), sd.getVariable(layout.biasOf(weights).name()));
    }

    /**
     * The entity actor: each unit block of the observation (the agent, every ally slot, every
     * enemy slot) embedded by the one layer of its kind, allies and enemies averaged over the
     * slots that hold a unit, the three joined in a trunk; the actions before the targets read
     * the trunk, and the target of enemy slot k scores the agent's query (from the trunk) against
     * that enemy's embedding. Nothing depends on a slot's position, so the order of units does not
     * matter and the parameters do not depend on how many slots there are.
     *
     * @return the trunk {@code [n, h]} and the logits {@code [n, numActions]}
     */
    private SDVariable[] entityActor(SDVariable obs, EntityLayout e, int h) {
        SDVariable self = obs.get(SDIndex.all(), SDIndex.interval(0, e.selfSize()));
        SDVariable selfEmbedding = sd.nn.relu(dense(self, ParameterLayout.SELF_EMBED), 0);
        SDVariable allyPool = e.allySlots() == 0 ? selfEmbedding.mul(0)
                : pooled(unitEmbeddings(obs, e.allyOffset(0), e.allySlots(), e.allySize(), ParameterLayout.ALLY_EMBED, h),
                unitPresence(obs, e.allyOffset(0), e.allySlots(), e.allySize(), e.presentIndex()));
        SDVariable enemies = unitEmbeddings(obs, e.enemyOffset(0), e.enemySlots(), e.enemySize(), ParameterLayout.ENEMY_EMBED, h);
        SDVariable enemyPool = pooled(enemies, unitPresence(obs, e.enemyOffset(0), e.enemySlots(), e.enemySize(), e.presentIndex()));
        SDVariable trunk = sd.nn.relu(dense(sd.concat(1, selfEmbedding, allyPool, enemyPool), ParameterLayout.HIDDEN2), 0);
        SDVariable before = dense(trunk, ParameterLayout.POLICY);
        SDVariable query = dense(trunk, ParameterLayout.QUERY).reshape(-1, 1, h);
        SDVariable targets = enemies.mul(query).sum(2).mul(1.0 / Math.sqrt(h)).add(sd.getVariable(ParameterLayout.TARGET_BIAS));
        return new SDVariable[]{trunk, sd.concat(1, before, targets)};
    }

    /** Embeddings {@code [n, slots, h]} of {@code slots} unit blocks of {@code size} floats from {@code offset}, one layer shared by all. */
    private SDVariable unitEmbeddings(SDVariable obs, int offset, int slots, int size, String weights, int h) {
        SDVariable blocks = obs.get(SDIndex.all(), SDIndex.interval(offset, offset + slots * size)).reshape(-1, size);
        return sd.nn.relu(dense(blocks, weights), 0).reshape(-1, slots, h);
    }

    /** The present flags {@code [n, slots, 1]} of the unit blocks. */
    private static SDVariable unitPresence(SDVariable obs, int offset, int slots, int size, int presentIndex) {
        return obs.get(SDIndex.all(), SDIndex.interval(offset, offset + slots * size)).reshape(-1, slots, size)
                .get(SDIndex.all(), SDIndex.all(), SDIndex.interval(presentIndex, presentIndex + 1));
    }

    /** Mean of the embeddings {@code [n, slots, h]} over the slots present; zeros where none is. */
    private SDVariable pooled(SDVariable embeddings, SDVariable present) {
        SDVariable count = present.sum(1);                                  // [n, 1]
        SDVariable atLeastOne = count.add(sd.nn.relu(count.rsub(1.0), 0));  // max(count, 1)
        return embeddings.mul(present).sum(1).div(atLeastOne);
    }

    private static final Object STDOUT_LOCK = new Object();

    /**
     * Builds the backward graph now rather than at the first gradient. SameDiff M2.1's
     * createGradFunction prints one line per op with a bare System.out.println (no logger or
     * setting controls it), which would bury the CLI's output. For those few milliseconds
     * standard output drops only what this thread writes; other threads' output passes through.
     */
    private static void buildGradientQuietly(SameDiff sd) {
        synchronized (STDOUT_LOCK) {
            java.io.PrintStream out = System.out;
            Thread builder = Thread.currentThread();
            System.setOut(new java.io.PrintStream(new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    if (Thread.currentThread() != builder) out.write(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    if (Thread.currentThread() != builder) out.write(b, off, len);
                }

                @Override
                public void flush() {
                    out.flush();
                }
            }, true));
            try {
                sd.createGradFunction();
            } finally {
                System.setOut(out);
            }
        }
    }

    public PolicyConfig config() {
        return config;
    }

    public int numParams() {
        return layout.size();
    }

    /** Fresh parameters: Glorot-uniform hidden layers, a near-zero policy head (uniform start), zero biases. */
    public static float[] initialParams(PolicyConfig config, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        ParameterLayout layout = config.layout();
        float[] out = new float[layout.size()];
        // the policy head starts near zero so that its bias alone sets the fresh policy
        for (ParameterLayout.Block b : layout.blocks()) {
            boolean head = b.name().equals(ParameterLayout.POLICY) || b.name().equals(ParameterLayout.QUERY);
            if (!b.bias()) glorot(out, b, head ? 0.01 : 1.0, rnd);
        }
        int a = config.numActions();
        if (config.defaultActionPrior() > 0 && a > 1) {
            // bias of action 0 so that softmax gives it the prior against a-1 equal others
            double p = config.defaultActionPrior();
            out[layout.biasOf(ParameterLayout.POLICY).offset()] = (float) Math.log(p * (a - 1) / (1 - p));
        }
        return out;
    }

    private static void glorot(float[] out, ParameterLayout.Block w, double gain, SplittableRandom rnd) {
        double limit = gain * Math.sqrt(6.0 / (w.rows() + w.cols()));
        for (int i = 0; i < w.size(); i++) {
            out[w.offset() + i] = (float) ((rnd.nextDouble() * 2 - 1) * limit);
        }
    }

    /**
     * Fresh parameters whose policy starts at {@code actionPrior} (probabilities per action,
     * summing to 1, each positive) whatever the observation: the policy head's weights start
     * near zero, so its bias alone sets the start. Lets a caller that knows its action space
     * explore where exploring is cheap (e.g. arena attacks rather than moves that cancel them).
     */
    public static float[] initialParams(PolicyConfig config, long seed, double[] actionPrior) {
        int a = config.numActions();
        if (actionPrior.length != a) throw new IllegalArgumentException("action prior has " + actionPrior.length + " entries, the policy " + a + " actions");
        double sum = 0;
        for (double p : actionPrior) {
            if (!(p > 0)) throw new IllegalArgumentException("action prior entries must be positive: " + Arrays.toString(actionPrior));
            sum += p;
        }
        if (Math.abs(sum - 1) > 1e-6) throw new IllegalArgumentException("action prior must sum to 1, sums to " + sum);
        float[] out = initialParams(config, seed);
        ParameterLayout layout = config.layout();
        int bias = layout.biasOf(ParameterLayout.POLICY).offset();
        if (!config.entityNetwork()) {
            for (int k = 0; k < a; k++) out[bias + k] = (float) Math.log(actionPrior[k]);
            return out;
        }
        // the targets share one bias: it starts at the log of their mean prior
        int first = config.entities().firstTargetAction();
        for (int k = 0; k < first; k++) out[bias + k] = (float) Math.log(actionPrior[k]);
        double targets = 0;
        for (int k = first; k < a; k++) targets += actionPrior[k];
        out[layout.block(ParameterLayout.TARGET_BIAS).offset()] = (float) Math.log(targets / (a - first));
        return out;
    }

    /**
     * Loads a flat parameter vector (the layout of {@link #initialParams}), written into the arrays
     * the graph already holds, so that a new parameter version allocates nothing that lingers.
     */
    public void setParams(float[] flat) {
        if (flat.length != layout.size()) {
            throw new IllegalArgumentException("expected " + layout.size() + " parameters, got " + flat.length);
        }
        for (ParameterLayout.Block b : layout.blocks()) {
            INDArray block = Nd4j.create(Arrays.copyOfRange(flat, b.offset(), b.offset() + b.size()), b.shape(), 'c');
            SDVariable v = sd.getVariable(b.name());
            if (v.getArr() == null) {
                v.setArray(block);
            } else {
                v.getArr().assign(block);
                block.close();
            }
        }
    }

    /** The current parameters as one flat vector. */
    public float[] params() {
        float[] out = new float[layout.size()];
        for (ParameterLayout.Block b : layout.blocks()) copyBlock(sd.getVariable(b.name()).getArr(), b, out);
        return out;
    }

    /**
     * Forward pass for {@code n} agents: action probabilities (illegal ones exactly 0) into
     * {@code probsOut[n × numActions]} and state values into {@code valuesOut[n]}; either may be null.
     */
    public void forward(float[] obs, byte[] mask, int n, float[] probsOut, float[] valuesOut, float[] logpOut) {
        forward(obs, mask, null, n, probsOut, valuesOut, logpOut);
    }

    /**
     * As {@link #forward(float[], byte[], int, float[], float[], float[])}, with the global state
     * of each sample's environment ({@code n × stateSize}) for a centralised critic; it may be null
     * when no values are asked for or the network has no centralised critic.
     */
    public void forward(float[] obs, byte[] mask, float[] state, int n, float[] probsOut, float[] valuesOut, float[] logpOut) {
        int rows = paddedRows(n);
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("obs", rows(obs, n, rows, config.observationSize()));
        ph.put("mask", maskRows(mask, n, rows));
        List<String> wanted = new java.util.ArrayList<>(3);
        if (probsOut != null) wanted.add("probs");
        if (logpOut != null) wanted.add("logp");
        if (valuesOut != null) {
            wanted.add("value");
            if (config.centralCritic()) {
                if (state == null) throw new IllegalArgumentException("a centralised critic needs the global state for values");
                ph.put("state", rows(state, n, rows, config.stateSize()));
            }
        }
        if (wanted.isEmpty()) {
            release(ph.values());
            return;
        }
        boundSessionCache(sd);
        Map<String, INDArray> out = sd.output(ph, wanted.toArray(String[]::new));
        try {
            int a = config.numActions();
            if (probsOut != null) copyInto(out.get("probs"), probsOut, n * a);
            if (valuesOut != null) copyInto(out.get("value"), valuesOut, n);
            if (logpOut != null) copyInto(out.get("logp"), logpOut, n * a);
        } finally {
            release(ph.values());
            release(out.values());
            NativeMemoryGuard.afterGraphCall();
        }
    }

    /**
     * Gradient of the actor-critic loss over {@code n} samples, written into {@code gradOut}
     * (flat, parameter layout) and clipped to {@link PolicyConfig#maxGradNorm} in global norm.
     *
     * @param weights per-sample weights (summing to 1 makes every term a mean)
     * @param advice  the teacher's action per sample ({@link tsunami.env.StepBatch#NO_ADVICE} where none), or null
     * @param teacherWeight weight of the cross-entropy towards the advice (0: ignore it)
     */
    public LossStats gradient(float[] obs, byte[] mask, int[] actions, float[] advantages, float[] vsTargets,
                              float[] weights, int[] advice, double teacherWeight, int n, float[] gradOut) {
        return gradient(obs, mask, null, actions, advantages, vsTargets, weights, advice, teacherWeight, n, gradOut);
    }

    /** As above, with the global state per sample ({@code n × stateSize}) that a centralised critic needs; null otherwise. */
    public LossStats gradient(float[] obs, byte[] mask, float[] state, int[] actions, float[] advantages, float[] vsTargets,
                              float[] weights, int[] advice, double teacherWeight, int n, float[] gradOut) {
        return gradient(obs, mask, state, actions, null, advantages, vsTargets, weights, advice, teacherWeight, n, gradOut);
    }

    /**
     * As above, with the acting policy's log-probability of each sample's action, which PPO's
     * clipped surrogate ({@link PolicyConfig#ppoClip} above 0) needs; null under V-trace.
     */
    public LossStats gradient(float[] obs, byte[] mask, float[] state, int[] actions, float[] behaviourLogp, float[] advantages,
                              float[] vsTargets, float[] weights, int[] advice, double teacherWeight, int n, float[] gradOut) {
        int a = config.numActions(), rows = paddedRows(n);   // padding rows weigh 0: no term of the loss sees them
        float[] oneHot = new float[rows * a];
        for (int i = 0; i < n; i++) oneHot[i * a + actions[i]] = 1f;
        float[] teacherHot = new float[rows * a];
        float[] teacherWeights = new float[rows];
        boolean advised = false;
        for (int i = 0; advice != null && i < n; i++) {
            if (advice[i] < 0) continue;
            advised = true;
            teacherHot[i * a + advice[i]] = 1f;
            teacherWeights[i] = (float) (teacherWeight * weights[i]);
        }
        Map<String, INDArray> ph = new HashMap<>();
        ph.put("obs", rows(obs, n, rows, config.observationSize()));
        ph.put("mask", maskRows(mask, n, rows));
        ph.put("actions", Nd4j.create(oneHot, new long[]{rows, a}, 'c'));
        ph.put("advantages", column(advantages, n, rows));
        ph.put("vs", column(vsTargets, n, rows));
        ph.put("weights", column(weights, n, rows));
        ph.put("teacher", Nd4j.create(teacherHot, new long[]{rows, a}, 'c'));
        ph.put("teacherWeights", Nd4j.create(teacherWeights, new long[]{rows}, 'c'));
        if (config.centralCritic()) {
            if (state == null) throw new IllegalArgumentException("a centralised critic needs the global state");
            ph.put("state", rows(state, n, rows, config.stateSize()));
        }
        if (config.ppoClip() > 0) {
            if (behaviourLogp == null) throw new IllegalArgumentException("PPO's clipped surrogate needs the acting policy's log-probabilities");
            ph.put("behaviourLogp", column(behaviourLogp, n, rows));
        }
        // log-probabilities come back only when needed, for the cross-entropy to the advice
        List<String> outputs = advised ? List.of("policyLoss", "valueLoss", "entropy", "logp") : List.of("policyLoss", "valueLoss", "entropy");
        boundSessionCache(sd);
        boundSessionCache(sd.getFunction("grad"));
        OutAndGrad og = sd.calculateGradientsAndOutputs(ph, outputs, layout.names());
        Map<String, INDArray> o = og.getOutputs();
        try {
            for (ParameterLayout.Block b : layout.blocks()) copyBlock(og.getGradients().get(b.name()), b, gradOut);
            double norm = clipByGlobalNorm(gradOut, config.maxGradNorm());
            return new LossStats(o.get("policyLoss").getDouble(0), o.get("valueLoss").getDouble(0), o.get("entropy").getDouble(0),
                    advised ? crossEntropy(o.get("logp"), advice, weights, n) : 0, norm);
        } finally {
            release(ph.values());
            release(o.values());
            release(og.getGradients().values());
            NativeMemoryGuard.afterGraphCall();
        }
    }

    /**
     * Gives the calling thread its session of {@code graph} now, as SameDiff would at the graph's
     * first run on this thread, but with its array cache bounded by {@link #SESSION_CACHE_BYTES}.
     */
    private static void boundSessionCache(SameDiff graph) {
        graph.getSessions().computeIfAbsent(Thread.currentThread().threadId(), thread -> {
            InferenceSession session = SameDiff.getInferenceFactory().create(graph);
            if (session.getMmgr() instanceof ArrayCacheMemoryMgr cache) {
                cache.setMaxCacheBytes(SESSION_CACHE_BYTES);
                caches.add(cache);
            }
            return session;
        });
    }

    /** Bytes the graph sessions of every policy network in this JVM hold in their array caches (for diagnostics). */
    static long cachedBytes() {
        synchronized (caches) {
            long sum = 0;
            for (ArrayCacheMemoryMgr c : caches) sum += c.getCurrentCacheSize();
            return sum;
        }
    }

    /** Bytes this network's graph sessions (every thread's, forward and gradient) hold in their array caches. */
    long sessionCacheBytes() {
        long sum = 0;
        for (SameDiff graph : List.of(sd, sd.getFunction("grad"))) {
            for (InferenceSession session : graph.getSessions().values()) {
                if (session.getMmgr() instanceof ArrayCacheMemoryMgr cache) sum += cache.getCurrentCacheSize();
            }
        }
        return sum;
    }

    /** Weighted mean of −log π(advice) over the samples that have advice; 0 when none has. */
    private double crossEntropy(INDArray logp, int[] advice, float[] weights, int n) {
        int a = config.numActions();
        float[] lp = floats(logp);
        double sum = 0, weight = 0;
        for (int i = 0; i < n; i++) {
            if (advice[i] < 0) continue;
            sum -= weights[i] * lp[i * a + advice[i]];
            weight += weights[i];
        }
        return weight == 0 ? 0 : sum / weight;
    }

    /** Scales {@code grad} so its L2 norm is at most {@code maxNorm}; returns the norm before scaling. */
    static double clipByGlobalNorm(float[] grad, double maxNorm) {
        double sq = 0;
        for (float g : grad) sq += (double) g * g;
        double norm = Math.sqrt(sq);
        if (norm > maxNorm) {
            float scale = (float) (maxNorm / norm);
            for (int i = 0; i < grad.length; i++) grad[i] *= scale;
        }
        return norm;
    }

    /**
     * The number of rows a batch of {@code n} samples is padded to: {@code n} up to 16, then the
     * next of 8 evenly spaced sizes per doubling (at most 12.5% more rows). Why: native
     * memory is kept, for good, for every batch size the graphs meet (about 80 kB per new size in
     * a forward pass; by all signs libnd4j's shape and sub-array descriptor caches); the inference
     * server's batches (1 to thousands of agents) and the learners' (agents alive vary) met new
     * sizes for as long as training ran, and the process grew by tens of MB a minute. Padding
     * bounds the shapes to 8 per doubling. Padding rows weigh nothing in the loss and their
     * outputs are dropped.
     */
    static int paddedRows(int n) {
        if (n <= 16) return n;
        int step = Integer.highestOneBit(n) / 8;
        return (n + step - 1) / step * step;
    }

    /** {@code n} rows of {@code width} from {@code data}, then zero rows up to {@code rows}. */
    private static INDArray rows(float[] data, int n, int rows, int width) {
        return Nd4j.create(padded(data, n * width, rows * width), new long[]{rows, width}, 'c');
    }

    /** {@code n} values, then zeros up to {@code rows}. */
    private static INDArray column(float[] data, int n, int rows) {
        return Nd4j.create(padded(data, n, rows), new long[]{rows}, 'c');
    }

    /** The first {@code used} values of {@code data} (zeros where it is shorter), then zeros up to {@code length}. */
    private static float[] padded(float[] data, int used, int length) {
        if (data.length == length && used == length) return data;
        float[] out = new float[length];
        System.arraycopy(data, 0, out, 0, Math.min(data.length, used));
        return out;
    }

    /** The legal-action mask of {@code n} samples as 0/1, padding rows all legal (so their softmax stays finite). */
    private INDArray maskRows(byte[] mask, int n, int rows) {
        int a = config.numActions();
        float[] m = new float[rows * a];
        for (int i = 0; i < n * a; i++) m[i] = mask[i] != 0 ? 1f : 0f;
        Arrays.fill(m, n * a, rows * a, 1f);
        return Nd4j.create(m, new long[]{rows, a}, 'c');
    }

    /** One named array into its place in a flat vector. */
    private static void copyBlock(INDArray arr, ParameterLayout.Block b, float[] flat) {
        float[] v = floats(arr);
        if (v.length != b.size()) throw new IllegalStateException(b.name() + " holds " + v.length + " floats, its layout " + b.size());
        System.arraycopy(v, 0, flat, b.offset(), v.length);
    }

    /** The first {@code count} values of {@code arr} (row-major) into {@code dst}, or as many as {@code dst} holds. */
    private static void copyInto(INDArray arr, float[] dst, int count) {
        float[] v = floats(arr);
        System.arraycopy(v, 0, dst, 0, Math.min(count, dst.length));
    }

    /** The array's values in row-major order; a copy made to get them is freed at once. */
    private static float[] floats(INDArray arr) {
        if (!arr.isView() && arr.ordering() == 'c' && arr.data().length() == arr.length()) return arr.data().asFloat();
        INDArray copy = arr.dup('c');
        try {
            return copy.data().asFloat();
        } finally {
            copy.close();
        }
    }

    /**
     * Frees the native memory of arrays made for or returned by one graph call now. ND4J frees
     * an array's off-heap buffer only when its small Java wrapper is garbage collected; with a
     * heap of gigabytes that happens rarely, and training's RSS grew by gigabytes a minute.
     */
    private static void release(Iterable<INDArray> arrays) {
        for (INDArray arr : arrays) {
            if (arr != null && arr.closeable()) arr.close();
        }
    }
}
