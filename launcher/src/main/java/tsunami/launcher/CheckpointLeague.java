package tsunami.launcher;

import tsunami.BadInputException;
import tsunami.bots.arena.PolicyOpponent;
import tsunami.learn.Checkpoint;
import tsunami.learn.CheckpointStore;
import tsunami.learn.PolicyConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The {@code league} opponent: the run's own past policies. It watches the run's checkpoint
 * folder and, at most every {@link #SCAN_SECONDS}, takes the newest periodic checkpoint into its
 * list (up to {@link #MAX_MEMBERS}, the oldest leaving first), so the league reaches further back
 * than the few checkpoints the folder keeps. Every game draws one member uniformly. Until the run
 * has saved a checkpoint, the league holds the run's starting parameters. Shared by every
 * environment of a run, hence synchronised.
 */
final class CheckpointLeague {
    static final double SCAN_SECONDS = 15;
    static final int MAX_MEMBERS = 20;

    private final CheckpointStore store;
    private final List<PolicyOpponent.Policy> members = new ArrayList<>();
    private final List<Long> versions = new ArrayList<>();
    private final boolean attacksInRange;
    private final SplittableRandom rnd;
    private final double scanSeconds;
    private long lastScan = Long.MIN_VALUE;

    /**
     * @param checkpoints    the run's checkpoint folder
     * @param attacksInRange the run's policy plays with in-range attacks only
     */
    CheckpointLeague(Path checkpoints, boolean attacksInRange, long seed) {
        this(checkpoints, attacksInRange, seed, SCAN_SECONDS);
    }

    /** @param scanSeconds least time between two looks at the checkpoint folder */
    CheckpointLeague(Path checkpoints, boolean attacksInRange, long seed, double scanSeconds) {
        this.scanSeconds = scanSeconds;
        this.store = new CheckpointStore(checkpoints, Integer.MAX_VALUE);
        this.attacksInRange = attacksInRange;
        this.rnd = new SplittableRandom(seed);
    }

    /** The parameters the run starts from (their version: 0 when fresh): the league's only member until a checkpoint appears. */
    synchronized void startWith(PolicyConfig config, float[] params, long version) {
        members.add(new PolicyOpponent.Policy(config, params.clone(), attacksInRange));
        versions.add(version);
    }

    /**
     * A member for the next game; null before {@link #startWith} while no checkpoint exists (only
     * when the run probes its environment's shape, before it starts: that game is never played).
     */
    synchronized PolicyOpponent.Policy next() {
        long now = System.nanoTime();
        if (lastScan == Long.MIN_VALUE || now - lastScan >= scanSeconds * 1e9) {
            lastScan = now;
            scan();
        }
        if (members.isEmpty()) return null;
        return members.get(rnd.nextInt(members.size()));
    }

    /** Versions held, oldest first . */
    synchronized List<Long> versions() {
        return List.copyOf(versions);
    }

    private void scan() {
        for (Path p : store.periodicNewestFirst()) {
            try {
                Checkpoint c = CheckpointStore.read(p);
                long v = c.snapshot().version();
                if (versions.contains(v)) return;
                if (members.size() >= MAX_MEMBERS) {
                    members.remove(0);
                    versions.remove(0);
                }
                members.add(new PolicyOpponent.Policy(c.config(), c.snapshot().params(), attacksInRange));
                versions.add(v);
                return;
            } catch (BadInputException | java.io.UncheckedIOException e) {
                // pruned or being replaced meanwhile: try the next older one
            }
        }
    }
}
