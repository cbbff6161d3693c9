package tsunami.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The bounded replay store of real transitions the model trains on. Whole episodes are split:
 * every {@code heldOutEvery}-th episode (by id) goes to the held-out side, kept as ordered
 * trajectories for one- and k-step evaluation; the rest fill a ring that overwrites its oldest.
 * Thread-safe: collectors add while the trainer samples.
 */
public final class TransitionStore {
    private final Transition[] ring;
    private final int heldOutEvery, heldOutEpisodes;
    private final LinkedHashMap<Long, List<Transition>> heldOut;
    private int next, size;
    private long added;

    /**
     * @param capacity        training transitions kept
     * @param heldOutEvery    one episode in this many is held out (0: none)
     * @param heldOutEpisodes held-out episodes kept (the oldest leave first)
     */
    public TransitionStore(int capacity, int heldOutEvery, int heldOutEpisodes) {
        if (capacity <= 0) throw new IllegalArgumentException("capacity must be positive: " + capacity);
        if (heldOutEvery < 0 || heldOutEvery == 1) throw new IllegalArgumentException("heldOutEvery must be 0 or at least 2: " + heldOutEvery);
        ring = new Transition[capacity];
        this.heldOutEvery = heldOutEvery;
        this.heldOutEpisodes = heldOutEpisodes;
        heldOut = new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, List<Transition>> eldest) {
                return size() > TransitionStore.this.heldOutEpisodes;
            }
        };
    }

    public synchronized void add(Transition t) {
        added++;
        if (heldOutEvery > 0 && Math.floorMod(t.episode(), heldOutEvery) == 0) {
            heldOut.computeIfAbsent(t.episode(), k -> new ArrayList<>()).add(t);
            return;
        }
        ring[next] = t;
        next = (next + 1) % ring.length;
        if (size < ring.length) size++;
    }

    /** Training transitions held now. */
    public synchronized int trainingSize() {
        return size;
    }

    /** Transitions ever added, both sides. */
    public synchronized long added() {
        return added;
    }

    /** {@code n} training transitions drawn uniformly with replacement (a bootstrap sample). */
    public synchronized List<Transition> sample(int n, SplittableRandom rnd) {
        if (size == 0) throw new IllegalStateException("no training transitions yet");
        List<Transition> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(ring[rnd.nextInt(size)]);
        return out;
    }

    /** The held-out episodes, each in step order. */
    public synchronized List<List<Transition>> heldOutTrajectories() {
        List<List<Transition>> out = new ArrayList<>();
        for (List<Transition> t : heldOut.values()) out.add(List.copyOf(t));
        return out;
    }

    public synchronized int heldOutSize() {
        int c = 0;
        for (List<Transition> t : heldOut.values()) c += t.size();
        return c;
    }
}
