package tsunami.stats;

/**
 * {@code wins} out of {@code games}, with the Wilson score interval at 95%: the one place that
 * arena matches, evaluations and reports take a win rate and its interval from. Wilson rather
 * than the normal approximation because it stays inside [0, 1] and is honest at 0 or all wins.
 */
public record WinRate(int wins, int games) {
    private static final double Z95 = 1.959963984540054;

    public WinRate {
        if (games < 0 || wins < 0 || wins > games) throw new IllegalArgumentException("win rate of " + wins + " out of " + games + " games");
    }

    /** Wins per game; 0 when no game was played. */
    public double rate() {
        return games == 0 ? 0 : (double) wins / games;
    }

    /** Lower end of the 95% interval; 0 when no game was played. */
    public double low95() {
        return games == 0 ? 0 : Math.max(0, centre() - halfWidth());
    }

    /** Upper end of the 95% interval; 1 when no game was played (nothing is known). */
    public double high95() {
        return games == 0 ? 1 : Math.min(1, centre() + halfWidth());
    }

    private double centre() {
        double n = games;
        return (rate() + Z95 * Z95 / (2 * n)) / (1 + Z95 * Z95 / n);
    }

    private double halfWidth() {
        double n = games, p = rate();
        return Z95 * Math.sqrt(p * (1 - p) / n + Z95 * Z95 / (4 * n * n)) / (1 + Z95 * Z95 / n);
    }
}
