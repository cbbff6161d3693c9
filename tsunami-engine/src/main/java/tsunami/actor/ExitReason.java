package tsunami.actor;

import java.util.Objects;

/**
 * Why a process exited (Erlang exit reasons). {@code normal} does not kill linked processes;
 * {@code kill} sent with {@link ProcessContext#exit(Pid, ExitReason)} cannot be trapped and makes the
 * target exit with {@code killed}. {@code shutdown} (optionally with a detail, Erlang's
 * {@code {shutdown, Term}}) is an orderly stop: transient children are not restarted after it.
 */
public sealed interface ExitReason {
    record Normal() implements ExitReason {
        @Override public String toString() { return "normal"; }
    }

    /** Orderly stop; {@code detail} may be null. */
    record Shutdown(Object detail) implements ExitReason {
        @Override public String toString() { return detail == null ? "shutdown" : "{shutdown," + detail + "}"; }
    }

    /** The untrappable kill signal (only meaningful as a signal sent with exit(pid, KILL)). */
    record Kill() implements ExitReason {
        @Override public String toString() { return "kill"; }
    }

    /** The reason of a process that was sent {@link #KILL}. */
    record Killed() implements ExitReason {
        @Override public String toString() { return "killed"; }
    }

    /** The target did not exist (already exited, or never did). */
    record NoProc() implements ExitReason {
        @Override public String toString() { return "noproc"; }
    }

    /** The node of the target became unreachable. */
    record NoConnection() implements ExitReason {
        @Override public String toString() { return "noconnection"; }
    }

    /** The process body threw. */
    record Crash(Throwable error) implements ExitReason {
        public Crash { Objects.requireNonNull(error, "error"); }
        @Override public String toString() { return "crash(" + error + ")"; }
    }

    /** Any other reason a process chose (Erlang's exit(Term)). */
    record Custom(Object value) implements ExitReason {
        public Custom { Objects.requireNonNull(value, "value"); }
        @Override public String toString() { return String.valueOf(value); }
    }

    ExitReason NORMAL = new Normal();
    ExitReason SHUTDOWN = new Shutdown(null);
    ExitReason KILL = new Kill();
    ExitReason KILLED = new Killed();
    ExitReason NOPROC = new NoProc();
    ExitReason NOCONNECTION = new NoConnection();

    static ExitReason crash(Throwable error) { return new Crash(error); }
    static ExitReason shutdown(Object detail) { return new Shutdown(detail); }
    static ExitReason custom(Object value) { return new Custom(value); }

    /** True for normal and shutdown (with or without detail): the reasons OTP calls non-abnormal. */
    default boolean isOrderly() {
        return this instanceof Normal || this instanceof Shutdown;
    }
}
