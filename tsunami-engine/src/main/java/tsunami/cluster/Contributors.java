package tsunami.cluster;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What each actor node of a run contributed, for status files and the run's summary: the
 * segments and game frames the learner accepted from it, those dropped as too stale, and whether
 * it is still there. Thread-safe.
 */
public final class Contributors {
    /** A node's state: taking part, left when the run ended, or lost (died, stalled or unreachable). */
    public static final String JOINED = "joined", LEFT = "left", LOST = "lost";

    /**
     * @param joins   how often the node joined (a node that comes back under its name counts again)
     * @param dropped segments dropped because their policy lag exceeded the bound
     */
    public record Figures(String node, String state, int joins, long segments, long frames, long dropped) {
    }

    private static final class Entry {
        String state = JOINED;
        int joins;
        long segments, frames, dropped;
    }

    private final Map<String, Entry> nodes = new TreeMap<>();

    synchronized void joined(String node) {
        Entry e = nodes.computeIfAbsent(node, k -> new Entry());
        e.state = JOINED;
        e.joins++;
    }

    synchronized void ended(String node, String state) {
        Entry e = nodes.get(node);
        if (e != null) e.state = state;
    }

    synchronized void accepted(String node, long frames) {
        Entry e = nodes.computeIfAbsent(node, k -> new Entry());
        e.segments++;
        e.frames += frames;
    }

    synchronized void dropped(String node) {
        nodes.computeIfAbsent(node, k -> new Entry()).dropped++;
    }

    /** Every node seen so far, by name. */
    public synchronized List<Figures> figures() {
        List<Figures> out = new ArrayList<>();
        nodes.forEach((name, e) -> out.add(new Figures(name, e.state, e.joins, e.segments, e.frames, e.dropped)));
        return out;
    }
}
