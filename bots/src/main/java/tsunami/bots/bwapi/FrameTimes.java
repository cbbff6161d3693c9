package tsunami.bots.bwapi;

import java.util.Arrays;

/**
 * How long one client took over its frames: from the host's "frame ready" to the client's
 * "frame done". Counts the frames over the thresholds tournament rules use (85 ms, 1 s, 10 s:
 * SSCAIT's), and keeps every time so that percentiles are exact.
 */
public final class FrameTimes {
    private long[] nanos = new long[1024];
    private int count;
    private long total, max;
    private int over85ms, over1s, over10s;

    void add(long ns) {
        if (count == nanos.length) nanos = Arrays.copyOf(nanos, count * 2);
        nanos[count++] = ns;
        total += ns;
        max = Math.max(max, ns);
        if (ns > 85_000_000L) over85ms++;
        if (ns > 1_000_000_000L) over1s++;
        if (ns > 10_000_000_000L) over10s++;
    }

    public int frames() { return count; }
    public long totalNanos() { return total; }
    public long maxNanos() { return max; }
    public int framesOver85ms() { return over85ms; }
    public int framesOver1s() { return over1s; }
    public int framesOver10s() { return over10s; }

    /** The q-quantile (0..1) in nanoseconds; 0 when no frame was timed. */
    public long quantileNanos(double q) {
        if (count == 0) return 0;
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return sorted[Math.min(count - 1, (int) Math.floor(q * count))];
    }

    @Override
    public String toString() {
        return String.format("%d frames, median %.1f µs, p99 %.1f µs, max %.1f ms, over 85 ms/1 s/10 s: %d/%d/%d",
                count, quantileNanos(0.5) / 1e3, quantileNanos(0.99) / 1e3, max / 1e6, over85ms, over1s, over10s);
    }
}
