package tsunami.actor;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * How a supervisor starts, restarts and stops one child (OTP child specification). Children are
 * spawned in order; with a {@code readyTimeout} the supervisor also waits, before starting the next
 * child, until this one calls {@link ProcessContext#ready()} (OTP's synchronous init): a child that
 * exits first or stays silent past the timeout (it is then killed) fails to start.
 */
public record ChildSpec(String id, ChildStart start, Restart restart, Shutdown shutdown, ChildType type, Duration readyTimeout) {
    public ChildSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(shutdown, "shutdown");
        Objects.requireNonNull(type, "type");
        if (readyTimeout != null && (readyTimeout.isNegative() || readyTimeout.isZero())) {
            throw new IllegalArgumentException("ready timeout must be positive: " + readyTimeout);
        }
    }

    /** A child whose start is not awaited beyond its spawn. */
    public ChildSpec(String id, ChildStart start, Restart restart, Shutdown shutdown, ChildType type) {
        this(id, start, restart, shutdown, type, null);
    }

    /** A permanent worker running {@code behavior}, stopped with a 5 s shutdown timeout. */
    public static ChildSpec worker(String id, Behavior behavior) {
        return new ChildSpec(id, (sup, arg) -> sup.spawnLink(behavior), Restart.PERMANENT, Shutdown.DEFAULT_WORKER, ChildType.WORKER);
    }

    /** A worker built from the startChild argument (the template of a simple_one_for_one supervisor). */
    public static ChildSpec dynamicWorker(String id, Function<Object, Behavior> withArg) {
        return new ChildSpec(id, (sup, arg) -> sup.spawnLink(withArg.apply(arg)), Restart.PERMANENT, Shutdown.DEFAULT_WORKER, ChildType.WORKER);
    }

    /** A worker with its own mailbox options. */
    public static ChildSpec worker(String id, Behavior behavior, SpawnOptions options) {
        return new ChildSpec(id, (sup, arg) -> sup.spawnLink(behavior, options), Restart.PERMANENT, Shutdown.DEFAULT_WORKER, ChildType.WORKER);
    }

    /** A permanent child supervisor (shutdown infinity, so its subtree stops in order). */
    public static ChildSpec supervisor(String id, SupervisorSpec spec) {
        return new ChildSpec(id, (sup, arg) -> Supervisor.startLink(sup, spec), Restart.PERMANENT, Shutdown.INFINITY, ChildType.SUPERVISOR);
    }

    public ChildSpec withRestart(Restart r) { return new ChildSpec(id, start, r, shutdown, type, readyTimeout); }

    public ChildSpec withShutdown(Shutdown s) { return new ChildSpec(id, start, restart, s, type, readyTimeout); }

    public ChildSpec withType(ChildType t) { return new ChildSpec(id, start, restart, shutdown, t, readyTimeout); }

    /** Wait up to {@code timeout} for the child's {@link ProcessContext#ready()} before starting the next one. */
    public ChildSpec withReadyTimeout(Duration timeout) { return new ChildSpec(id, start, restart, shutdown, type, timeout); }
}
