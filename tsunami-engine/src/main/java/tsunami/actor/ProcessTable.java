package tsunami.actor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Live processes of one kernel by id. Ids are handed out in increasing order and never reused, so
 * the table is a directory of fixed-size chunks indexed by {@code id >>> 12}: a lookup is two array
 * reads (no hashing, no boxed keys, no per-entry node), which keeps sends cheap and a million idle
 * processes small. A chunk is released once every id in its range has been used and has exited.
 */
final class ProcessTable {
    private static final int SHIFT = 12, SIZE = 1 << SHIFT, MASK = SIZE - 1;
    private static final VarHandle DIR = MethodHandles.arrayElementVarHandle(Chunk[].class);

    private static final class Chunk {
        final AtomicReferenceArray<ActorProcess> slots = new AtomicReferenceArray<>(SIZE);
        /** Ids of this range not yet finished (never put, or put and still present). */
        final AtomicInteger unfinished = new AtomicInteger(SIZE);
    }

    private volatile Chunk[] dir = new Chunk[16];
    private final AtomicInteger size = new AtomicInteger();

    ProcessTable() {
        chunkFor(0).unfinished.decrementAndGet(); // id 0 is the system pid, never a process
    }

    ActorProcess get(long id) {
        Chunk[] d = dir;
        long ci = id >>> SHIFT;
        if (id < 0 || ci >= d.length) return null;
        Chunk c = (Chunk) DIR.getAcquire(d, (int) ci);
        return c == null ? null : c.slots.get((int) (id & MASK));
    }

    void put(long id, ActorProcess p) {
        chunkFor(id).slots.set((int) (id & MASK), p);
        size.incrementAndGet();
    }

    /** Remove {@code p} if it is the entry for {@code id}; true if it was. */
    boolean remove(long id, ActorProcess p) {
        int ci = (int) (id >>> SHIFT);
        Chunk[] d = dir;
        if (ci >= d.length) return false;
        Chunk c = (Chunk) DIR.getAcquire(d, ci);
        if (c == null || !c.slots.compareAndSet((int) (id & MASK), p, null)) return false;
        size.decrementAndGet();
        if (c.unfinished.decrementAndGet() == 0) release(ci, c);
        return true;
    }

    int size() {
        return size.get();
    }

    /** Chunks currently held (for tests: finished ranges must be released). */
    int chunks() {
        Chunk[] d = dir;
        int n = 0;
        for (int i = 0; i < d.length; i++) if (DIR.getAcquire(d, i) != null) n++;
        return n;
    }

    /** Every live process; safe while processes come and go (they may or may not be seen). */
    void forEach(Consumer<ActorProcess> action) {
        Chunk[] d = dir;
        for (int ci = 0; ci < d.length; ci++) {
            Chunk c = (Chunk) DIR.getAcquire(d, ci);
            if (c == null) continue;
            for (int i = 0; i < SIZE; i++) {
                ActorProcess p = c.slots.get(i);
                if (p != null) action.accept(p);
            }
        }
    }

    private Chunk chunkFor(long id) {
        int ci = (int) (id >>> SHIFT);
        Chunk[] d = dir;
        if (ci < d.length) {
            Chunk c = (Chunk) DIR.getAcquire(d, ci);
            if (c != null) return c;
        }
        synchronized (this) {
            d = dir;
            if (ci >= d.length) {
                Chunk[] bigger = new Chunk[Math.max(d.length * 2, ci + 1)];
                for (int i = 0; i < d.length; i++) bigger[i] = (Chunk) DIR.getAcquire(d, i);
                dir = bigger;
                d = bigger;
            }
            Chunk c = (Chunk) DIR.getAcquire(d, ci);
            if (c == null) {
                c = new Chunk();
                DIR.setRelease(d, ci, c);
            }
            return c;
        }
    }

    private synchronized void release(int ci, Chunk c) {
        Chunk[] d = dir;
        if (ci < d.length && DIR.getAcquire(d, ci) == c) DIR.setRelease(d, ci, null);
    }
}
