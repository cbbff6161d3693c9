package tsunami.net;

/**
 * Lets a recurring warning through at most once per interval, so that a peer that fails on
 * purpose cannot flood the log; the line that gets through says how many were held back.
 */
final class LogLimiter {
    private final long intervalNanos;
    private long lastLine;
    private boolean logged;
    private long heldBack;

    LogLimiter(java.time.Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** -1 if this occurrence is held back, else how many were held back since the last line. */
    synchronized long admit() {
        long now = System.nanoTime();
        if (logged && now - lastLine < intervalNanos) {
            heldBack++;
            return -1;
        }
        logged = true;
        lastLine = now;
        long n = heldBack;
        heldBack = 0;
        return n;
    }
}
