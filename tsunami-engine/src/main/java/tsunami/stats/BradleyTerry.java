package tsunami.stats;

/**
 * Bradley–Terry ratings of a round robin, fitted by maximum likelihood with Hunter's MM
 * iterations, with 95% intervals from the Fisher information. Draws count half a win to each side.
 *
 * <p>The model: bot i beats bot j with probability {@code 1 / (1 + exp(θj − θi))}. We report θ on
 * the Elo scale ({@code 400 / ln 10} points per unit of θ, so 400 points mean 10:1 odds) with the
 * field's mean at 0. Why Bradley–Terry and not Elo updates: Elo's sequential updates depend on the
 * order games finish in, which a parallel tournament leaves to chance; the BT fit is the same
 * logistic model estimated from all games at once, so one set of results always gives one set of
 * ratings, and its likelihood gives honest intervals without resampling.
 *
 * <p>A bot that won (or lost) every game has no finite maximum-likelihood rating. {@code
 * priorDraws} virtual drawn games added to every pair keep the fit finite and pull ratings gently
 * towards each other; their weight fades as real games pile up. Tournaments use {@link #PRIOR_DRAWS}.
 */
public final class BradleyTerry {
    /** Elo points per natural-log unit of strength. */
    public static final double ELO_PER_NAT = 400 / Math.log(10);
    /** One virtual draw per pair: enough to keep a perfect record finite, small beside real games. */
    public static final double PRIOR_DRAWS = 1;
    private static final double Z95 = 1.959963984540054;
    private static final int MAX_ITERATIONS = 100_000;
    private static final double TOLERANCE = 1e-12;

    /** One bot's rating on the Elo scale (field mean 0) and its 95% interval. */
    public record Rating(double elo, double low95, double high95) {
        public double halfWidth() {
            return (high95 - low95) / 2;
        }
    }

    /**
     * The fit: {@code theta} (natural-log strengths, mean 0), their standard errors, and the MM
     * iterations taken.
     */
    public record Fit(double[] theta, double[] standardError, int iterations) {
        public Rating rating(int i) {
            double elo = ELO_PER_NAT * theta[i], half = Z95 * ELO_PER_NAT * standardError[i];
            return new Rating(elo, elo - half, elo + half);
        }

        /** Probability that bot i beats bot j under the fitted model. */
        public double winProbability(int i, int j) {
            return 1 / (1 + Math.exp(theta[j] - theta[i]));
        }
    }

    private BradleyTerry() {
    }

    /**
     * Fits ratings.
     *
     * @param score      {@code score[i][j]}: points of bot i against bot j (wins plus half the draws)
     * @param games      {@code games[i][j]}: games between i and j (symmetric, so score[i][j] + score[j][i] = games[i][j])
     * @param priorDraws virtual draws added to every pair (0 for the plain maximum-likelihood fit)
     * @throws IllegalArgumentException when the inputs disagree, or without a prior the fit is not
     *                                  finite (some group of bots never scored against the rest)
     */
    public static Fit fit(double[][] score, double[][] games, double priorDraws) {
        int n = score.length;
        if (n < 2) throw new IllegalArgumentException("ratings need at least 2 bots, got " + n);
        if (priorDraws < 0) throw new IllegalArgumentException("negative prior: " + priorDraws);
        double[][] s = new double[n][n], g = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) continue;
                if (Math.abs(games[i][j] - games[j][i]) > 1e-9 || Math.abs(score[i][j] + score[j][i] - games[i][j]) > 1e-9 || score[i][j] < 0) {
                    throw new IllegalArgumentException("scores of bots " + i + " and " + j + " do not add up to their games");
                }
                s[i][j] = score[i][j] + priorDraws / 2;
                g[i][j] = games[i][j] + priorDraws;
            }
        }
        if (!stronglyConnected(s)) {
            throw new IllegalArgumentException("no finite ratings: some bots never scored against the others (add a prior)");
        }
        double[] w = new double[n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) w[i] += s[i][j];
        // MM (Hunter 2004): pi_i <- W_i / sum_j n_ij / (pi_i + pi_j); each step raises the likelihood.
        double[] pi = new double[n];
        java.util.Arrays.fill(pi, 1);
        int it = 0;
        for (; it < MAX_ITERATIONS; it++) {
            double[] next = new double[n];
            double maxChange = 0, logMean = 0;
            for (int i = 0; i < n; i++) {
                double d = 0;
                for (int j = 0; j < n; j++) if (j != i && g[i][j] > 0) d += g[i][j] / (pi[i] + pi[j]);
                next[i] = w[i] / d;
                logMean += Math.log(next[i]) / n;
            }
            for (int i = 0; i < n; i++) {
                next[i] /= Math.exp(logMean);   // the model only sees ratios: keep the geometric mean at 1
                maxChange = Math.max(maxChange, Math.abs(Math.log(next[i] / pi[i])));
            }
            pi = next;
            if (maxChange < TOLERANCE) break;
        }
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) theta[i] = Math.log(pi[i]);
        return new Fit(theta, standardErrors(theta, g), it + 1);
    }

    /**
     * Standard errors of θ under the constraint that θ sums to 0: the diagonal of the
     * Moore–Penrose inverse of the Fisher information, a weighted graph Laplacian L whose null
     * space is the all-ones vector, so L⁺ = (L + J/n)⁻¹ − J/n.
     */
    private static double[] standardErrors(double[] theta, double[][] g) {
        int n = theta.length;
        double[][] m = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                if (i == j) continue;
                double p = 1 / (1 + Math.exp(theta[j] - theta[i]));
                double info = g[i][j] * p * (1 - p);
                m[i][j] -= info;
                m[i][i] += info;
            }
        }
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) m[i][j] += 1.0 / n;
        double[][] inv = invert(m);
        double[] se = new double[n];
        for (int i = 0; i < n; i++) se[i] = Math.sqrt(Math.max(0, inv[i][i] - 1.0 / n));
        return se;
    }

    private static double[][] invert(double[][] a) {
        int n = a.length;
        double[][] m = new double[n][2 * n];
        for (int i = 0; i < n; i++) {
            System.arraycopy(a[i], 0, m[i], 0, n);
            m[i][n + i] = 1;
        }
        for (int c = 0; c < n; c++) {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.abs(m[r][c]) > Math.abs(m[p][c])) p = r;
            double[] t = m[c];
            m[c] = m[p];
            m[p] = t;
            double d = m[c][c];
            if (Math.abs(d) < 1e-300) throw new IllegalArgumentException("singular Fisher information");
            for (int k = 0; k < 2 * n; k++) m[c][k] /= d;
            for (int r = 0; r < n; r++) {
                if (r == c || m[r][c] == 0) continue;
                double f = m[r][c];
                for (int k = 0; k < 2 * n; k++) m[r][k] -= f * m[c][k];
            }
        }
        double[][] inv = new double[n][n];
        for (int i = 0; i < n; i++) System.arraycopy(m[i], n, inv[i], 0, n);
        return inv;
    }

    /** Ford's condition: a finite fit exists iff every bot reaches every other along "scored against" edges. */
    private static boolean stronglyConnected(double[][] s) {
        return reachesAll(s, false) && reachesAll(s, true);
    }

    private static boolean reachesAll(double[][] s, boolean reversed) {
        int n = s.length;
        boolean[] seen = new boolean[n];
        java.util.ArrayDeque<Integer> todo = new java.util.ArrayDeque<>();
        seen[0] = true;
        todo.add(0);
        int count = 1;
        while (!todo.isEmpty()) {
            int i = todo.poll();
            for (int j = 0; j < n; j++) {
                double edge = reversed ? s[j][i] : s[i][j];
                if (!seen[j] && edge > 0) {
                    seen[j] = true;
                    count++;
                    todo.add(j);
                }
            }
        }
        return count == n;
    }
}
