package tsunami.actor;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A heartbeat watchdog (Erlang's {@code heart}, per subtree): a process registered under a name that
 * owns one supervised subtree and expects a {@link #beat} at least once per period. When the beats
 * stop (a hung learner, a stuck game loop), it kills the subtree and exits with
 * {@code heartbeat_timeout}, so its own supervisor restarts heart and subtree together.
 */
public final class Heart {
    private static final Logger log = LoggerFactory.getLogger(Heart.class);
    public static final String TIMEOUT_REASON = "heartbeat_timeout";

    private enum Beat { INSTANCE }

    private Heart() {
    }

    /**
     * A child spec that runs {@code subtree} under a watchdog registered as {@code name}: if no beat
     * arrives within {@code period}, the subtree is killed and the watchdog exits abnormally.
     */
    public static ChildSpec watch(String name, Duration period, ChildSpec subtree) {
        if (period.isNegative() || period.isZero()) throw new IllegalArgumentException("heart period must be positive: " + period);
        // registered at spawn, so the name resolves as soon as the supervisor has started the heart
        ChildStart start = (sup, arg) -> sup.spawnLink(self -> body(self, name, period, subtree, arg), SpawnOptions.DEFAULT.named(name).withTrapExit(true));
        return new ChildSpec(subtree.id(), start, subtree.restart(), Shutdown.INFINITY, ChildType.SUPERVISOR, subtree.readyTimeout());
    }

    /** Feed the watchdog {@code name} (from a process of the subtree). */
    public static SendResult beat(ProcessContext ctx, String name) {
        return ctx.send(name, Beat.INSTANCE);
    }

    public static SendResult beat(ActorSystem system, String name) {
        return system.send(name, Beat.INSTANCE);
    }

    private static void body(ProcessContext self, String name, Duration period, ChildSpec subtree, Object arg) throws Exception {
        self.trapExit(true);
        self.label("heart:" + name);
        Pid child = subtree.start().start(self, arg);
        if (subtree.readyTimeout() != null) {
            try {
                self.system().readyFuture(child).get(subtree.readyTimeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                stop(self, child, ExitReason.KILL, null);
                self.exit(ExitReason.custom("subtree not ready within " + subtree.readyTimeout().toMillis() + " ms"));
            } catch (ExecutionException e) {
                self.exit(e.getCause() instanceof CallException ce ? ce.reason() : ExitReason.crash(e.getCause()));
            }
        }
        self.ready();
        while (true) {
            Optional<Object> m = self.receive(x -> x == Beat.INSTANCE || x instanceof Exit, period);
            if (m.isEmpty()) {
                log.warn("heart {}: no beat within {}; killing subtree {}", name, period, child);
                stop(self, child, ExitReason.KILL, null);
                self.exit(ExitReason.custom(TIMEOUT_REASON));
            }
            Object msg = m.get();
            if (msg instanceof Exit e) {
                if (e.from().equals(child)) self.exit(e.reason()); // the subtree died: let our supervisor decide
                stop(self, child, ExitReason.SHUTDOWN, subtree.shutdown().kind() == Shutdown.Kind.TIMEOUT ? subtree.shutdown().timeout() : null);
                self.exit(e.reason());
            }
            // a Beat: fed for another period
        }
    }

    private static void stop(ProcessContext self, Pid child, ExitReason how, Duration limit) {
        Ref mon = self.monitor(child);
        self.unlink(child);
        self.exit(child, how);
        boolean down = limit == null
                ? self.receive(m -> m instanceof Down d && d.ref().equals(mon)) != null
                : self.receive(Down.class, d -> d.ref().equals(mon), limit).isPresent();
        if (!down) {
            self.exit(child, ExitReason.KILL);
            self.receive(m -> m instanceof Down d && d.ref().equals(mon));
        }
    }
}
