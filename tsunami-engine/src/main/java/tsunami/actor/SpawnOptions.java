package tsunami.actor;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-process options: mailbox capacity and overflow policy, the bounded wait of
 * {@link Overflow#BLOCK}, an optional registered name, and whether the process starts trapping exits
 * (set at spawn, so no exit signal can slip in before the body's first line). Immutable; the
 * with-methods return copies.
 */
public record SpawnOptions(int capacity, Overflow overflow, Duration blockTimeout, String name, boolean trapExit) {
    /** Default capacity: large enough for bursts, small enough that overload cannot eat the heap. */
    public static final int DEFAULT_CAPACITY = 65_536;
    public static final SpawnOptions DEFAULT = new SpawnOptions(DEFAULT_CAPACITY, Overflow.REJECT, Duration.ofSeconds(5), null, false);

    public SpawnOptions {
        if (capacity < 1) throw new IllegalArgumentException("mailbox capacity must be >= 1, got " + capacity);
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(blockTimeout, "blockTimeout");
    }

    public static SpawnOptions defaults() { return DEFAULT; }

    public SpawnOptions withCapacity(int c) { return new SpawnOptions(c, overflow, blockTimeout, name, trapExit); }
    public SpawnOptions withOverflow(Overflow o) { return new SpawnOptions(capacity, o, blockTimeout, name, trapExit); }
    public SpawnOptions withBlockTimeout(Duration d) { return new SpawnOptions(capacity, overflow, d, name, trapExit); }
    /** Register the process under {@code n} atomically with its start (fails if the name is taken). */
    public SpawnOptions named(String n) { return new SpawnOptions(capacity, overflow, blockTimeout, n, trapExit); }
    /** Start the process already trapping exits (like calling trapExit(true) before it can receive any signal). */
    public SpawnOptions withTrapExit(boolean trap) { return new SpawnOptions(capacity, overflow, blockTimeout, name, trap); }
}
