package tsunami.actor;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

import tsunami.actor.MailboxLayout.Node;

/**
 * One process: its mailbox, its signal state and its {@link ProcessContext}. Kept in one object
 * (no per-process helper objects until a feature is used) so that a million idle processes stay small.
 *
 * <p>Mailbox: a hand-written multi-producer single-consumer linked queue (Vyukov): a send is one
 * atomic swap plus one store; the consumer never uses a CAS. Messages the process skipped in a
 * selective receive move to a private {@code saved} deque and are scanned first next time, so order
 * is kept. The consumer parks only after announcing it with the {@code parked} flag and re-checking
 * the queue; a sender unparks only if it wins the flag's CAS, so a running consumer costs senders one
 * volatile read and a burst of sends wakes the consumer once (no unpark storms).
 *
 * <p>Signals: an exit signal that kills the process is carried out at once by the signalling thread
 * (links, monitors, registry are settled immediately, as in Erlang); the process's own thread is then
 * woken and dies with {@link ProcessTerminated} at its next kernel call, or with the interrupt if it
 * is blocked outside the kernel.
 *
 * <p>Two locks, never nested: the process object's monitor guards the signal bookkeeping (links,
 * monitors, name, groups, timers, the ready handshake, the alive-to-dead change); {@code dropLock},
 * made only for {@link Overflow#DROP_OLDEST} mailboxes, lets a sender that drops the oldest message
 * dequeue without racing the consumer. So a flood into a full mailbox never holds up a link, a
 * monitor or an exit, and the kernel's other classes reach this state only through the methods here.
 */
final class ActorProcess extends MailboxLayout.Tail implements ProcessContext, Runnable {
    static final int ALIVE = 0, DEAD = 1;
    static final byte STARTING = 0, RUNNING = 1, WAITING = 2;
    private static final Object TIMEOUT = new Object();

    private static final VarHandle TAIL, COUNT, PARKED, DROPPED, REJECTED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            TAIL = l.findVarHandle(MailboxLayout.Tail.class, "tail", Node.class);
            COUNT = l.findVarHandle(MailboxLayout.Tail.class, "count", int.class);
            PARKED = l.findVarHandle(ActorProcess.class, "parked", int.class);
            DROPPED = l.findVarHandle(ActorProcess.class, "dropped", long.class);
            REJECTED = l.findVarHandle(ActorProcess.class, "rejected", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final ActorSystem sys;
    final Pid pid;
    private final Behavior behavior;
    private final int capacity;
    private final Overflow overflow;
    private final long blockTimeoutNanos;
    private final int decrementBatch;
    private final Object dropLock;           // DROP_OLDEST only: senders that drop and the consumer share it
    Thread thread;
    ActorProcess lastTarget;                 // owner thread only: the last local process it sent to

    // mailbox
    private volatile int parked;             // 1 while the consumer is (about to be) parked
    private volatile long dropped, rejected;

    // signal state
    private volatile int state = ALIVE;
    private volatile ExitReason exitReason;
    private volatile boolean trapExit;
    volatile byte runState = STARTING;
    private volatile Ref callRef;            // the pending call, if any (reply tag and call-monitor ref)
    private volatile Pid callTarget;

    // guarded by this
    private HashSet<Pid> links;
    private HashMap<Ref, Pid> monitorsIn;    // ref -> watcher
    private HashMap<Ref, Pid> monitorsOut;   // ref -> target
    private volatile String name;            // written under this, read freely by introspection
    private HashSet<String> groups;
    private HashSet<Ref> timers;             // timers targeting this process

    // introspection, written by the supervisor
    volatile Pid supervisor;
    volatile int restarts;
    volatile String label;
    volatile Supervisor.View supervisorView; // non-null for supervisor processes

    // init handshake (guarded by this)
    private boolean readySignalled;
    private CompletableFuture<Void> readyFuture;

    ActorProcess(ActorSystem sys, Pid pid, Behavior behavior, SpawnOptions options) {
        this.sys = sys;
        this.pid = pid;
        this.behavior = behavior;
        this.capacity = options.capacity();
        this.overflow = options.overflow();
        this.blockTimeoutNanos = options.blockTimeout().toNanos();
        this.decrementBatch = capacity >= 1024 ? 64 : 1;
        this.trapExit = options.trapExit();
        this.dropLock = overflow == Overflow.DROP_OLDEST ? new Object() : null;
        Node stub = new Node(null);
        this.head = stub;
        this.tail = stub;
    }

    @Override
    public void run() {
        ExitReason reason;
        try {
            runState = RUNNING;
            if (state != ALIVE) throw new ProcessTerminated(exitReason);
            behavior.run(this);
            reason = ExitReason.NORMAL;
        } catch (ProcessTerminated t) {
            reason = t.reason();
        } catch (Throwable e) {
            reason = ExitReason.crash(e);
        }
        try {
            sys.terminate(this, reason);
        } finally {
            sys.threadFinished();
        }
    }

    // ---------------------------------------------------------------- mailbox, producer side

    /** Queue a user message under the overflow policy. */
    SendResult offer(Object message, ActorProcess sender) {
        if (state != ALIVE) return SendResult.NOPROC;
        SendResult result = SendResult.DELIVERED;
        switch (overflow) {
            case REJECT -> {
                while (true) { // CAS, not add-then-undo, so the observable length never passes capacity
                    int c = count;
                    if (c >= capacity) {
                        REJECTED.getAndAdd(this, 1L);
                        return SendResult.REJECTED;
                    }
                    if (COUNT.compareAndSet(this, c, c + 1)) break;
                }
                enqueue(message);
            }
            case DROP_OLDEST -> {
                synchronized (dropLock) { // the sender may dequeue here, so consumers and droppers share this lock
                    if (count >= capacity) {
                        // Refuse the new message instead when there is nothing droppable: everything
                        // waiting sits in the receiver's saved list, or the oldest is a signal (an Exit
                        // or Down must never be lost, and putting it back would reorder it).
                        Node first = head.next;
                        Object oldest = first == null ? null : first.value;
                        if (oldest == null || oldest instanceof Exit || oldest instanceof Down || oldest instanceof CallDown) {
                            REJECTED.getAndAdd(this, 1L);
                            return SendResult.REJECTED;
                        }
                        poll();
                        DROPPED.getAndAdd(this, 1L);
                        result = SendResult.DELIVERED_DROPPED_OLDEST;
                    } else {
                        COUNT.getAndAdd(this, 1);
                    }
                    enqueue(message);
                }
            }
            case BLOCK -> {
                long deadline = 0; // the clock is read only once the mailbox is full
                long backoff = 1_000;
                while (true) {
                    int c = count;
                    if (c < capacity) {
                        if (COUNT.compareAndSet(this, c, c + 1)) break;
                        continue;
                    }
                    if (state != ALIVE) return SendResult.NOPROC;
                    if (sender != null) sender.checkAlive();
                    long now = System.nanoTime();
                    if (deadline == 0) deadline = now + blockTimeoutNanos;
                    long left = deadline - now;
                    if (left <= 0) {
                        REJECTED.getAndAdd(this, 1L);
                        return SendResult.TIMED_OUT;
                    }
                    LockSupport.parkNanos(Math.min(backoff, left));
                    backoff = Math.min(backoff * 2, 1_000_000);
                }
                enqueue(message);
            }
        }
        wake();
        // No re-check of state here: the receiver may legitimately take this message and exit before
        // we look again. A message that lands in a mailbox whose owner is exiting is lost, as in Erlang.
        return result;
    }

    /** Queue a kernel signal (Exit, Down, CallDown): never refused, signals must not be lost. */
    void offerSignal(Object signal) {
        COUNT.getAndAdd(this, 1);
        if (dropLock != null) {
            synchronized (dropLock) { enqueue(signal); }
        } else {
            enqueue(signal);
        }
        wake();
    }

    private void enqueue(Object message) {
        Node n = new Node(message);
        Node prev = (Node) TAIL.getAndSet(this, n);
        prev.next = n;
    }

    private void wake() {
        if (parked != 0 && PARKED.compareAndSet(this, 1, 0)) LockSupport.unpark(thread);
    }

    /** Wake the process's thread so it notices it is dead (called by whoever terminated it). */
    void wakeForExit() {
        Thread t = thread;
        if (t == null || t == Thread.currentThread()) return;
        if (runState == WAITING) {
            LockSupport.unpark(t);
        } else {
            t.interrupt(); // break a sleep or blocking I/O in the behaviour
        }
    }

    // ---------------------------------------------------------------- mailbox, consumer side

    private Object poll() {
        Node h = head;
        Node n = h.next;
        if (n == null) return null;
        Object v = n.value;
        n.value = null;
        head = n;
        return v;
    }

    private Object pollLocked() {
        if (dropLock != null) {
            synchronized (dropLock) { return poll(); }
        }
        return poll();
    }

    private void consumed() {
        if (++pendingDecrement >= decrementBatch) flushConsumed();
    }

    private void flushConsumed() {
        if (pendingDecrement != 0) {
            COUNT.getAndAdd(this, -pendingDecrement);
            pendingDecrement = 0;
        }
    }

    /** Replies and call-downs for a call that is no longer pending are discarded, never shown. */
    private boolean stale(Object m) {
        if (m instanceof Reply r) return !r.ref().equals(callRef);
        if (m instanceof CallDown d) return !d.ref().equals(callRef);
        return false;
    }

    /**
     * The oldest message accepted by {@code matcher} (null accepts all), or {@link #TIMEOUT}.
     * {@code deadline} is a nanoTime, or Long.MAX_VALUE for no timeout.
     */
    private Object take(Predicate<Object> matcher, long deadline) {
        checkAlive();
        if (saved != null && !saved.isEmpty()) {
            for (Iterator<Object> it = saved.iterator(); it.hasNext(); ) {
                Object m = it.next();
                if (stale(m)) {
                    it.remove();
                    consumed();
                } else if (matcher == null || matcher.test(m)) {
                    it.remove();
                    consumed();
                    return m;
                }
            }
        }
        while (true) {
            Object m = pollLocked();
            if (m != null) {
                if (stale(m)) {
                    consumed();
                    continue;
                }
                if (matcher == null || matcher.test(m)) {
                    consumed();
                    return m;
                }
                if (saved == null) saved = new ArrayDeque<>();
                saved.addLast(m);
                continue;
            }
            flushConsumed();
            long left = 0;
            if (deadline != Long.MAX_VALUE) {
                left = deadline - System.nanoTime();
                if (left <= 0) return TIMEOUT;
            }
            // A leftover interrupt (behaviour code that re-set the flag) would make park return at once
            // and this loop spin; kernel waits are woken by messages and signals, never by interrupts.
            if (Thread.interrupted()) checkAlive();
            runState = WAITING;
            parked = 1; // volatile write, then re-check: a sender either sees the flag or we see its message
            if (head.next == null && state == ALIVE) {
                if (deadline == Long.MAX_VALUE) LockSupport.park(this);
                else LockSupport.parkNanos(this, left);
            }
            parked = 0;
            runState = RUNNING;
            checkAlive();
        }
    }

    /** Move everything queued into the saved list and remove what {@code drop} matches. */
    private void purge(Predicate<Object> drop) {
        Object m;
        while ((m = pollLocked()) != null) {
            if (saved == null) saved = new ArrayDeque<>();
            saved.addLast(m);
        }
        if (saved != null) {
            for (Iterator<Object> it = saved.iterator(); it.hasNext(); ) {
                if (drop.test(it.next())) {
                    it.remove();
                    consumed();
                }
            }
        }
        flushConsumed();
    }

    void checkAlive() {
        if (state != ALIVE) throw new ProcessTerminated(exitReason);
    }

    boolean isAlive() { return state == ALIVE; }

    /** True if {@code ref} is the call this process is waiting on. */
    boolean awaitsCall(Ref ref) { return ref.equals(callRef); }

    String registeredName() { return name; }

    private static long deadlineOf(Duration timeout) {
        long n = timeout.toNanos();
        long now = System.nanoTime();
        return n >= Long.MAX_VALUE - now ? Long.MAX_VALUE - 1 : now + n;
    }

    int mailboxLength() { return Math.max(0, count); }

    long droppedCount() { return dropped; }

    long rejectedCount() { return rejected; }

    // ---------------------------------------------------------------- bookkeeping (guarded by this)

    /** Add a link towards {@code other}; false if this process is already dead. */
    synchronized boolean addLink(Pid other) {
        if (state != ALIVE) return false;
        if (links == null) links = new HashSet<>(4);
        links.add(other);
        return true;
    }

    synchronized boolean removeLink(Pid other) {
        return links != null && links.remove(other);
    }

    synchronized boolean addMonitorIn(Ref ref, Pid watcher) {
        if (state != ALIVE) return false;
        if (monitorsIn == null) monitorsIn = new HashMap<>(4);
        monitorsIn.put(ref, watcher);
        return true;
    }

    synchronized void removeMonitorIn(Ref ref) {
        if (monitorsIn != null) monitorsIn.remove(ref);
    }

    synchronized void addMonitorOut(Ref ref, Pid target) {
        if (monitorsOut == null) monitorsOut = new HashMap<>(4);
        monitorsOut.put(ref, target);
    }

    synchronized Pid removeMonitorOut(Ref ref) {
        return monitorsOut == null ? null : monitorsOut.remove(ref);
    }

    /** Tie a timer to this process so it is cancelled when the process exits; false if already dead. */
    synchronized boolean addTimer(Ref ref) {
        if (state != ALIVE) return false;
        if (timers == null) timers = new HashSet<>(4);
        timers.add(ref);
        return true;
    }

    synchronized void removeTimer(Ref ref) {
        if (timers != null) timers.remove(ref);
    }

    /**
     * Take {@code name} for this live, still unnamed process; {@code claim} reserves it in the
     * registry and answers whether that worked. Done under this process's lock so an exit cannot
     * slip in between and leave the name registered to the dead.
     */
    synchronized boolean claimName(String newName, java.util.function.BooleanSupplier claim) {
        if (state != ALIVE || name != null || !claim.getAsBoolean()) return false;
        name = newName;
        return true;
    }

    synchronized void forgetName(String oldName) {
        if (oldName.equals(name)) name = null;
    }

    /** Record membership of {@code group} and run {@code addToTable}; nothing if this process is dead. */
    synchronized void joinGroup(String group, Runnable addToTable) {
        if (state != ALIVE) return;
        if (groups == null) groups = new HashSet<>(2);
        groups.add(group);
        addToTable.run();
    }

    synchronized void leaveGroup(String group) {
        if (groups != null) groups.remove(group);
    }

    /** What an exiting process leaves for the kernel to settle: the bookkeeping it held when it died. */
    record Departure(ExitReason reason, Set<Pid> links, Map<Ref, Pid> monitorsIn, Map<Ref, Pid> monitorsOut,
                     Set<String> groups, Set<Ref> timers, String name, CompletableFuture<Void> readyWaiter,
                     Ref pendingCall, Pid pendingCallTarget) {
    }

    /**
     * Mark this process dead with {@code reason} and hand over its bookkeeping; null if it was already
     * dead (whoever wins this change settles the exit, exactly once).
     */
    synchronized Departure die(ExitReason reason) {
        if (state != ALIVE) return null;
        exitReason = reason;
        state = DEAD;
        Departure d = new Departure(reason, links, monitorsIn, monitorsOut, groups, timers, name, readyFuture,
                callRef, callTarget);
        links = null;
        monitorsIn = null;
        monitorsOut = null;
        groups = null;
        timers = null;
        name = null;
        return d;
    }

    /** What a lost node leaves behind in this process: its links and outgoing monitors there. */
    record NodeLoss(List<Pid> links, List<Map.Entry<Ref, Pid>> monitors, Ref pendingCall) {
    }

    /** Forget every link and monitor towards {@code node}, returning those the process must be told about. */
    synchronized NodeLoss forgetNode(String node) {
        List<Pid> lostLinks = new java.util.ArrayList<>();
        List<Map.Entry<Ref, Pid>> lostMonitors = new java.util.ArrayList<>();
        if (links != null) {
            links.removeIf(l -> {
                if (l.node().equals(node)) { lostLinks.add(l); return true; }
                return false;
            });
        }
        if (monitorsOut != null) {
            monitorsOut.entrySet().removeIf(e -> {
                if (e.getValue().node().equals(node)) { lostMonitors.add(Map.entry(e.getKey(), e.getValue())); return true; }
                return false;
            });
        }
        if (monitorsIn != null) monitorsIn.values().removeIf(w -> w.node().equals(node));
        Ref call = callRef;
        Pid target = callTarget;
        return new NodeLoss(lostLinks, lostMonitors, call != null && target != null && target.node().equals(node) ? call : null);
    }

    /**
     * Completes when this process calls {@link #ready()} (at once if it already has); fails with a
     * {@link CallException} carrying the exit reason if it exits first.
     */
    synchronized CompletableFuture<Void> readyFuture() {
        if (readyFuture == null) readyFuture = new CompletableFuture<>();
        if (readySignalled) readyFuture.complete(null);
        else if (state != ALIVE) {
            readyFuture.completeExceptionally(new CallException(pid, exitReason, "process " + pid + " exited before it was ready: " + exitReason));
        }
        return readyFuture;
    }

    // ---------------------------------------------------------------- ProcessContext

    @Override public Pid self() { return pid; }

    @Override public ActorSystem system() { return sys; }

    @Override
    public SendResult send(Pid to, Object message) {
        checkAlive();
        return sys.send(this, to, message);
    }

    @Override
    public SendResult send(String registeredName, Object message) {
        checkAlive();
        Optional<Pid> to = sys.whereis(registeredName);
        if (to.isEmpty()) {
            sys.deadLetter();
            return SendResult.NOPROC;
        }
        return sys.send(this, to.get(), message);
    }

    @Override
    public Object receive() {
        return take(null, Long.MAX_VALUE);
    }

    @Override
    public Optional<Object> receive(Duration timeout) {
        Object m = take(null, deadlineOf(timeout));
        return m == TIMEOUT ? Optional.empty() : Optional.of(m);
    }

    @Override
    public <T> T receive(Class<T> type) {
        return type.cast(take(type::isInstance, Long.MAX_VALUE));
    }

    @Override
    public <T> Optional<T> receive(Class<T> type, Duration timeout) {
        Object m = take(type::isInstance, deadlineOf(timeout));
        return m == TIMEOUT ? Optional.empty() : Optional.of(type.cast(m));
    }

    @Override
    public Object receive(Predicate<Object> matcher) {
        return take(matcher, Long.MAX_VALUE);
    }

    @Override
    public Optional<Object> receive(Predicate<Object> matcher, Duration timeout) {
        Object m = take(matcher, deadlineOf(timeout));
        return m == TIMEOUT ? Optional.empty() : Optional.of(m);
    }

    @Override
    public <T> Optional<T> receive(Class<T> type, Predicate<? super T> matcher, Duration timeout) {
        Object m = take(x -> type.isInstance(x) && matcher.test(type.cast(x)), deadlineOf(timeout));
        return m == TIMEOUT ? Optional.empty() : Optional.of(type.cast(m));
    }

    @Override
    public void checkExit() {
        checkAlive();
    }

    @Override
    public int mailboxSize() {
        return mailboxLength();
    }

    @Override public Pid spawn(Behavior behavior) { return spawn(behavior, SpawnOptions.DEFAULT); }

    @Override
    public Pid spawn(Behavior behavior, SpawnOptions options) {
        checkAlive();
        return sys.spawnProcess(behavior, options, null, null, null).pid;
    }

    @Override public Pid spawnLink(Behavior behavior) { return spawnLink(behavior, SpawnOptions.DEFAULT); }

    @Override
    public Pid spawnLink(Behavior behavior, SpawnOptions options) {
        checkAlive();
        return sys.spawnProcess(behavior, options, this, null, null).pid;
    }

    @Override public Spawned spawnMonitor(Behavior behavior) { return spawnMonitor(behavior, SpawnOptions.DEFAULT); }

    @Override
    public Spawned spawnMonitor(Behavior behavior, SpawnOptions options) {
        checkAlive();
        Ref ref = sys.newRef();
        Pid child = sys.spawnProcess(behavior, options, null, this, ref).pid;
        return new Spawned(child, ref);
    }

    @Override
    public void link(Pid other) {
        checkAlive();
        sys.link(this, other);
        checkAlive();
    }

    @Override
    public void unlink(Pid other) {
        checkAlive();
        sys.unlink(this, other);
    }

    @Override
    public Ref monitor(Pid target) {
        checkAlive();
        Ref ref = sys.newRef();
        sys.monitor(this, ref, target);
        return ref;
    }

    @Override
    public void demonitor(Ref ref) {
        checkAlive();
        sys.demonitor(this, ref);
        purge(m -> m instanceof Down d && d.ref().equals(ref));
    }

    @Override
    public void trapExit(boolean trap) {
        checkAlive();
        trapExit = trap;
    }

    @Override public boolean trapsExit() { return trapExit; }

    @Override
    public void exit(Pid target, ExitReason reason) {
        checkAlive();
        sys.exitSignal(pid, target, reason);
        checkAlive();
    }

    @Override
    public void exit(ExitReason reason) {
        checkAlive();
        throw new ProcessTerminated(reason);
    }

    @Override
    public Object call(Pid to, Object request) {
        return call(to, request, ActorSystem.DEFAULT_CALL_TIMEOUT);
    }

    @Override
    public Object call(Pid to, Object request, Duration timeout) {
        checkAlive();
        if (callRef != null) throw new IllegalStateException("a call is already pending in " + pid);
        Ref ref = sys.newRef();
        callTarget = to;
        callRef = ref;
        try {
            if (!sys.monitorForCall(this, ref, to)) {
                throw new CallException(to, ExitReason.NOPROC, "call to " + to + ": noproc");
            }
            SendResult sent = sys.send(this, to, new Call(request, pid, ref));
            if (sent == SendResult.NOPROC) throw new CallException(to, ExitReason.NOPROC, "call to " + to + ": noproc");
            if (!sent.delivered()) {
                throw new CallException(to, ExitReason.custom("mailbox_full"), "call to " + to + ": request " + sent);
            }
            Object m = take(x -> (x instanceof Reply r && r.ref().equals(ref)) || (x instanceof CallDown d && d.ref().equals(ref)),
                    deadlineOf(timeout));
            if (m == TIMEOUT) throw new CallTimeoutException(to, timeout);
            if (m instanceof Reply r) return r.value();
            ExitReason why = ((CallDown) m).reason();
            throw new CallException(to, why, "call to " + to + ": callee exited with " + why);
        } finally {
            callRef = null;
            callTarget = null;
            sys.demonitorForCall(this, ref, to);
        }
    }

    @Override
    public void reply(Call call, Object value) {
        checkAlive();
        sys.send(this, call.from(), new Reply(call.ref(), value));
    }

    @Override
    public boolean register(String registeredName) {
        checkAlive();
        return sys.register(registeredName, pid);
    }

    @Override public Optional<Pid> whereis(String registeredName) { return sys.whereis(registeredName); }

    @Override
    public void join(String group) {
        checkAlive();
        sys.join(group, pid);
    }

    @Override
    public void leave(String group) {
        checkAlive();
        sys.leave(group, pid);
    }

    @Override public List<Pid> members(String group) { return sys.members(group); }

    @Override
    public TimerRef sendAfter(Pid to, Object message, Duration delay) {
        checkAlive();
        return sys.sendAfter(to, message, delay);
    }

    @Override
    public TimerRef sendInterval(Pid to, Object message, Duration period) {
        checkAlive();
        return sys.sendInterval(to, message, period);
    }

    @Override public boolean cancelTimer(TimerRef timer) { return sys.cancelTimer(timer); }

    @Override public void label(String l) { this.label = l; }

    @Override
    public void ready() {
        checkAlive();
        CompletableFuture<Void> f;
        synchronized (this) {
            readySignalled = true;
            f = readyFuture;
        }
        if (f != null) f.complete(null);
    }

    Set<String> groupsSnapshot() {
        synchronized (this) { return groups == null ? Set.of() : Set.copyOf(groups); }
    }
}
