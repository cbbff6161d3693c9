package tsunami.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PairedRoundsTest {
    @Test
    void alternatesWhoGoesFirstAndReportsMediansAndTheMedianPairRatio() throws Exception {
        List<String> order = new ArrayList<>();
        // the first value of each side is its warm-up round, which must not count
        ArrayDeque<Double> ours = new ArrayDeque<>(List.of(999.0, 10.0, 30.0, 20.0, 50.0, 40.0));
        ArrayDeque<Double> peer = new ArrayDeque<>(List.of(1.0, 5.0, 10.0, 40.0, 10.0, 20.0));
        PairedRounds paired = new PairedRounds(line -> { });
        paired.compare(List.of("x_per_s"), 1, 5,
                () -> { order.add("ours"); return new double[]{ours.pop()}; },
                () -> { order.add("peer"); return new double[]{peer.pop()}; });
        assertEquals(List.of("ours", "peer", "ours", "peer", "peer", "ours", "ours", "peer", "peer", "ours", "ours", "peer"), order);
        Map<String, Number> f = paired.figures();
        assertEquals(List.of("x_per_s", "x_per_s_peer", "x_per_s_ratio", "x_per_s_ratio_min", "x_per_s_ratio_max"), List.copyOf(f.keySet()));
        assertEquals(30.0, f.get("x_per_s").doubleValue());
        assertEquals(10.0, f.get("x_per_s_peer").doubleValue());
        // per-round ratios 2, 3, 0.5, 5, 2 -> median 2, spread 0.5..5 (not 30 / 10: pairs, not medians, are divided)
        assertEquals(2.0, f.get("x_per_s_ratio").doubleValue());
        assertEquals(0.5, f.get("x_per_s_ratio_min").doubleValue());
        assertEquals(5.0, f.get("x_per_s_ratio_max").doubleValue());
    }

    @Test
    void aRoundThatReturnsTheWrongNumberOfFiguresIsAnError() {
        PairedRounds paired = new PairedRounds(line -> { });
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> paired.compare(List.of("a", "b"), 0, 1, () -> new double[]{1, 2}, () -> new double[]{1}));
        assertEquals("peer round returned 1 figures for keys [a, b]", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> paired.compare(List.of("a"), 0, 0, () -> new double[]{1}, () -> new double[]{1}));
    }

    @Test
    void aFigureAloneIsTheMedianOfItsRoundsAfterWarmUp() throws Exception {
        double[] xs = {100, 3, 1, 2};
        int[] i = {0};
        Map<String, Number> f = new PairedRounds(line -> { }).alone("floor_us", 1, 3, () -> new double[]{xs[i[0]++]}).figures();
        assertEquals(Map.of("floor_us", 2.0), f);
    }
}
