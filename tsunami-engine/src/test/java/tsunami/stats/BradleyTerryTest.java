package tsunami.stats;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rating maths against answers worked out by hand. */
class BradleyTerryTest {
    private static final double Z95 = 1.959963984540054;

    /** score and games matrices from a list of {i, j, wins of i, draws, wins of j}. */
    private static double[][][] results(int n, int[]... rows) {
        double[][] score = new double[n][n], games = new double[n][n];
        for (int[] r : rows) {
            int i = r[0], j = r[1];
            score[i][j] += r[2] + r[3] / 2.0;
            score[j][i] += r[4] + r[3] / 2.0;
            games[i][j] += r[2] + r[3] + r[4];
            games[j][i] += r[2] + r[3] + r[4];
        }
        return new double[][][]{score, games};
    }

    private static BradleyTerry.Fit fit(int n, double prior, int[]... rows) {
        double[][][] r = results(n, rows);
        return BradleyTerry.fit(r[0], r[1], prior);
    }

    @Test
    void twoBotsThreeWinsOfFourGiveOddsOfThreeAndTheBinomialInterval() {
        BradleyTerry.Fit f = fit(2, 0, new int[]{0, 1, 3, 0, 1});
        // P(A beats B) = 3/4 means odds 3: the Elo gap is 400 log10 3, split about the mean 0
        double half = 400 * Math.log10(3) / 2;
        assertEquals(half, f.rating(0).elo(), 1e-6);
        assertEquals(-half, f.rating(1).elo(), 1e-6);
        assertEquals(0.75, f.winProbability(0, 1), 1e-9);
        // Fisher information of the gap: n p (1-p) = 4 * 3/16 = 3/4; each bot carries half the gap, so var(theta_A) = 1/(4 * 3/4) = 1/3
        double halfWidth = Z95 * BradleyTerry.ELO_PER_NAT * Math.sqrt(1.0 / 3);
        assertEquals(halfWidth, f.rating(0).halfWidth(), 1e-6);
        assertEquals(half - halfWidth, f.rating(0).low95(), 1e-6);
    }

    @Test
    void threeBotsWithResultsExactlyAtStrengthsFourTwoOneRecoverThem() {
        // strengths 4:2:1 expect A-B 4 of 6, B-C 4 of 6, A-C 4 of 5; these counts satisfy the likelihood equations exactly
        BradleyTerry.Fit f = fit(3, 0, new int[]{0, 1, 4, 0, 2}, new int[]{1, 2, 4, 0, 2}, new int[]{0, 2, 4, 0, 1});
        double step = 400 * Math.log10(2);
        assertEquals(step, f.rating(0).elo(), 1e-6);
        assertEquals(0, f.rating(1).elo(), 1e-6);
        assertEquals(-step, f.rating(2).elo(), 1e-6);
    }

    @Test
    void drawsCountHalfAWin() {
        BradleyTerry.Fit even = fit(2, 0, new int[]{0, 1, 1, 2, 1});
        assertEquals(0, even.rating(0).elo(), 1e-6);
        assertEquals(0, even.rating(1).elo(), 1e-6);
        // one win and one draw in two games is 1.5 of 2 points: the same 3:1 odds as three wins of four
        BradleyTerry.Fit winAndDraw = fit(2, 0, new int[]{0, 1, 1, 1, 0});
        assertEquals(400 * Math.log10(3) / 2, winAndDraw.rating(0).elo(), 1e-6);
    }

    @Test
    void symmetricResultsGiveEqualRatingsAndEqualIntervals() {
        // a rock-paper-scissors cycle: each bot beats the next 7-3
        BradleyTerry.Fit f = fit(3, 0, new int[]{0, 1, 7, 0, 3}, new int[]{1, 2, 7, 0, 3}, new int[]{2, 0, 7, 0, 3});
        for (int i = 0; i < 3; i++) {
            assertEquals(0, f.rating(i).elo(), 1e-6);
            assertEquals(f.rating(0).halfWidth(), f.rating(i).halfWidth(), 1e-9);
        }
        assertTrue(f.rating(0).halfWidth() > 0);
    }

    @Test
    void intervalsShrinkAsOneOverRootGamesWithTheSameProportions() {
        BradleyTerry.Fit few = fit(3, 0, new int[]{0, 1, 6, 1, 3}, new int[]{1, 2, 5, 2, 3}, new int[]{0, 2, 7, 0, 3});
        BradleyTerry.Fit many = fit(3, 0, new int[]{0, 1, 24, 4, 12}, new int[]{1, 2, 20, 8, 12}, new int[]{0, 2, 28, 0, 12});
        for (int i = 0; i < 3; i++) {
            assertEquals(few.rating(i).elo(), many.rating(i).elo(), 1e-6, "same proportions, same ratings");
            assertEquals(0.5, many.rating(i).halfWidth() / few.rating(i).halfWidth(), 1e-6, "four times the games, half the width");
        }
    }

    @Test
    void aPerfectRecordHasNoFiniteFitWithoutAPriorAndAFiniteOneWithIt() {
        double[][][] r = results(2, new int[]{0, 1, 1, 0, 0});
        assertThrows(IllegalArgumentException.class, () -> BradleyTerry.fit(r[0], r[1], 0));
        // with one virtual draw, 1-0 becomes 1.5 of 2 points: odds 3, as three wins of four
        BradleyTerry.Fit f = BradleyTerry.fit(r[0], r[1], BradleyTerry.PRIOR_DRAWS);
        assertEquals(400 * Math.log10(3) / 2, f.rating(0).elo(), 1e-6);
    }

    @Test
    void inconsistentInputIsRefused() {
        double[][] score = {{0, 3}, {2, 0}}, games = {{0, 4}, {4, 0}};
        assertThrows(IllegalArgumentException.class, () -> BradleyTerry.fit(score, games, 0));
    }
}
