package tsunami.learn;

import java.util.List;

/**
 * Where each named parameter array of the policy lies in its flat parameter vector, the one
 * layout that the network graph, fresh initialisation, gradients, checkpoints and the parameter
 * server share: two hidden layers, a policy head and a value head, each a weight matrix
 * (fan-in × fan-out, row-major) followed by its bias; with a centralised critic, the critic's own
 * two hidden layers (fed the global state) come last, and the value head reads them instead.
 *
 * @param blocks the arrays in flat order, each starting where the previous one ends
 */
public record ParameterLayout(List<Block> blocks) {
    /** One named array: {@code rows × cols} floats from {@code offset} (a bias has {@code rows == 1} and is one-dimensional). */
    public record Block(String name, int offset, int rows, int cols, boolean bias) {
        public int size() {
            return rows * cols;
        }

        /** The array's shape as the graph declares it: {@code {rows, cols}} for a weight matrix, {@code {cols}} for a bias. */
        public long[] shape() {
            return bias ? new long[]{cols} : new long[]{rows, cols};
        }
    }

    public static final String HIDDEN1 = "w1", HIDDEN2 = "w2", POLICY = "wp", VALUE = "wv";
    /** The centralised critic's hidden layers (present only when {@link PolicyConfig#stateSize} is above 0). */
    public static final String CRITIC1 = "wc1", CRITIC2 = "wc2";
    /**
     * The entity network's arrays: embeddings of the agent itself, of one ally and of one enemy
     * (shared by all slots), the query that scores enemies as targets, and the bias every target
     * logit shares. Its trunk is {@link #HIDDEN2} (fed the three embeddings pooled), its head for
     * the actions before the targets {@link #POLICY}, its value head {@link #VALUE}.
     */
    public static final String SELF_EMBED = "es", ALLY_EMBED = "ea", ENEMY_EMBED = "ee", QUERY = "wq", TARGET_BIAS = "bt";

    public ParameterLayout {
        blocks = List.copyOf(blocks);
    }

    /** The layout of a policy with this configuration's sizes. */
    public static ParameterLayout of(PolicyConfig c) {
        int o = c.observationSize(), h = c.hidden(), a = c.numActions();
        Builder b = new Builder();
        if (c.entityNetwork()) {
            tsunami.env.EntityLayout e = c.entities();
            b.layer(SELF_EMBED, "bes", e.selfSize(), h);
            b.layer(ALLY_EMBED, "bea", e.allySize(), h);
            b.layer(ENEMY_EMBED, "bee", e.enemySize(), h);
            b.layer(HIDDEN2, "b2", 3 * h, h);
            b.layer(POLICY, "bp", h, e.firstTargetAction());
            b.layer(QUERY, "bq", h, h);
            b.blocks.add(new Block(TARGET_BIAS, b.at, 1, 1, true));
            b.at += 1;
        } else {
            b.layer(HIDDEN1, "b1", o, h);
            b.layer(HIDDEN2, "b2", h, h);
            b.layer(POLICY, "bp", h, a);
        }
        b.layer(VALUE, "bv", h, 1);
        if (c.centralCritic()) {
            // after the actor's arrays, so that the actor's part of the vector is laid out alike either way
            b.layer(CRITIC1, "bc1", c.stateSize(), h);
            b.layer(CRITIC2, "bc2", h, h);
        }
        return new ParameterLayout(b.blocks);
    }

    /** Floats in the flat vector. */
    public int size() {
        Block last = blocks.get(blocks.size() - 1);
        return last.offset() + last.size();
    }

    /** The array called {@code name}. */
    public Block block(String name) {
        for (Block b : blocks) if (b.name().equals(name)) return b;
        throw new IllegalArgumentException("no parameter array " + name + " in " + blocks);
    }

    /** The bias that follows the weight matrix {@code weights}. */
    public Block biasOf(String weights) {
        return blocks.get(blocks.indexOf(block(weights)) + 1);
    }

    /** The names in flat order. */
    public List<String> names() {
        return blocks.stream().map(Block::name).toList();
    }

    private static final class Builder {
        final java.util.ArrayList<Block> blocks = new java.util.ArrayList<>();
        int at;

        void layer(String weights, String bias, int fanIn, int fanOut) {
            blocks.add(new Block(weights, at, fanIn, fanOut, false));
            at += fanIn * fanOut;
            blocks.add(new Block(bias, at, 1, fanOut, true));
            at += fanOut;
        }
    }
}
