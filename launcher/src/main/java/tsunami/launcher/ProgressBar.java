package tsunami.launcher;

import tsunami.learn.TrainingMetrics;

import java.io.PrintStream;
import java.util.Locale;

/**
 * One self-rewriting status line for a training run: progress towards the frame or time limit,
 * frames and frames/s, episodes, recent win rate, policy lag and time left. On a terminal it
 * redraws in place; otherwise (a log file) it prints a line every few seconds.
 */
final class ProgressBar {
    private final PrintStream out;
    private final long maxFrames;
    private final double maxSeconds;
    private final long startFrames;
    private final long t0 = System.nanoTime();
    private final boolean terminal = isTerminal();
    private long lastPrint;
    private long lastFrames;
    private long lastNanos = System.nanoTime();
    private double rate;
    private boolean printed;
    /** Without a terminal, one line every so often: a log that grows slowly but shows the run is alive. */
    static final long GAME_LINE_NANOS = 5_000_000_000L;

    ProgressBar(PrintStream out) {
        this(out, 0, 0, 0);
    }

    ProgressBar(PrintStream out, long maxFrames, double maxSeconds, long startFrames) {
        this.out = out;
        this.maxFrames = maxFrames;
        this.maxSeconds = maxSeconds;
        this.startFrames = startFrames;
        this.lastFrames = startFrames;
    }

    void update(TrainingMetrics.Snapshot s) {
        long now = System.nanoTime();
        double dt = (now - lastNanos) / 1e9;
        if (dt > 0.2) {
            double r = (s.frames() - lastFrames) / dt;
            rate = rate == 0 ? r : 0.7 * rate + 0.3 * r;
            lastFrames = s.frames();
            lastNanos = now;
        }
        if (!terminal && now - lastPrint < 10_000_000_000L) return;
        lastPrint = now;
        double elapsed = (now - t0) / 1e9;
        double fracFrames = maxFrames > 0 ? (double) (s.frames() - startFrames) / Math.max(1, maxFrames - startFrames) : 0;
        double fracTime = maxSeconds > 0 ? elapsed / maxSeconds : 0;
        double frac = Math.min(1, Math.max(fracFrames, fracTime));
        double left = frac > 0.001 ? elapsed * (1 - frac) / frac : Double.NaN;
        if (maxSeconds > 0) left = Math.min(Double.isNaN(left) ? Double.MAX_VALUE : left, maxSeconds - elapsed);
        int width = 24, filled = (int) Math.round(frac * width);
        String line = String.format(Locale.ROOT, "[%s%s] %3.0f%%  frames %s (%s/s)  episodes %d  win %5.1f%%  lag %.1f  left %s",
                "#".repeat(filled), ".".repeat(width - filled), frac * 100, human(s.frames()), human((long) rate), s.episodes(),
                s.winRate() * 100, s.policyLagMedian(), clock(left));
        if (terminal) out.print("\r" + line + "   ");
        else out.println(line);
        out.flush();
    }

    /**
     * A series of {@code total} games (arena, eval): progress, games/s, time left and {@code detail}
     * (e.g. the win rates so far). The first call prints at once, so a log shows the series started.
     */
    void games(int done, int total, String detail) {
        long now = System.nanoTime();
        if (!terminal && printed && now - lastPrint < GAME_LINE_NANOS) return;
        if (terminal && printed && now - lastPrint < 100_000_000L && done < total) return;
        printed = true;
        lastPrint = now;
        double elapsed = (now - t0) / 1e9;
        double frac = total > 0 ? Math.min(1, (double) done / total) : 0;
        double left = frac > 0 ? elapsed * (1 - frac) / frac : Double.NaN;
        int width = 24, filled = (int) Math.round(frac * width);
        String line = String.format(Locale.ROOT, "[%s%s] %5.1f%%  games %d/%d (%.1f/s)  %s  left %s",
                "#".repeat(filled), ".".repeat(width - filled), frac * 100, done, total, done / Math.max(1e-9, elapsed), detail, clock(left));
        if (terminal) out.print("\r" + line + "   ");
        else out.println(line);
        out.flush();
    }

    void finish() {
        if (terminal) out.println();
    }

    /** On JDK 22+ System.console() exists even when redirected; Console.isTerminal() (22+) tells a terminal apart. */
    private static boolean isTerminal() {
        java.io.Console c = System.console();
        if (c == null) return false;
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException noSuchMethodBefore22) {
            return true;
        }
    }

    static String human(long v) {
        if (v >= 1_000_000) return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        if (v >= 10_000) return String.format(Locale.ROOT, "%.0fk", v / 1e3);
        return Long.toString(v);
    }

    static String clock(double seconds) {
        if (Double.isNaN(seconds) || seconds > 1e7) return "--:--";
        long s = Math.max(0, Math.round(seconds));
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
