package tsunami.actor;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a running process uses to talk to the kernel. Only the process's own thread may use its
 * context. Every method checks for a pending exit signal first and throws {@link ProcessTerminated}
 * if the process has been told to exit.
 *
 * <p><b>Blocking outside the kernel.</b> A process may wait on something the kernel does not own (a
 * {@code BlockingQueue}, a {@code Condition}, a sleep, interruptible I/O). An exit signal that ends it
 * interrupts its thread, so the wait ends with an {@link InterruptedException}; letting that escape
 * from {@link Behavior#run} ends the process with the signal's reason, not as a crash. Such waits
 * therefore need no timeout and no polling to notice an exit; code that catches the interrupt calls
 * {@link #checkExit()}. A process that traps exits is not interrupted: its signals arrive as messages.
 */
public interface ProcessContext {
    Pid self();

    ActorSystem system();

    // ---- messages -------------------------------------------------------------------------

    /** Asynchronous send; never blocks except under {@link Overflow#BLOCK}. */
    SendResult send(Pid to, Object message);

    /** Send to a locally registered name; {@link SendResult#NOPROC} (a dead letter) if unregistered. */
    SendResult send(String registeredName, Object message);

    /** The next message, in arrival order, waiting as long as it takes. */
    Object receive();

    /** The next message, or empty after {@code timeout} ({@link Duration#ZERO} polls). */
    Optional<Object> receive(Duration timeout);

    /** The oldest message of type {@code type}; other messages stay in the mailbox, in order. */
    <T> T receive(Class<T> type);

    <T> Optional<T> receive(Class<T> type, Duration timeout);

    /** The oldest message matching {@code matcher}; others stay in the mailbox, in order. */
    Object receive(Predicate<Object> matcher);

    Optional<Object> receive(Predicate<Object> matcher, Duration timeout);

    /** The oldest message of {@code type} that also satisfies {@code matcher}. */
    <T> Optional<T> receive(Class<T> type, Predicate<? super T> matcher, Duration timeout);

    /** Messages queued and not yet taken. */
    int mailboxSize();

    /**
     * Throws {@link ProcessTerminated} if an exit signal has ended this process; otherwise returns at
     * once. Takes no message and never waits, so a loop busy outside the kernel can call it to stop
     * promptly without disturbing its mailbox.
     */
    void checkExit();

    // ---- processes ------------------------------------------------------------------------

    Pid spawn(Behavior behavior);

    Pid spawn(Behavior behavior, SpawnOptions options);

    /** Spawn and link atomically: the child can never exit unlinked. */
    Pid spawnLink(Behavior behavior);

    Pid spawnLink(Behavior behavior, SpawnOptions options);

    Spawned spawnMonitor(Behavior behavior);

    Spawned spawnMonitor(Behavior behavior, SpawnOptions options);

    /**
     * Link to {@code pid} (both directions). If it is already gone, this process receives an exit
     * signal {@code noproc} (an {@link Exit} message when trapping, otherwise it exits).
     */
    void link(Pid pid);

    void unlink(Pid pid);

    /** Monitor {@code pid}: one {@link Down} arrives when it exits, at once with noproc if it is already gone. */
    Ref monitor(Pid pid);

    /** Stop monitoring; a Down for {@code ref} already in the mailbox is removed too. */
    void demonitor(Ref ref);

    /** When true, exit signals (except kill) arrive as {@link Exit} messages instead of ending the process. */
    void trapExit(boolean trap);

    boolean trapsExit();

    /** Send an exit signal to {@code pid} (kill is untrappable). */
    void exit(Pid pid, ExitReason reason);

    /** End this process now with {@code reason} (throws {@link ProcessTerminated}). */
    void exit(ExitReason reason);

    // ---- request / reply ------------------------------------------------------------------

    /** {@link #call(Pid, Object, Duration)} with the default 5 s timeout. */
    Object call(Pid to, Object request);

    /**
     * Send {@code request} as a {@link Call} and wait for the {@link Reply}. Fails with a
     * {@link CallException} at once (noproc) if {@code to} does not exist, with its exit reason if it
     * exits first, or {@link CallTimeoutException} after {@code timeout}; a late reply is discarded.
     */
    Object call(Pid to, Object request, Duration timeout);

    /** Answer a call received as a message. */
    void reply(Call call, Object value);

    // ---- names, groups, timers ------------------------------------------------------------

    /** Register this process under {@code name}; false if the name is taken. Freed when it exits. */
    boolean register(String name);

    Optional<Pid> whereis(String name);

    /** Join process group {@code group} (left automatically on exit). */
    void join(String group);

    void leave(String group);

    List<Pid> members(String group);

    /** Deliver {@code message} to {@code to} after {@code delay}. */
    TimerRef sendAfter(Pid to, Object message, Duration delay);

    /** Deliver {@code message} to {@code to} every {@code period} until cancelled or {@code to} exits. */
    TimerRef sendInterval(Pid to, Object message, Duration period);

    /** True if the timer was still pending (so the message will not be sent). */
    boolean cancelTimer(TimerRef timer);

    /**
     * Tell whoever is waiting for this process's initialisation (a supervisor starting a child whose
     * spec has {@link ChildSpec#withReadyTimeout}) that it is done: OTP's init_ack. Until then the
     * supervisor starts no further child. Harmless when nobody waits.
     */
    void ready();

    /** Mark this process's introspection label (shown by process listings and the supervision tree). */
    void label(String label);
}
