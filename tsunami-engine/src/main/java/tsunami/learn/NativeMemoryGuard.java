package tsunami.learn;

import org.bytedeco.javacpp.Pointer;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the process's native memory flat while SameDiff graphs run.
 *
 * <p>Why: ND4J frees an array's off-heap buffer (and each op call's native context) only when its
 * Java wrapper is garbage collected. The wrappers are tiny and the buffers large, so a learner
 * computing gradients allocates gigabytes off-heap while the heap barely fills, and garbage
 * collection (which {@code -Xmx} governs) comes too rarely: training's RSS grew from 0.9 to
 * 4.3 GB in two minutes. {@link PolicyNetwork} closes every array it makes or receives, but
 * SameDiff's own intermediate arrays (about 16 buffers per gradient, measured with {@code jmap})
 * are out of its reach. So after graph calls this guard watches the resident set and asks for a
 * collection when it has grown by {@link #growthBytes} since the last one settled; a collection
 * at most every {@link #MIN_INTERVAL_NANOS}. The collection runs on a thread of its own: the
 * caller (a learner or inference server) goes on at once instead of waiting for the cycle, which
 * cost training 30% of its frames/s when it waited.
 */
final class NativeMemoryGuard {
    /** Calls between two looks at the resident set (reading it costs a system call). */
    private static final int CHECK_EVERY = 8;
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;
    /** After a collection, ND4J's deallocator threads free buffers for a while before the RSS is a fair floor. */
    private static final long SETTLE_NANOS = 500_000_000L;

    private static final long growthBytes = Long.getLong("tsunami.nativeGrowthMb", 256) << 20;
    private static final AtomicLong calls = new AtomicLong();
    private static final Object lock = new Object();
    private static long floorBytes = -1;
    private static long lastCollection = System.nanoTime();
    private static long collections;
    private static final java.util.concurrent.Semaphore requests = new java.util.concurrent.Semaphore(0);

    static {
        Thread collector = new Thread(NativeMemoryGuard::collectOnRequest, "tsunami-native-memory-gc");
        collector.setDaemon(true);
        collector.start();
    }

    private NativeMemoryGuard() {
    }

    /** Called after each graph execution; cheap on most calls. */
    static void afterGraphCall() {
        if (calls.incrementAndGet() % CHECK_EVERY != 0) return;
        long rss = Pointer.physicalBytes();
        if (rss <= 0) return;   // not measurable on this platform: leave it to the collector
        synchronized (lock) {
            long now = System.nanoTime();
            if (floorBytes < 0) {
                if (now - lastCollection >= SETTLE_NANOS) floorBytes = rss;
                return;
            }
            // growth counts from the lowest point since then: the heap trim and other callers' frees lower it
            floorBytes = Math.min(floorBytes, rss);
            if (rss - floorBytes < growthBytes || now - lastCollection < MIN_INTERVAL_NANOS) return;
            lastCollection = now;
            floorBytes = -1;
            collections++;
        }
        requests.release();
    }

    private static void collectOnRequest() {
        while (true) {
            requests.acquireUninterruptibly();
            requests.drainPermits();
            System.gc();
        }
    }

    /** Collections this guard has asked for since the JVM started (for tests and diagnostics). */
    static long collections() {
        synchronized (lock) {
            return collections;
        }
    }
}
