package tsunami.bench;

import java.lang.management.ManagementFactory;

/** Live heap, for the bytes-per-idle-actor figures of both runtimes. */
final class HeapProbe {
    private HeapProbe() {
    }

    /** Heap in use after full collections (G1's System.gc() is a full, compacting GC; with 1 M live actors one takes ~1 s). */
    static long liveHeap(int collections) {
        for (int i = 0; i < collections; i++) System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
