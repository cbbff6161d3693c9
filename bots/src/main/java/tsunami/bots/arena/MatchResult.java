package tsunami.bots.arena;

import java.util.Locale;

/** Outcome of N arena games between two heuristics, with Wilson 95% confidence intervals. */
public record MatchResult(String scenario, String red, String blue, int games, int redWins, int blueWins, int draws,
                          double meanFrames, long seed) {

    public double redWinRate() {
        return games == 0 ? 0 : (double) redWins / games;
    }

    public double blueWinRate() {
        return games == 0 ? 0 : (double) blueWins / games;
    }

    /** Wilson score interval at 95% for {@code wins} out of {@link #games}: {low, high}. */
    public double[] wilson95(int wins) {
        if (games == 0) return new double[]{0, 1};
        double z = 1.959963984540054, n = games, p = wins / n;
        double denom = 1 + z * z / n;
        double centre = (p + z * z / (2 * n)) / denom;
        double half = z * Math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / denom;
        return new double[]{Math.max(0, centre - half), Math.min(1, centre + half)};
    }

    /** One JSON object (the CLI's last line with --json). */
    public String toJson() {
        double[] r = wilson95(redWins), b = wilson95(blueWins);
        return String.format(Locale.ROOT,
                "{\"scenario\":\"%s\",\"red\":\"%s\",\"blue\":\"%s\",\"games\":%d,\"red_wins\":%d,\"blue_wins\":%d,\"draws\":%d,"
                        + "\"red_win_rate\":%.4f,\"red_win_rate_ci95\":[%.4f,%.4f],\"blue_win_rate\":%.4f,\"blue_win_rate_ci95\":[%.4f,%.4f],"
                        + "\"mean_frames\":%.1f,\"seed\":%d}",
                esc(scenario), esc(red), esc(blue), games, redWins, blueWins, draws, redWinRate(), r[0], r[1], blueWinRate(), b[0], b[1],
                meanFrames, seed);
    }

    private static String esc(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    /** Lines for people. */
    public String toText() {
        double[] r = wilson95(redWins), b = wilson95(blueWins);
        return String.format(Locale.ROOT, """
                scenario %s, %d games, seed %d (mean %.0f frames per game)
                  red  %-24s wins %5d  rate %.3f  95%% CI [%.3f, %.3f]
                  blue %-24s wins %5d  rate %.3f  95%% CI [%.3f, %.3f]
                  draws %d""", scenario, games, seed, meanFrames, red, redWins, redWinRate(), r[0], r[1],
                blue, blueWins, blueWinRate(), b[0], b[1], draws);
    }
}
