package tsunami.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs our workload and the peer's alternately in one JVM and reports each figure beside the
 * peer's, with their ratio. On a shared machine the absolute figures drift by tens of percent
 * within a minute, so a claim "ahead of the peer" rests on ratios of rounds run back to back:
 * round r runs ours then the peer's when r is even and the peer's then ours when r is odd, so a
 * slow drift in machine load favours neither side.
 *
 * <p>For each figure {@code key} the result holds {@code key} (median of our rounds), {@code key_peer}
 * (median of the peer's rounds), {@code key_ratio} (median of the per-round ratios ours / peer's),
 * and {@code key_ratio_min} / {@code key_ratio_max} (their spread).
 */
public final class PairedRounds {
    /** One round of one side's workload: its figures, in the order of the keys passed to {@link #compare}. */
    @FunctionalInterface
    public interface Round {
        double[] run() throws Exception;
    }

    private final Map<String, Number> figures = new LinkedHashMap<>();
    private final Consumer<String> progress;

    public PairedRounds(Consumer<String> progress) {
        this.progress = progress;
    }

    /**
     * Runs {@code warmups} unrecorded rounds of each side, then {@code rounds} alternating pairs, and
     * records the figures named by {@code keys}.
     */
    public PairedRounds compare(List<String> keys, int warmups, int rounds, Round ours, Round peer) throws Exception {
        if (rounds < 1) throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        for (int w = 0; w < warmups; w++) {
            check(keys, ours.run(), "ours");
            check(keys, peer.run(), "peer");
        }
        double[][] o = new double[keys.size()][rounds], p = new double[keys.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            double[] a, b;
            if (r % 2 == 0) {
                a = check(keys, ours.run(), "ours");
                b = check(keys, peer.run(), "peer");
            } else {
                b = check(keys, peer.run(), "peer");
                a = check(keys, ours.run(), "ours");
            }
            for (int k = 0; k < keys.size(); k++) {
                o[k][r] = a[k];
                p[k][r] = b[k];
            }
        }
        for (int k = 0; k < keys.size(); k++) record(keys.get(k), o[k], p[k]);
        return this;
    }

    /**
     * A figure without a peer, measured in the same run to explain a ratio (a floor, a cost
     * measured alone): {@code warmups} unrecorded rounds, then the median of {@code rounds}.
     */
    public PairedRounds alone(String key, int warmups, int rounds, Round round) throws Exception {
        if (rounds < 1) throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
        for (int w = 0; w < warmups; w++) check(List.of(key), round.run(), key);
        double[] xs = new double[rounds];
        for (int r = 0; r < rounds; r++) xs[r] = check(List.of(key), round.run(), key)[0];
        figures.put(key, median(xs));
        progress.accept(String.format(Locale.ROOT, "%s: %s (rounds %s)", key, fmt(new double[]{median(xs)}), fmt(xs)));
        return this;
    }

    private void record(String key, double[] ours, double[] peer) {
        double[] ratios = new double[ours.length];
        for (int r = 0; r < ours.length; r++) ratios[r] = ours[r] / peer[r];
        double ratio = median(ratios);
        figures.put(key, median(ours));
        figures.put(key + "_peer", median(peer));
        figures.put(key + "_ratio", ratio);
        figures.put(key + "_ratio_min", min(ratios));
        figures.put(key + "_ratio_max", max(ratios));
        progress.accept(String.format(Locale.ROOT, "%s: ours %s, peer %s, ratio %.3f (rounds %s)",
                key, fmt(ours), fmt(peer), ratio, fmt(ratios)));
    }

    private static double[] check(List<String> keys, double[] figures, String side) {
        if (figures.length != keys.size())
            throw new IllegalStateException(side + " round returned " + figures.length + " figures for keys " + keys);
        return figures;
    }

    /** The figures recorded so far, in the order they were compared. */
    public Map<String, Number> figures() {
        return figures;
    }

    static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    private static double min(double[] xs) {
        return Arrays.stream(xs).min().orElseThrow();
    }

    private static double max(double[] xs) {
        return Arrays.stream(xs).max().orElseThrow();
    }

    private static String fmt(double[] xs) {
        StringBuilder sb = new StringBuilder("[");
        for (double x : xs) {
            if (sb.length() > 1) sb.append(", ");
            sb.append(Math.abs(x) >= 1e6 ? String.format(Locale.ROOT, "%.2fM", x / 1e6)
                    : Math.abs(x) >= 1000 ? String.format(Locale.ROOT, "%.0f", x) : String.format(Locale.ROOT, "%.3f", x));
        }
        return sb.append(']').toString();
    }
}
