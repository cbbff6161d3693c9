package tsunami.learn;

import org.bytedeco.javacpp.Pointer;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * Where this process's memory is, at one moment: the resident set, the Java heap (used and
 * committed), and the arrays the policy networks' graph sessions keep cached for reuse. ND4J's
 * array buffers are allocated by libnd4j, not through JavaCPP, so JavaCPP's byte counters do not
 * see them (they read 0 in training). Training logs it to {@code memory.csv}, so that a leak shows
 * as a column rising.
 *
 * @param rssBytes           resident set size (-1 where JavaCPP cannot read it)
 * @param heapUsedBytes      Java heap in use
 * @param heapCommittedBytes Java heap the JVM has taken from the system
 * @param graphCacheBytes    bytes in the array caches of every {@link PolicyNetwork}'s graph sessions
 * @param guardCollections   collections {@link NativeMemoryGuard} has asked for so far
 */
public record MemoryUse(long rssBytes, long heapUsedBytes, long heapCommittedBytes, long graphCacheBytes, long guardCollections) {
    public static MemoryUse now() {
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return new MemoryUse(Pointer.physicalBytes(), heap.getUsed(), heap.getCommitted(), PolicyNetwork.cachedBytes(),
                NativeMemoryGuard.collections());
    }
}
