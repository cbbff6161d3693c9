package tsunami.bots.arena;

import org.junit.jupiter.api.Test;
import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;
import tsunami.bots.heuristic.Heuristic;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpponentPoolTest {
    /** Counts the games it starts and the frames it plays. */
    static final class Counting implements Heuristic {
        int starts, frames;

        @Override public String name() { return "counting"; }
        @Override public String description() { return ""; }
        @Override public void onStart(GameView game, int player) { starts++; }
        @Override public void onFrame(GameView game, int player, Commands commands) { frames++; }
    }

    @Test
    void eachGameDrawsOneMemberFollowingTheWeights() {
        Counting a = new Counting(), b = new Counting(), c = new Counting();
        OpponentPool pool = new OpponentPool("pool", List.of(new OpponentPool.Member(a, 0.5), new OpponentPool.Member(b, 0.25),
                new OpponentPool.Member(c, 0.25)), 42);
        int games = 20_000;
        for (int g = 0; g < games; g++) {
            pool.onStart(null, 1);
            pool.onFrame(null, 1, null);
            pool.onFrame(null, 1, null);
        }
        assertEquals(games, a.starts + b.starts + c.starts);
        assertEquals(2 * games, a.frames + b.frames + c.frames, "only the drawn member plays the game's frames");
        // binomial deviation at 20,000 games is about 0.0035; 5 deviations
        assertEquals(0.50, a.starts / (double) games, 0.018);
        assertEquals(0.25, b.starts / (double) games, 0.016);
        assertEquals(0.25, c.starts / (double) games, 0.016);
        double chi2 = chi2(new int[]{a.starts, b.starts, c.starts}, new double[]{0.5, 0.25, 0.25}, games);
        assertTrue(chi2 < 13.8, "chi-square with 2 degrees of freedom below its 0.1% point: " + chi2);
    }

    @Test
    void unnormalisedWeightsAreProportionsAndTheSameSeedDrawsTheSameGames() {
        Counting a = new Counting(), b = new Counting();
        OpponentPool pool = new OpponentPool("pool", List.of(new OpponentPool.Member(a, 3), new OpponentPool.Member(b, 1)), 7);
        Counting a2 = new Counting(), b2 = new Counting();
        OpponentPool again = new OpponentPool("pool", List.of(new OpponentPool.Member(a2, 3), new OpponentPool.Member(b2, 1)), 7);
        for (int g = 0; g < 4000; g++) {
            pool.onStart(null, 0);
            again.onStart(null, 0);
            assertSame(pool.current() == a ? a2 : b2, again.current(), "game " + g);
        }
        assertEquals(0.75, a.starts / 4000.0, 0.035);
        assertThrows(IllegalArgumentException.class, () -> new OpponentPool.Member(a, 0));
        assertThrows(IllegalArgumentException.class, () -> new OpponentPool.Member(a, Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new OpponentPool("pool", List.of(), 1));
    }

    private static double chi2(int[] counts, double[] p, int n) {
        double s = 0;
        for (int i = 0; i < counts.length; i++) {
            double e = p[i] * n;
            s += (counts[i] - e) * (counts[i] - e) / e;
        }
        return s;
    }
}
