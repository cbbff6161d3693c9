package tsunami.actor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One process kernel (one "node"): Erlang-style processes on virtual threads, with links, monitors,
 * exit signals, a name registry, process groups, timers and call/reply. Several systems may live in
 * one JVM (tests create many); pids of other nodes are routed through a {@link RemoteTransport}.
 *
 * <p>Methods here act from outside any process (sends from outside carry no sender; exit signals
 * from outside come from {@link #systemPid()}). Inside a process, use its {@link ProcessContext}.
 */
public final class ActorSystem implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ActorSystem.class);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);

    private final String node;
    private final Pid systemPid;
    private final ProcessTable procs = new ProcessTable();
    private final ConcurrentHashMap<String, Pid> names = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Set<Pid>> groups = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Ref, TimerEntry> timers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Long, CompletableFuture<ExitReason>> exitWatchers = new ConcurrentHashMap<>();
    private final AtomicLong nextPid = new AtomicLong(1);
    private final AtomicLong nextRef = new AtomicLong(1);
    private final LongAdder deadLetters = new LongAdder();
    // Plain atomics, not LongAdders: a LongAdder's code is compiled speculating on whether it has seen
    // contention; when that flips while a million processes are parked, each one woken deoptimizes.
    private final AtomicLong spawned = new AtomicLong();
    private final AtomicLong finished = new AtomicLong();
    private final ThreadFactory threads = Thread.ofVirtual().factory();
    private final ScheduledThreadPoolExecutor timerExecutor;
    private final BehaviorRegistry behaviors = new BehaviorRegistry();
    private final Inbound inbound = new Inbound();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile RemoteTransport transport;

    private static final class TimerEntry {
        final Pid target;
        volatile ScheduledFuture<?> future;

        TimerEntry(Pid target) { this.target = target; }
    }

    private ActorSystem(String node) {
        this.node = node;
        this.systemPid = new Pid(node, 0);
        this.timerExecutor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "tsunami-timers-" + node);
            t.setDaemon(true);
            return t;
        });
        timerExecutor.setRemoveOnCancelPolicy(true);
    }

    /** A new kernel named {@code nodeName} (the node part of every pid it creates). */
    public static ActorSystem create(String nodeName) {
        if (nodeName == null || nodeName.isBlank()) throw new IllegalArgumentException("node name must not be blank");
        KernelWarmup.ensure();
        return new ActorSystem(nodeName);
    }

    static ActorSystem createUnwarmed(String nodeName) {
        return new ActorSystem(nodeName);
    }

    public String node() { return node; }

    /** The sender of exit signals sent from outside any process (id 0, never a real process). */
    public Pid systemPid() { return systemPid; }

    public BehaviorRegistry behaviors() { return behaviors; }

    public void setRemoteTransport(RemoteTransport t) { this.transport = t; }

    /** Where a transport delivers inbound traffic. */
    public RemoteInbound remote() { return inbound; }

    boolean isLocal(Pid pid) { return pid.node().equals(node); }

    ActorProcess lookup(Pid pid) {
        return isLocal(pid) ? procs.get(pid.id()) : null;
    }

    Ref newRef() { return new Ref(node, nextRef.getAndIncrement()); }

    void deadLetter() { deadLetters.increment(); }

    // ------------------------------------------------------------------ spawning

    public Pid spawn(Behavior behavior) { return spawn(behavior, SpawnOptions.DEFAULT); }

    public Pid spawn(Behavior behavior, SpawnOptions options) {
        return spawnProcess(behavior, options, null, null, null).pid;
    }

    ActorProcess spawnProcess(Behavior behavior, SpawnOptions options, ActorProcess linkTo, ActorProcess monitorBy, Ref monitorRef) {
        Objects.requireNonNull(behavior, "behavior");
        if (closed.get()) throw new IllegalStateException("actor system " + node + " is shut down");
        Pid pid = new Pid(node, nextPid.getAndIncrement());
        ActorProcess p = new ActorProcess(this, pid, behavior, options);
        if (linkTo != null) {
            p.addLink(linkTo.pid);
            linkTo.addLink(pid);
        }
        if (monitorBy != null) {
            p.addMonitorIn(monitorRef, monitorBy.pid);
            monitorBy.addMonitorOut(monitorRef, pid);
        }
        Thread t = threads.newThread(p);
        p.thread = t;
        procs.put(pid.id(), p);
        if (options.name() != null && !register(options.name(), pid)) {
            procs.remove(pid.id(), p);
            if (linkTo != null) linkTo.removeLink(pid);
            if (monitorBy != null) monitorBy.removeMonitorOut(monitorRef);
            throw new IllegalStateException("name already registered: " + options.name());
        }
        spawned.incrementAndGet();
        t.start();
        return p;
    }

    // ------------------------------------------------------------------ messages

    public SendResult send(Pid to, Object message) { return send(null, to, message); }

    public SendResult send(String registeredName, Object message) {
        Pid to = names.get(registeredName);
        if (to == null) {
            deadLetters.increment();
            return SendResult.NOPROC;
        }
        return send(null, to, message);
    }

    SendResult send(ActorProcess from, Pid to, Object message) {
        if (from != null) { // a process mostly talks to the same partner: skip the table lookup
            ActorProcess last = from.lastTarget;
            if (last != null && last.pid.id() == to.id() && last.pid.node().equals(to.node())) {
                SendResult r = last.offer(message, from);
                if (r == SendResult.NOPROC) deadLetters.increment();
                return r;
            }
        }
        if (!isLocal(to)) {
            RemoteTransport t = transport;
            if (t == null) {
                deadLetters.increment();
                return SendResult.NOPROC;
            }
            return t.send(from == null ? null : from.pid, to, message);
        }
        ActorProcess p = procs.get(to.id());
        if (p == null) {
            deadLetters.increment();
            return SendResult.NOPROC;
        }
        if (from != null) from.lastTarget = p;
        SendResult r = p.offer(message, from);
        if (r == SendResult.NOPROC) deadLetters.increment();
        return r;
    }

    /** Messages sent to processes that did not exist (local sends and inbound remote ones). */
    public long deadLetters() { return deadLetters.sum(); }

    /** Request/reply from outside a process (runs the call in a short-lived process). */
    public Object call(Pid to, Object request) { return call(to, request, DEFAULT_CALL_TIMEOUT); }

    public Object call(Pid to, Object request, Duration timeout) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        spawn(self -> {
            try {
                result.complete(self.call(to, request, timeout));
            } catch (CallException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallException(to, ExitReason.custom("interrupted"), "call to " + to + " interrupted");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof CallException ce) throw ce;
            throw new IllegalStateException(e.getCause());
        }
    }

    // ------------------------------------------------------------------ signals

    /** Send an exit signal from outside any process (its sender is {@link #systemPid()}). */
    public void exit(Pid target, ExitReason reason) { exitSignal(systemPid, target, reason); }

    void exitSignal(Pid from, Pid target, ExitReason reason) {
        if (!isLocal(target)) {
            RemoteTransport t = transport;
            if (t != null) t.exit(from, target, reason, false);
            return;
        }
        ActorProcess q = procs.get(target.id());
        if (q == null) return;
        ExitReason r = signalOutcome(q, from, reason, false);
        if (r != null) terminate(q, r);
    }

    /**
     * What an exit signal does to {@code q}: the reason it must exit with, or null when it survives
     * (trapped -> queued as an Exit message; normal from another process -> ignored).
     */
    private ExitReason signalOutcome(ActorProcess q, Pid from, ExitReason reason, boolean viaLink) {
        if (!viaLink && reason instanceof ExitReason.Kill) return ExitReason.KILLED;
        if (q.trapsExit()) {
            q.offerSignal(new Exit(from, reason));
            return null;
        }
        if (reason instanceof ExitReason.Normal) return !viaLink && from.equals(q.pid) ? reason : null;
        return reason;
    }

    /** True while {@code pid} is a live local process. */
    public boolean isAlive(Pid pid) {
        ActorProcess p = lookup(pid);
        return p != null && p.isAlive();
    }

    /** Completes with the exit reason of {@code pid} (noproc if it is already gone or not local). */
    public CompletableFuture<ExitReason> exitFuture(Pid pid) {
        if (!isLocal(pid)) return CompletableFuture.completedFuture(ExitReason.NOPROC);
        CompletableFuture<ExitReason> f = exitWatchers.computeIfAbsent(pid.id(), k -> new CompletableFuture<>());
        ActorProcess p = procs.get(pid.id());
        if (p == null) {
            exitWatchers.remove(pid.id(), f);
            f.complete(ExitReason.NOPROC);
        }
        return f;
    }

    /**
     * Exit {@code first} with {@code firstReason}: settle registry, groups, timers, monitors and links,
     * then wake its thread. Runs at most once per process (whoever wins the state change). Exits that
     * spread along links are handled with a work list, not recursion, so long link chains are safe.
     */
    void terminate(ActorProcess first, ExitReason firstReason) {
        ArrayDeque<Object> work = null;
        ActorProcess p = first;
        ExitReason reason = firstReason;
        while (p != null) {
            ActorProcess.Departure d = p.die(reason);
            if (d != null) {
                Pid pid = p.pid;
                procs.remove(pid.id(), p);
                if (d.name() != null) names.remove(d.name(), pid);
                if (d.groups() != null) for (String g : d.groups()) removeFromGroup(g, pid);
                if (d.timers() != null) for (Ref t : d.timers()) cancelTimer(new TimerRef(t));
                if (d.monitorsOut() != null) for (Map.Entry<Ref, Pid> e : d.monitorsOut().entrySet()) dropMonitorAt(e.getKey(), pid, e.getValue());
                if (d.pendingCall() != null && d.pendingCallTarget() != null) dropMonitorAt(d.pendingCall(), pid, d.pendingCallTarget());
                if (log.isDebugEnabled() && reason instanceof ExitReason.Crash c) {
                    log.debug("process {} crashed", pid, c.error());
                }
                if (d.links() != null) {
                    for (Pid other : d.links()) {
                        if (isLocal(other)) {
                            ActorProcess q = procs.get(other.id());
                            if (q == null || !q.removeLink(pid)) continue;
                            ExitReason r = signalOutcome(q, pid, reason, true);
                            if (r != null) {
                                if (work == null) work = new ArrayDeque<>();
                                work.add(q);
                                work.add(r);
                            }
                        } else {
                            RemoteTransport t = transport;
                            if (t != null) t.exit(pid, other, reason, true);
                        }
                    }
                }
                if (d.monitorsIn() != null) {
                    for (Map.Entry<Ref, Pid> e : d.monitorsIn().entrySet()) deliverDown(e.getValue(), e.getKey(), pid, reason);
                }
                if (d.readyWaiter() != null) {
                    d.readyWaiter().completeExceptionally(new CallException(pid, reason, "process " + pid + " exited before it was ready: " + reason));
                }
                CompletableFuture<ExitReason> f = exitWatchers.remove(pid.id());
                if (f != null) f.complete(reason);
                p.wakeForExit();
            }
            if (work == null || work.isEmpty()) break;
            p = (ActorProcess) work.poll();
            reason = (ExitReason) work.poll();
        }
    }

    /** Called at the very end of a process's thread. */
    void threadFinished() { finished.incrementAndGet(); }

    private void dropMonitorAt(Ref ref, Pid watcher, Pid target) {
        if (isLocal(target)) {
            ActorProcess q = procs.get(target.id());
            if (q != null) q.removeMonitorIn(ref);
        } else {
            RemoteTransport t = transport;
            if (t != null) t.demonitor(ref, watcher, target);
        }
    }

    /** A Down for {@code watcher}'s monitor {@code ref} on {@code target}. */
    private void deliverDown(Pid watcher, Ref ref, Pid target, ExitReason reason) {
        if (!isLocal(watcher)) {
            RemoteTransport t = transport;
            if (t != null) t.down(ref, target, watcher, reason);
            return;
        }
        ActorProcess w = procs.get(watcher.id());
        if (w == null) return;
        if (w.awaitsCall(ref)) {
            w.offerSignal(new CallDown(ref, reason));
        } else if (w.removeMonitorOut(ref) != null) {
            w.offerSignal(new Down(ref, target, reason));
        }
    }

    void link(ActorProcess self, Pid other) {
        if (other.equals(self.pid) || !self.addLink(other)) return;
        if (isLocal(other)) {
            ActorProcess q = procs.get(other.id());
            if (q == null || !q.addLink(self.pid)) {
                self.removeLink(other);
                ExitReason r = signalOutcome(self, other, ExitReason.NOPROC, true);
                if (r != null) terminate(self, r);
            }
        } else {
            RemoteTransport t = transport;
            if (t == null) {
                self.removeLink(other);
                ExitReason r = signalOutcome(self, other, ExitReason.NOCONNECTION, true);
                if (r != null) terminate(self, r);
            } else {
                t.link(self.pid, other);
            }
        }
    }

    void unlink(ActorProcess self, Pid other) {
        self.removeLink(other);
        if (isLocal(other)) {
            ActorProcess q = procs.get(other.id());
            if (q != null) q.removeLink(self.pid);
        } else {
            RemoteTransport t = transport;
            if (t != null) t.unlink(self.pid, other);
        }
    }

    void monitor(ActorProcess self, Ref ref, Pid target) {
        self.addMonitorOut(ref, target);
        if (isLocal(target)) {
            ActorProcess q = procs.get(target.id());
            if (q == null || !q.addMonitorIn(ref, self.pid)) deliverDown(self.pid, ref, target, ExitReason.NOPROC);
        } else {
            RemoteTransport t = transport;
            if (t == null) deliverDown(self.pid, ref, target, ExitReason.NOCONNECTION);
            else t.monitor(ref, self.pid, target);
        }
    }

    void demonitor(ActorProcess self, Ref ref) {
        Pid target = self.removeMonitorOut(ref);
        if (target != null) dropMonitorAt(ref, self.pid, target);
    }

    /** Install the monitor of a call; false if the target is already gone. */
    boolean monitorForCall(ActorProcess self, Ref ref, Pid target) {
        if (isLocal(target)) {
            ActorProcess q = procs.get(target.id());
            return q != null && q.addMonitorIn(ref, self.pid);
        }
        RemoteTransport t = transport;
        if (t == null) throw new CallException(target, ExitReason.NOCONNECTION, "call to " + target + ": no transport to node " + target.node());
        t.monitor(ref, self.pid, target);
        return true;
    }

    void demonitorForCall(ActorProcess self, Ref ref, Pid target) {
        dropMonitorAt(ref, self.pid, target);
    }

    // ------------------------------------------------------------------ registry and groups

    /** Register a local live process under {@code name}; false if the name is taken or the process gone/already named. */
    public boolean register(String name, Pid pid) {
        Objects.requireNonNull(name, "name");
        ActorProcess p = lookup(pid);
        return p != null && p.claimName(name, () -> names.putIfAbsent(name, pid) == null);
    }

    public boolean unregister(String name) {
        Pid pid = names.remove(name);
        if (pid == null) return false;
        ActorProcess p = lookup(pid);
        if (p != null) p.forgetName(name);
        return true;
    }

    public Optional<Pid> whereis(String name) { return Optional.ofNullable(names.get(name)); }

    public Set<String> registeredNames() { return Set.copyOf(names.keySet()); }

    /** Add {@code pid} to {@code group}; a local process leaves automatically when it exits. */
    public void join(String group, Pid pid) {
        ActorProcess p = lookup(pid);
        if (p == null) {
            if (!isLocal(pid)) groups.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(pid);
            return;
        }
        p.joinGroup(group, () -> groups.computeIfAbsent(group, g -> ConcurrentHashMap.newKeySet()).add(pid));
    }

    public void leave(String group, Pid pid) {
        ActorProcess p = lookup(pid);
        if (p != null) p.leaveGroup(group);
        removeFromGroup(group, pid);
    }

    private void removeFromGroup(String group, Pid pid) {
        groups.computeIfPresent(group, (g, members) -> {
            members.remove(pid);
            return members.isEmpty() ? null : members;
        });
    }

    /** Members of {@code group}, oldest pid first. */
    public List<Pid> members(String group) {
        Set<Pid> m = groups.get(group);
        if (m == null) return List.of();
        List<Pid> out = new ArrayList<>(m);
        out.sort(Comparator.comparing(Pid::node).thenComparingLong(Pid::id));
        return out;
    }

    public Set<String> groupNames() { return Set.copyOf(groups.keySet()); }

    // ------------------------------------------------------------------ timers

    public TimerRef sendAfter(Pid to, Object message, Duration delay) {
        return startTimer(to, message, delay, null);
    }

    public TimerRef sendInterval(Pid to, Object message, Duration period) {
        if (period.isZero() || period.isNegative()) throw new IllegalArgumentException("interval period must be positive: " + period);
        return startTimer(to, message, period, period);
    }

    private TimerRef startTimer(Pid to, Object message, Duration delay, Duration period) {
        Ref ref = newRef();
        TimerRef handle = new TimerRef(ref);
        ActorProcess target = lookup(to);
        if (isLocal(to) && (target == null || !target.addTimer(ref))) {
            deadLetters.increment(); // the target is gone: the message could never arrive
            return handle;
        }
        TimerEntry e = new TimerEntry(to);
        timers.put(ref, e);
        long delayNanos = Math.max(0, delay.toNanos());
        if (period == null) {
            e.future = timerExecutor.schedule(() -> {
                if (timers.remove(ref) == null) return;
                if (target != null) target.removeTimer(ref);
                send(null, to, message);
            }, delayNanos, TimeUnit.NANOSECONDS);
        } else {
            e.future = timerExecutor.scheduleAtFixedRate(() -> {
                if (timers.containsKey(ref)) send(null, to, message);
            }, delayNanos, period.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (!timers.containsKey(ref)) e.future.cancel(false); // cancelled while being scheduled
        return handle;
    }

    /** True if the timer was pending (its message will not be sent). */
    public boolean cancelTimer(TimerRef timer) {
        TimerEntry e = timers.remove(timer.ref());
        if (e == null) return false;
        ScheduledFuture<?> f = e.future;
        if (f != null) f.cancel(false);
        ActorProcess target = lookup(e.target);
        if (target != null) target.removeTimer(timer.ref());
        return true;
    }

    /** Timers not yet fired or cancelled. */
    public int pendingTimers() { return timers.size(); }

    // ------------------------------------------------------------------ introspection

    public int processCount() { return procs.size(); }

    public long spawnedCount() { return spawned.get(); }

    /** Process threads still running (includes processes already exited but still unwinding). */
    public long runningThreads() { return spawned.get() - finished.get(); }

    /** A snapshot of every live process, oldest first. */
    public List<ProcessInfo> processes() {
        List<ProcessInfo> out = new ArrayList<>(procs.size());
        procs.forEach(p -> out.add(info(p)));
        out.sort(Comparator.comparingLong(i -> i.pid().id()));
        return out;
    }

    public Optional<ProcessInfo> processInfo(Pid pid) {
        ActorProcess p = lookup(pid);
        return p == null ? Optional.empty() : Optional.of(info(p));
    }

    private static ProcessInfo info(ActorProcess p) {
        ProcessInfo.State st = !p.isAlive() ? ProcessInfo.State.EXITING : switch (p.runState) {
            case ActorProcess.STARTING -> ProcessInfo.State.STARTING;
            case ActorProcess.WAITING -> ProcessInfo.State.WAITING;
            default -> ProcessInfo.State.RUNNING;
        };
        String registered = p.registeredName();
        String n = registered != null ? registered : p.label;
        return new ProcessInfo(p.pid, n, st, p.mailboxLength(), p.restarts, p.droppedCount(), p.rejectedCount(),
                p.trapsExit(), p.supervisor);
    }

    /** The supervision trees of this node, one line per supervisor or child, indented by depth. */
    public String supervisionTree() {
        StringBuilder sb = new StringBuilder();
        for (SupervisionNode root : supervisionForest()) appendTree(sb, root, 0, true);
        return sb.toString();
    }

    private static void appendTree(StringBuilder sb, SupervisionNode n, int depth, boolean root) {
        sb.append("  ".repeat(depth)).append(n.id()).append(' ').append(n.pid() == null ? "undefined" : n.pid().toString()).append(' ');
        if (n.type() == ChildType.SUPERVISOR) {
            sb.append("supervisor ").append(n.strategy().name().toLowerCase());
        } else {
            sb.append("worker");
        }
        if (!root) sb.append(' ').append(n.restart().name().toLowerCase()).append(" restarts=").append(n.restarts());
        if (n.type() == ChildType.WORKER && n.pid() != null) sb.append(" mailbox=").append(n.mailboxLength());
        sb.append('\n');
        for (SupervisionNode c : n.children()) appendTree(sb, c, depth + 1, false);
    }

    /**
     * A snapshot of the supervision trees of this node, roots (supervisors with no supervisor above them)
     * oldest first. Read without calls, from what each supervisor last published, so it never waits on a
     * busy supervisor; a tree that is changing may show a child just gone or not yet started.
     */
    public List<SupervisionNode> supervisionForest() {
        List<ActorProcess> roots = new ArrayList<>();
        procs.forEach(p -> {
            if (p.supervisorView != null && (p.supervisor == null || !isSupervisor(p.supervisor))) roots.add(p);
        });
        roots.sort(Comparator.comparingLong(p -> p.pid.id()));
        List<SupervisionNode> out = new ArrayList<>(roots.size());
        for (ActorProcess r : roots) {
            String registered = r.registeredName();
            String n = registered != null ? registered : r.label;
            out.add(supervisorNode(r, n != null ? n : "supervisor", null));
        }
        return out;
    }

    private boolean isSupervisor(Pid pid) {
        ActorProcess p = lookup(pid);
        return p != null && p.supervisorView != null;
    }

    private SupervisionNode supervisorNode(ActorProcess sup, String id, ChildInfo asChild) {
        Supervisor.View view = sup.supervisorView;
        List<SupervisionNode> children = new ArrayList<>(view.children().size());
        for (ChildInfo c : view.children()) {
            ActorProcess cp = c.pid() == null ? null : lookup(c.pid());
            if (cp != null && cp.supervisorView != null) {
                children.add(supervisorNode(cp, c.id(), c));
            } else {
                ProcessInfo live = cp == null ? null : info(cp);
                children.add(new SupervisionNode(c.id(), c.pid(), c.type(), null, c.restart(), c.restarts(), c.lastExit(),
                        live == null ? null : live.state(), live == null ? 0 : live.mailboxLength(), List.of()));
            }
        }
        ProcessInfo self = info(sup);
        return new SupervisionNode(id, sup.pid, ChildType.SUPERVISOR, view.strategy(), asChild == null ? null : asChild.restart(),
                asChild == null ? 0 : asChild.restarts(), asChild == null ? null : asChild.lastExit(), self.state(),
                self.mailboxLength(), children);
    }

    /**
     * Completes when {@code pid} calls {@link ProcessContext#ready()} (at once if it already has);
     * fails with a {@link CallException} carrying the exit reason if it exits first.
     */
    CompletableFuture<Void> readyFuture(Pid pid) {
        ActorProcess p = lookup(pid);
        if (p == null) return CompletableFuture.failedFuture(new CallException(pid, ExitReason.NOPROC, "process " + pid + " is gone"));
        return p.readyFuture();
    }

    /** Set by supervisors on the processes they start. */
    void annotate(Pid child, Pid supervisor, int restarts, String label) {
        ActorProcess p = lookup(child);
        if (p != null) {
            p.supervisor = supervisor;
            p.restarts = restarts;
            if (p.label == null) p.label = label;
        }
    }

    void setSupervisorView(ActorProcess p, Supervisor.View view) { p.supervisorView = view; }

    // ------------------------------------------------------------------ shutdown

    /**
     * Stop everything: root supervisors get an orderly {@code shutdown} first (children stop in
     * reverse start order), then every remaining process exits with {@code shutdown}. Waits up to
     * 10 s for process threads to finish.
     */
    public void shutdown() {
        if (!closed.compareAndSet(false, true)) return;
        List<ActorProcess> roots = new ArrayList<>();
        boolean[] calledByOwnProcess = {false}; // then its own thread cannot finish while we wait for it
        Thread me = Thread.currentThread();
        procs.forEach(p -> {
            if (p.supervisorView != null && p.supervisor == null) roots.add(p);
            if (p.thread == me) calledByOwnProcess[0] = true;
        });
        for (ActorProcess r : roots) exitSignal(systemPid, r.pid, ExitReason.SHUTDOWN);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (ActorProcess r : roots) {
            while (r.isAlive() && System.nanoTime() < deadline) sleepBriefly();
        }
        procs.forEach(p -> terminate(p, ExitReason.SHUTDOWN));
        timerExecutor.shutdownNow();
        timers.clear();
        deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long own = calledByOwnProcess[0] ? 1 : 0;
        while (runningThreads() > own && System.nanoTime() < deadline) sleepBriefly();
    }

    public boolean isShutdown() { return closed.get(); }

    @Override
    public void close() { shutdown(); }

    private static void sleepBriefly() {
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ------------------------------------------------------------------ remote inbound

    private final class Inbound implements RemoteInbound {
        @Override
        public SendResult deliver(Pid from, Pid to, Object message) {
            return send(null, to, message);
        }

        @Override
        public void link(Pid remote, Pid local) {
            ActorProcess q = lookup(local);
            if (q == null || !q.addLink(remote)) {
                RemoteTransport t = transport;
                if (t != null) t.exit(local, remote, ExitReason.NOPROC, true);
            }
        }

        @Override
        public void unlink(Pid remote, Pid local) {
            ActorProcess q = lookup(local);
            if (q != null) q.removeLink(remote);
        }

        @Override
        public void monitor(Ref ref, Pid watcher, Pid target) {
            ActorProcess q = lookup(target);
            if (q == null || !q.addMonitorIn(ref, watcher)) {
                RemoteTransport t = transport;
                if (t != null) t.down(ref, target, watcher, ExitReason.NOPROC);
            }
        }

        @Override
        public void demonitor(Ref ref, Pid watcher, Pid target) {
            ActorProcess q = lookup(target);
            if (q != null) q.removeMonitorIn(ref);
        }

        @Override
        public void exit(Pid from, Pid to, ExitReason reason, boolean viaLink) {
            ActorProcess q = lookup(to);
            if (q == null) return;
            if (viaLink && !q.removeLink(from)) return; // unlinked meanwhile: the signal no longer applies
            ExitReason r = signalOutcome(q, from, reason, viaLink);
            if (r != null) terminate(q, r);
        }

        @Override
        public void down(Ref ref, Pid target, Pid watcher, ExitReason reason) {
            deliverDown(watcher, ref, target, reason);
        }

        @Override
        public void nodeDown(String lost) {
            procs.forEach(p -> {
                ActorProcess.NodeLoss loss = p.forgetNode(lost);
                for (Map.Entry<Ref, Pid> m : loss.monitors()) p.offerSignal(new Down(m.getKey(), m.getValue(), ExitReason.NOCONNECTION));
                if (loss.pendingCall() != null) p.offerSignal(new CallDown(loss.pendingCall(), ExitReason.NOCONNECTION));
                for (Pid l : loss.links()) {
                    ExitReason r = signalOutcome(p, l, ExitReason.NOCONNECTION, true);
                    if (r != null) {
                        terminate(p, r);
                        break;
                    }
                }
            });
        }
    }
}
