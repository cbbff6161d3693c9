package tsunami.actor;

import java.time.Duration;
import java.util.Objects;

/**
 * How a supervisor stops a child: {@code BRUTAL_KILL} (exit kill), {@code timeout(d)} (exit shutdown,
 * then kill if it has not exited after {@code d}), or {@code INFINITY} (exit shutdown and wait; the
 * default for supervisor children so whole subtrees stop in order).
 */
public record Shutdown(Kind kind, Duration timeout) {
    public enum Kind { BRUTAL_KILL, TIMEOUT, INFINITY }

    public static final Shutdown BRUTAL_KILL = new Shutdown(Kind.BRUTAL_KILL, Duration.ZERO);
    public static final Shutdown INFINITY = new Shutdown(Kind.INFINITY, Duration.ZERO);
    /** OTP's default for workers. */
    public static final Shutdown DEFAULT_WORKER = timeout(Duration.ofSeconds(5));

    public Shutdown {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(timeout, "timeout");
    }

    public static Shutdown timeout(Duration d) {
        if (d.isNegative()) throw new IllegalArgumentException("shutdown timeout must not be negative: " + d);
        return new Shutdown(Kind.TIMEOUT, d);
    }
}
