package tsunami.actor;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A supervisor's flags and children: strategy, restart intensity (at most {@code intensity} restarts
 * within {@code period}; OTP's default 1 in 5 s), children in start order, an optional registered name.
 */
public record SupervisorSpec(Strategy strategy, List<ChildSpec> children, int intensity, Duration period, String name) {
    public SupervisorSpec {
        Objects.requireNonNull(strategy, "strategy");
        children = List.copyOf(children);
        if (intensity < 0) throw new IllegalArgumentException("restart intensity must be >= 0, got " + intensity);
        if (period.isNegative() || period.isZero()) throw new IllegalArgumentException("restart period must be positive, got " + period);
        if (strategy == Strategy.SIMPLE_ONE_FOR_ONE && children.size() != 1) {
            throw new IllegalArgumentException("simple_one_for_one needs exactly one template child spec, got " + children.size());
        }
        Set<String> ids = new HashSet<>();
        for (ChildSpec c : children) {
            if (!ids.add(c.id())) throw new IllegalArgumentException("duplicate child id in supervisor spec: " + c.id());
        }
    }

    public static SupervisorSpec of(Strategy strategy, List<ChildSpec> children) {
        return new SupervisorSpec(strategy, children, 1, Duration.ofSeconds(5), null);
    }

    public SupervisorSpec withIntensity(int maxRestarts, Duration within) {
        return new SupervisorSpec(strategy, children, maxRestarts, within, name);
    }

    public SupervisorSpec named(String n) {
        return new SupervisorSpec(strategy, children, intensity, period, n);
    }
}
