package tsunami.bots.arena;

import tsunami.bots.json.JsonLine;
import tsunami.stats.WinRate;

import java.util.Locale;

/** Outcome of N arena games between two heuristics, with Wilson 95% confidence intervals. */
public record MatchResult(String scenario, String red, String blue, int games, int redWins, int blueWins, int draws,
                          double meanFrames, long seed) {

    public double redWinRate() {
        return new WinRate(redWins, games).rate();
    }

    public double blueWinRate() {
        return new WinRate(blueWins, games).rate();
    }

    /** Wilson score interval at 95% for {@code wins} out of {@link #games}: {low, high}. */
    public double[] wilson95(int wins) {
        WinRate w = new WinRate(wins, games);
        return new double[]{w.low95(), w.high95()};
    }

    /** One JSON object (the CLI's last line with --json); win rates under {@link JsonLine}'s one schema. */
    public String toJson() {
        return new JsonLine().put("scenario", scenario).put("red", red).put("blue", blue).put("games", games)
                .put("red_wins", redWins).put("blue_wins", blueWins).put("draws", draws)
                .putWinRate("red_", new WinRate(redWins, games)).putWinRate("blue_", new WinRate(blueWins, games))
                .put("mean_frames", meanFrames, 1).put("seed", seed).toString();
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
