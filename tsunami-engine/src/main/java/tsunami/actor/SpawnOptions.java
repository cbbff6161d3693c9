package tsunami.actor;

import java.time.Duration;
import java.util.Objects;

/**
 * Per-process options: mailbox capacity and overflow policy, an optional registered name, and the
 * bounded wait of {@link Overflow#BLOCK}. Immutable; the with-methods return copies.
 */
public record SpawnOptions(int capacity, Overflow overflow, Duration blockTimeout, String name) {
    /** Default capacity: large enough for bursts, small enough that overload cannot eat the heap. */
    public static final int DEFAULT_CAPACITY = 65_536;
    public static final SpawnOptions DEFAULT = new SpawnOptions(DEFAULT_CAPACITY, Overflow.REJECT, Duration.ofSeconds(5), null);

    public SpawnOptions {
        if (capacity < 1) throw new IllegalArgumentException("mailbox capacity must be >= 1, got " + capacity);
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(blockTimeout, "blockTimeout");
    }

    public static SpawnOptions defaults() { return DEFAULT; }

    public SpawnOptions withCapacity(int c) { return new SpawnOptions(c, overflow, blockTimeout, name); }
    public SpawnOptions withOverflow(Overflow o) { return new SpawnOptions(capacity, o, blockTimeout, name); }
    public SpawnOptions withBlockTimeout(Duration d) { return new SpawnOptions(capacity, overflow, d, name); }
    /** Register the process under {@code n} atomically with its start (fails if the name is taken). */
    public SpawnOptions named(String n) { return new SpawnOptions(capacity, overflow, blockTimeout, n); }
}
