package tsunami.learn;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ParameterLayoutTest {
    private static final PolicyConfig CONFIG = PolicyConfig.defaults(5, 4).withHidden(3);

    @Test
    void blocksFollowOneAnotherWithTheirLayersShapes() {
        ParameterLayout layout = CONFIG.layout();
        assertEquals(List.of("w1", "b1", "w2", "b2", "wp", "bp", "wv", "bv"), layout.names());
        int at = 0;
        for (ParameterLayout.Block b : layout.blocks()) {
            assertEquals(at, b.offset(), b.name() + " starts where the previous array ends");
            at += b.size();
        }
        assertEquals(at, layout.size());
        assertEquals(5 * 3 + 3 + 3 * 3 + 3 + 3 * 4 + 4 + 3 + 1, CONFIG.numParams());
        assertArrayEquals(new long[]{3, 4}, layout.block("wp").shape());
        assertArrayEquals(new long[]{4}, layout.biasOf("wp").shape());
    }

    @Test
    void theNetworkReadsAndWritesEveryArrayAtItsPlace() {
        // distinct values: an array read from or written to the wrong place would show
        float[] flat = new float[CONFIG.numParams()];
        for (int i = 0; i < flat.length; i++) flat[i] = i;
        PolicyNetwork net = new PolicyNetwork(CONFIG);
        net.setParams(flat);
        assertArrayEquals(flat, net.params());
        // the action prior goes to the policy head's bias, which the layout places
        double[] prior = {0.7, 0.1, 0.1, 0.1};
        float[] fresh = PolicyNetwork.initialParams(CONFIG, 3, prior);
        int bp = CONFIG.layout().biasOf(ParameterLayout.POLICY).offset();
        for (int k = 0; k < prior.length; k++) assertEquals(Math.log(prior[k]), fresh[bp + k], 1e-6);
        float[] probs = new float[4];
        net.setParams(fresh);
        net.forward(new float[5], new byte[]{1, 1, 1, 1}, 1, probs, null, null);
        assertEquals(0.7, probs[0], 1e-3, "a zero observation sees the bias alone");
    }
}
