package tsunami.actor;

import java.util.Objects;
import java.util.function.Function;

/** How a supervisor starts, restarts and stops one child (OTP child specification). */
public record ChildSpec(String id, ChildStart start, Restart restart, Shutdown shutdown, ChildType type) {
    public ChildSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(restart, "restart");
        Objects.requireNonNull(shutdown, "shutdown");
        Objects.requireNonNull(type, "type");
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

    public ChildSpec withRestart(Restart r) { return new ChildSpec(id, start, r, shutdown, type); }

    public ChildSpec withShutdown(Shutdown s) { return new ChildSpec(id, start, restart, s, type); }

    public ChildSpec withType(ChildType t) { return new ChildSpec(id, start, restart, shutdown, t); }
}
