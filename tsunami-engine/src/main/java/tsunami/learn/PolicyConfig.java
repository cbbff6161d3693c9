package tsunami.learn;

import tsunami.env.EntityLayout;

/**
 * Shape and training hyper-parameters of the shared policy: one network evaluated per agent
 * (every unit of the learning side), so its input is one agent's observation.
 *
 * @param observationSize floats in one agent's observation
 * @param numActions      discrete actions per agent
 * @param hidden          width of the two hidden layers
 * @param learningRate    Adam step size
 * @param gamma           discount per environment step
 * @param entropyCoef     weight of the entropy bonus
 * @param valueCoef       weight of the value loss
 * @param maxGradNorm     global gradient norm above which gradients are scaled down
 * @param rhoBar          V-trace importance-weight clip for the value target (and policy gradient)
 * @param cBar            V-trace trace-cutting clip
 * @param defaultActionPrior probability the fresh policy gives action 0 (the environment's default,
 *                        e.g. "keep the current order" in the arena); the rest is spread evenly.
 *                        0 leaves the fresh policy uniform.
 * @param stateSize       0: the value head sits on the actor's own trunk and sees the agent's
 *                        observation; above 0: a centralised critic, a separate trunk fed the
 *                        environment's global state of this many floats ({@link tsunami.env.EnvSpec#stateSize}),
 *                        while the actor keeps its own observation (MAPPO, Yu et al. 2022)
 * @param valueNorm       the value head predicts V-trace targets normalised by their running mean
 *                        and deviation ({@link ValueNormalizer}) instead of raw returns
 * @param entities        null: the actor is an MLP over the flat observation; otherwise the
 *                        observation's units as the layout describes them, read by an entity
 *                        network ({@link PolicyNetwork}): per-unit embeddings pooled over allies and
 *                        enemies, and target actions scored against each enemy's embedding
 * @param ppoClip         0: the V-trace policy gradient; above 0: PPO's clipped surrogate with this
 *                        clip on the ratio of the learned to the acting policy (Schulman et al. 2017)
 */
public record PolicyConfig(int observationSize, int numActions, int hidden,
                           double learningRate, double gamma, double entropyCoef, double valueCoef,
                           double maxGradNorm, double rhoBar, double cBar, double defaultActionPrior,
                           int stateSize, boolean valueNorm, EntityLayout entities, double ppoClip) {
    public PolicyConfig {
        if (entities != null && (entities.observationSize() != observationSize || entities.numActions() != numActions)) {
            throw new IllegalArgumentException("entity layout " + entities + " does not describe " + observationSize + " inputs and "
                    + numActions + " actions");
        }
        if (!(ppoClip >= 0 && ppoClip < 1)) throw new IllegalArgumentException("PPO clip must be in [0, 1), got " + ppoClip);
        if (observationSize <= 0 || numActions <= 0 || hidden <= 0 || stateSize < 0) {
            throw new IllegalArgumentException("policy sizes must be positive: " + observationSize + "/" + numActions + "/" + hidden);
        }
        if (!(learningRate > 0) || !(gamma >= 0 && gamma <= 1) || !(maxGradNorm > 0) || !(rhoBar > 0) || !(cBar > 0)
                || !(defaultActionPrior >= 0 && defaultActionPrior < 1)) {
            throw new IllegalArgumentException("bad policy hyper-parameters: " + this);
        }
        long n = paramCount(observationSize, numActions, hidden, stateSize, entities);
        if (n > MAX_PARAMS) {
            throw new IllegalArgumentException("policy sizes " + observationSize + "/" + numActions + "/" + hidden + "/" + stateSize + " need " + n
                    + " parameters, more than the " + MAX_PARAMS + " a network can have");
        }
    }

    /** Most trainable floats a network may have: a float array (and its 4 bytes each as a byte array) must be addressable. */
    public static final long MAX_PARAMS = (Integer.MAX_VALUE - 64) / 4;

    /** Trainable floats of a network of these sizes, in long arithmetic so that no size can overflow it. */
    static long paramCount(long observationSize, long numActions, long hidden, long stateSize, EntityLayout entities) {
        if (entities != null) {
            // embeddings of self, ally and enemy, the trunk over the three pooled, heads (see ParameterLayout)
            long actor = Math.addExact(Math.addExact(Math.addExact(
                    Math.multiplyExact(entities.selfSize() + entities.allySize() + entities.enemySize(), hidden) + 3 * hidden,
                    Math.multiplyExact(3 * hidden, hidden) + hidden),
                    Math.multiplyExact(hidden, entities.firstTargetAction()) + entities.firstTargetAction()),
                    Math.multiplyExact(hidden, hidden) + hidden + 1 + hidden + 1);
            if (stateSize == 0) return actor;
            return Math.addExact(actor, Math.addExact(Math.multiplyExact(stateSize, hidden) + hidden, Math.multiplyExact(hidden, hidden) + hidden));
        }
        // two hidden layers, a policy head and a value head, each weights then bias (see ParameterLayout)
        long actor = Math.addExact(Math.addExact(Math.addExact(
                Math.multiplyExact(observationSize, hidden) + hidden,
                Math.multiplyExact(hidden, hidden) + hidden),
                Math.multiplyExact(hidden, numActions) + numActions),
                hidden + 1);
        if (stateSize == 0) return actor;
        // the centralised critic's own two hidden layers
        return Math.addExact(actor, Math.addExact(Math.multiplyExact(stateSize, hidden) + hidden, Math.multiplyExact(hidden, hidden) + hidden));
    }

    /*
     * The defaults of every trainer, {@code monkey train} included (its flags name these). The
     * learning rate and entropy weight are the ones the published results were measured with:
     * arena returns are about 1 per episode, so the entropy bonus is small.
     */
    public static final int DEFAULT_HIDDEN = 128;
    public static final double DEFAULT_LEARNING_RATE = 3e-4;
    public static final double DEFAULT_GAMMA = 0.99;
    public static final double DEFAULT_ENTROPY_COEF = 0.003;
    /** Weight of the value loss beside the policy loss; with a local critic both train the shared trunk. */
    public static final double DEFAULT_VALUE_COEF = 0.5;
    /** IMPALA's trace clip (rho_bar = c_bar = 1). */
    public static final double DEFAULT_C_BAR = 1.0;

    /** The defaults: see the constants above; gradient norm 10, a uniform fresh policy. */
    public static PolicyConfig defaults(int observationSize, int numActions) {
        return new PolicyConfig(observationSize, numActions, DEFAULT_HIDDEN, DEFAULT_LEARNING_RATE, DEFAULT_GAMMA, DEFAULT_ENTROPY_COEF,
                DEFAULT_VALUE_COEF, 10.0, 1.0, DEFAULT_C_BAR, 0.0, 0, false, null, 0);
    }

    public PolicyConfig withLearningRate(double lr) {
        return new PolicyConfig(observationSize, numActions, hidden, lr, gamma, entropyCoef, valueCoef, maxGradNorm, rhoBar, cBar, defaultActionPrior, stateSize, valueNorm, entities, ppoClip);
    }

    public PolicyConfig withHidden(int h) {
        return new PolicyConfig(observationSize, numActions, h, learningRate, gamma, entropyCoef, valueCoef, maxGradNorm, rhoBar, cBar, defaultActionPrior, stateSize, valueNorm, entities, ppoClip);
    }

    public PolicyConfig withGamma(double g) {
        return new PolicyConfig(observationSize, numActions, hidden, learningRate, g, entropyCoef, valueCoef, maxGradNorm, rhoBar, cBar, defaultActionPrior, stateSize, valueNorm, entities, ppoClip);
    }

    public PolicyConfig withEntropyCoef(double e) {
        return new PolicyConfig(observationSize, numActions, hidden, learningRate, gamma, e, valueCoef, maxGradNorm, rhoBar, cBar, defaultActionPrior, stateSize, valueNorm, entities, ppoClip);
    }

    public PolicyConfig withValueCoef(double v) {
        return new PolicyConfig(observationSize, numActions, hidden, learningRate, gamma, entropyCoef, v, maxGradNorm, rhoBar, cBar, defaultActionPrior, stateSize, valueNorm, entities, ppoClip);
    }

    /** Trace-cutting clip: below 1 it also shortens the traces on-policy (like TD(lambda) with lambda = cBar), trading bias for variance. */
    public PolicyConfig withCBar(double c) {
        return new PolicyConfig(observationSize, numActions, hidden, learningRate, gamma, entropyCoef, valueCoef, maxGradNorm, rhoBar, c, defaultActionPrior, stateSize, valueNorm, entities, ppoClip);
    }

    public PolicyConfig withDefaultActionPrior(double p) {
        return new PolicyConfig(observationSize, numActions, hidden, learningRate, gamma, entropyCoef, valueCoef, maxGradNorm, rhoBar, cBar, p, stateSize, valueNorm, entities, ppoClip);
    }

    /** A centralised critic fed a global state of {@code size} floats; 0: the value head on the actor's trunk. */
    public PolicyConfig withStateSize(int size) {
        return new PolicyConfig(observationSize, numActions, hidden, learningRate, gamma, entropyCoef, valueCoef, maxGradNorm, rhoBar, cBar,
                defaultActionPrior, size, valueNorm, entities, ppoClip);
    }

    public PolicyConfig withValueNorm(boolean on) {
        return new PolicyConfig(observationSize, numActions, hidden, learningRate, gamma, entropyCoef, valueCoef, maxGradNorm, rhoBar, cBar,
                defaultActionPrior, stateSize, on, entities, ppoClip);
    }

    /** The entity network over this layout of units; null: the MLP. */
    public PolicyConfig withEntities(EntityLayout layout) {
        return new PolicyConfig(observationSize, numActions, hidden, learningRate, gamma, entropyCoef, valueCoef, maxGradNorm, rhoBar, cBar,
                defaultActionPrior, stateSize, valueNorm, layout, ppoClip);
    }

    /**
     * This entity network reading units laid out as {@code units} (another side of a scenario, with
     * other slot counts): the same parameters fit, since they do not depend on the slots.
     *
     * @throws IllegalArgumentException when this is no entity network or the unit blocks differ ({@link EntityLayout#sameUnits})
     */
    public PolicyConfig readingUnits(EntityLayout units) {
        if (entities == null || !entities.sameUnits(units)) {
            throw new IllegalArgumentException("a network over " + entities + " cannot read units laid out as " + units);
        }
        return new PolicyConfig(units.observationSize(), units.numActions(), hidden, learningRate, gamma, entropyCoef, valueCoef, maxGradNorm,
                rhoBar, cBar, defaultActionPrior, stateSize, valueNorm, units, ppoClip);
    }

    /** PPO's clipped surrogate with this clip; 0: the V-trace policy gradient. */
    public PolicyConfig withPpoClip(double clip) {
        return new PolicyConfig(observationSize, numActions, hidden, learningRate, gamma, entropyCoef, valueCoef, maxGradNorm, rhoBar, cBar,
                defaultActionPrior, stateSize, valueNorm, entities, clip);
    }

    /** Whether the actor is the entity network (else the MLP). */
    public boolean entityNetwork() {
        return entities != null;
    }

    /** Whether the value head is a centralised critic fed the global state. */
    public boolean centralCritic() {
        return stateSize > 0;
    }

    /** Where each parameter array lies in the flat parameter vector. */
    public ParameterLayout layout() {
        return ParameterLayout.of(this);
    }

    /** Number of trainable floats. */
    public int numParams() {
        // bounded by MAX_PARAMS in the constructor, so the int cannot overflow
        return Math.toIntExact(paramCount(observationSize, numActions, hidden, stateSize, entities));
    }

    /**
     * Whether parameters trained under {@code other} fit this network: same sizes. The other
     * fields (step size, discount, loss weights, clips) can change between two sessions of a run;
     * {@code defaultActionPrior} only shapes fresh parameters. Value normalisation changes what the
     * value head's output means, so it counts as part of the network.
     */
    public boolean sameNetwork(PolicyConfig other) {
        return observationSize == other.observationSize && numActions == other.numActions && hidden == other.hidden
                && stateSize == other.stateSize && valueNorm == other.valueNorm && java.util.Objects.equals(entities, other.entities);
    }
}
