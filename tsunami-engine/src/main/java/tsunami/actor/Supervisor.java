package tsunami.actor;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTP supervisors as processes. A supervisor traps exits, starts its children in order, restarts them
 * by its {@link Strategy} within its restart intensity, and stops them in reverse order. When more
 * than {@code intensity} restarts happen within {@code period} it stops all children and exits with
 * {@code shutdown("reached_max_restart_intensity")}, escalating to its own supervisor.
 */
public final class Supervisor {
    private static final Logger log = LoggerFactory.getLogger(Supervisor.class);
    public static final String MAX_INTENSITY = "reached_max_restart_intensity";

    private Supervisor() {
    }

    /** What introspection sees of a running supervisor (replaced, never mutated). */
    record View(Strategy strategy, List<ChildInfo> children) {
    }

    // admin requests, sent as Call requests
    private record WhichChildren() { }
    private record CountChildren() { }
    private record StartChild(ChildSpec spec) { }
    private record StartDynamicChild(Object arg) { }
    private record TerminateChild(String id, Pid pid) { }
    private record RestartChild(String id) { }
    private record DeleteChild(String id) { }
    private record TryAgain(Child child) { }

    private static final class Child {
        final ChildSpec spec;
        final String id;
        final Object arg;
        Pid pid;
        int restarts;
        /** why the child's latest process exited, for introspection; null until one has */
        String lastExit;

        Child(ChildSpec spec, String id, Object arg) {
            this.spec = spec;
            this.id = id;
            this.arg = arg;
        }
    }

    // ------------------------------------------------------------------ starting

    /** Start a supervisor from outside any process; returns once all its children are started. */
    public static Pid start(ActorSystem system, SupervisorSpec spec) {
        CompletableFuture<Pid> ready = new CompletableFuture<>();
        SpawnOptions opts = SpawnOptions.DEFAULT.withCapacity(1 << 20).withTrapExit(true);
        Pid pid = system.spawn(self -> new Running(spec, (ActorProcess) self, null, ready).run(), opts);
        return await(ready, pid);
    }

    /** Start a supervisor linked to the calling process (how a supervisor starts a child supervisor). */
    public static Pid startLink(ProcessContext parent, SupervisorSpec spec) {
        CompletableFuture<Pid> ready = new CompletableFuture<>();
        SpawnOptions opts = SpawnOptions.DEFAULT.withCapacity(1 << 20).withTrapExit(true);
        Pid parentPid = parent.self();
        Pid pid = parent.spawnLink(self -> new Running(spec, (ActorProcess) self, parentPid, ready).run(), opts);
        return await(ready, pid);
    }

    private static Pid await(CompletableFuture<Pid> ready, Pid pid) {
        try {
            return ready.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SupervisorException("interrupted while starting supervisor " + pid);
        } catch (ExecutionException e) {
            throw new SupervisorException("supervisor " + pid + " failed to start: " + e.getCause().getMessage(), e.getCause());
        }
    }

    // ------------------------------------------------------------------ admin API

    public static List<ChildInfo> whichChildren(ActorSystem system, Pid sup) { return cast(system.call(sup, new WhichChildren())); }

    public static List<ChildInfo> whichChildren(ProcessContext ctx, Pid sup) { return cast(ctx.call(sup, new WhichChildren())); }

    public static ChildCounts countChildren(ActorSystem system, Pid sup) { return cast(system.call(sup, new CountChildren())); }

    public static ChildCounts countChildren(ProcessContext ctx, Pid sup) { return cast(ctx.call(sup, new CountChildren())); }

    /** Add and start a child (not for simple_one_for_one). */
    public static Pid startChild(ActorSystem system, Pid sup, ChildSpec spec) { return cast(system.call(sup, new StartChild(spec))); }

    public static Pid startChild(ProcessContext ctx, Pid sup, ChildSpec spec) { return cast(ctx.call(sup, new StartChild(spec))); }

    /** Start a child of a simple_one_for_one supervisor from its template with {@code arg}. */
    public static Pid startChild(ActorSystem system, Pid sup, Object arg) { return cast(system.call(sup, new StartDynamicChild(arg))); }

    public static Pid startChild(ProcessContext ctx, Pid sup, Object arg) { return cast(ctx.call(sup, new StartDynamicChild(arg))); }

    /** Stop a child by id (its spec is kept, except temporary ones). */
    public static void terminateChild(ActorSystem system, Pid sup, String id) { cast(system.call(sup, new TerminateChild(id, null))); }

    public static void terminateChild(ProcessContext ctx, Pid sup, String id) { cast(ctx.call(sup, new TerminateChild(id, null))); }

    /** Stop a dynamic child by pid. */
    public static void terminateChild(ActorSystem system, Pid sup, Pid child) { cast(system.call(sup, new TerminateChild(null, child))); }

    public static Pid restartChild(ActorSystem system, Pid sup, String id) { return cast(system.call(sup, new RestartChild(id))); }

    public static void deleteChild(ActorSystem system, Pid sup, String id) { cast(system.call(sup, new DeleteChild(id))); }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object reply) {
        if (reply instanceof SupervisorException e) throw new SupervisorException(e.getMessage(), e);
        return (T) reply;
    }

    // ------------------------------------------------------------------ the supervisor process

    private static final class Running {
        final SupervisorSpec spec;
        final ActorProcess self;
        final Pid parent;
        final CompletableFuture<Pid> ready;
        final List<Child> children = new ArrayList<>();
        final ArrayDeque<Long> restartTimes = new ArrayDeque<>();
        int dynamicSeq;

        Running(SupervisorSpec spec, ActorProcess self, Pid parent, CompletableFuture<Pid> ready) {
            this.spec = spec;
            this.self = self;
            this.parent = parent;
            this.ready = ready;
        }

        void run() {
            self.trapExit(true);
            if (spec.name() != null && !self.register(spec.name())) {
                ready.completeExceptionally(new SupervisorException("supervisor name already registered: " + spec.name()));
                self.exit(ExitReason.shutdown("name_taken"));
            }
            self.label(spec.name() != null ? spec.name() : "supervisor");
            if (spec.strategy() != Strategy.SIMPLE_ONE_FOR_ONE) {
                for (ChildSpec cs : spec.children()) {
                    Child c = new Child(cs, cs.id(), null);
                    children.add(c);
                    try {
                        startChild(c);
                    } catch (Exception e) {
                        children.remove(c);
                        stopAll();
                        ready.completeExceptionally(new SupervisorException("child " + cs.id() + " failed to start: " + e, e));
                        self.exit(ExitReason.shutdown("failed_to_start_child " + cs.id()));
                    }
                }
            }
            publish();
            ready.complete(self.pid);
            self.ready();
            while (true) {
                Object m = self.receive();
                if (m instanceof Exit e) {
                    onExit(e);
                } else if (m instanceof Call c) {
                    self.reply(c, handle(c.request()));
                } else if (m instanceof TryAgain t) {
                    if (children.contains(t.child()) && t.child().pid == null) restartAfterExit(t.child(), null);
                } else {
                    log.debug("supervisor {} ignores unexpected message {}", self.pid, m);
                }
            }
        }

        void onExit(Exit e) {
            if (e.from().equals(parent) || e.from().equals(self.sys.systemPid())) {
                stopAll();
                self.exit(e.reason());
            }
            Child c = find(e.from());
            if (c == null) return; // an old child we already stopped, or an unrelated link
            c.pid = null;
            c.lastExit = lastExitText(e.reason());
            if (!c.spec.restart().restartsAfter(e.reason())) {
                if (c.spec.restart() == Restart.TEMPORARY || spec.strategy() == Strategy.SIMPLE_ONE_FOR_ONE) children.remove(c);
                publish();
                return;
            }
            if (e.reason() instanceof ExitReason.Crash crash) {
                log.warn("supervisor {}: child {} crashed, restarting", self.pid, c.id, crash.error());
            } else {
                log.info("supervisor {}: child {} exited with {}, restarting", self.pid, c.id, e.reason());
            }
            restartAfterExit(c, e.reason());
        }

        /** The reason as text, cut short: a crash's message can be a whole stack of causes. */
        static String lastExitText(ExitReason reason) {
            String s = String.valueOf(reason);
            return s.length() <= 300 ? s : s.substring(0, 299) + "…";
        }

        /** Count one restart against the intensity, then apply the strategy. */
        void restartAfterExit(Child c, ExitReason why) {
            if (!countRestart()) {
                log.error("supervisor {}: more than {} restarts in {}; shutting down (last: child {} {})",
                        self.pid, spec.intensity(), spec.period(), c.id, why);
                stopAll();
                self.exit(ExitReason.shutdown(MAX_INTENSITY));
            }
            List<Child> toRestart = switch (spec.strategy()) {
                case ONE_FOR_ONE, SIMPLE_ONE_FOR_ONE -> List.of(c);
                case ONE_FOR_ALL -> {
                    stopReverse(children, c);
                    yield List.copyOf(children);
                }
                case REST_FOR_ONE -> {
                    List<Child> rest = List.copyOf(children.subList(children.indexOf(c), children.size()));
                    stopReverse(rest, c);
                    yield rest;
                }
            };
            for (Child r : toRestart) {
                if (r.pid != null) continue;
                r.restarts++;
                try {
                    startChild(r);
                } catch (Exception ex) {
                    log.warn("supervisor {}: restarting child {} failed: {}", self.pid, r.id, ex.toString());
                    self.send(self.pid, new TryAgain(r)); // counted as another restart, like OTP's try_again_restart
                    break;
                }
            }
            publish();
        }

        boolean countRestart() {
            long now = System.nanoTime();
            long window = spec.period().toNanos();
            while (!restartTimes.isEmpty() && now - restartTimes.peekFirst() > window) restartTimes.pollFirst();
            restartTimes.addLast(now);
            return restartTimes.size() <= spec.intensity();
        }

        void startChild(Child c) throws Exception {
            Pid pid = c.spec.start().start(self, c.arg);
            if (pid == null) throw new SupervisorException("start function of child " + c.id + " returned no pid");
            self.sys.annotate(pid, self.pid, c.restarts, c.id);
            Duration readyTimeout = c.spec.readyTimeout();
            if (readyTimeout != null) awaitReady(c, pid, readyTimeout);
            c.pid = pid;
        }

        /** OTP's synchronous start: the child's init must finish before the next child starts. */
        void awaitReady(Child c, Pid pid, Duration timeout) throws InterruptedException {
            try {
                self.sys.readyFuture(pid).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                self.unlink(pid);
                self.exit(pid, ExitReason.KILL);
                throw new SupervisorException("child " + c.id + " was not ready within " + timeout.toMillis() + " ms");
            } catch (ExecutionException e) {
                // The child is linked to us: its Exit message says why (and must not be taken for a later crash).
                Optional<Exit> exit = self.receive(Exit.class, x -> x.from().equals(pid), Duration.ofSeconds(1));
                String why = exit.map(x -> x.reason().toString()).orElse(e.getCause().getMessage());
                throw new SupervisorException("child " + c.id + " exited during its start: " + why, e.getCause());
            }
        }

        Child find(Pid pid) {
            for (Child c : children) if (pid.equals(c.pid)) return c;
            return null;
        }

        Child find(String id) {
            for (Child c : children) if (c.id.equals(id)) return c;
            return null;
        }

        /** Stop, in reverse start order, every running child of {@code list} except {@code except}. */
        void stopReverse(List<Child> list, Child except) {
            for (int i = list.size() - 1; i >= 0; i--) {
                Child c = list.get(i);
                if (c != except) stopChild(c);
            }
        }

        void stopAll() {
            stopReverse(new ArrayList<>(children), null);
        }

        /** OTP shutdown: monitor, unlink, exit(shutdown) and wait (or kill), then drop its stale Exit. */
        void stopChild(Child c) {
            Pid pid = c.pid;
            if (pid == null) return;
            c.pid = null;
            Ref mon = self.monitor(pid);
            self.unlink(pid);
            Shutdown how = c.spec.shutdown();
            if (how.kind() == Shutdown.Kind.BRUTAL_KILL) {
                self.exit(pid, ExitReason.KILL);
                awaitDown(mon, null);
            } else {
                self.exit(pid, ExitReason.SHUTDOWN);
                Duration limit = how.kind() == Shutdown.Kind.TIMEOUT ? how.timeout() : null;
                if (!awaitDown(mon, limit)) {
                    log.warn("supervisor {}: child {} did not stop within {}; killing it", self.pid, c.id, limit);
                    self.exit(pid, ExitReason.KILL);
                    awaitDown(mon, null);
                }
            }
            // An Exit queued before the unlink is stale now.
            while (self.receive(Exit.class, x -> x.from().equals(pid), Duration.ZERO).isPresent()) {
                // drained
            }
        }

        boolean awaitDown(Ref mon, Duration limit) {
            if (limit == null) {
                self.receive(m -> m instanceof Down d && d.ref().equals(mon));
                return true;
            }
            return self.receive(Down.class, d -> d.ref().equals(mon), limit).isPresent();
        }

        Object handle(Object request) {
            try {
                return switch (request) {
                    case WhichChildren w -> infos();
                    case CountChildren cc -> counts();
                    case StartChild sc -> addChild(sc.spec());
                    case StartDynamicChild d -> addDynamic(d.arg());
                    case TerminateChild t -> terminate(t);
                    case RestartChild r -> restartById(r.id());
                    case DeleteChild d -> delete(d.id());
                    default -> new SupervisorException("unknown supervisor request: " + request);
                };
            } finally {
                publish();
            }
        }

        Object addChild(ChildSpec cs) {
            if (spec.strategy() == Strategy.SIMPLE_ONE_FOR_ONE) {
                return new SupervisorException("simple_one_for_one supervisors start children from their template: use startChild(arg)");
            }
            if (find(cs.id()) != null) return new SupervisorException("child id already present: " + cs.id());
            Child c = new Child(cs, cs.id(), null);
            try {
                startChild(c);
            } catch (Exception e) {
                return new SupervisorException("child " + cs.id() + " failed to start: " + e, e);
            }
            children.add(c);
            return c.pid;
        }

        Object addDynamic(Object arg) {
            if (spec.strategy() != Strategy.SIMPLE_ONE_FOR_ONE) {
                return new SupervisorException("startChild(arg) needs a simple_one_for_one supervisor");
            }
            ChildSpec template = spec.children().get(0);
            Child c = new Child(template, template.id() + "#" + (++dynamicSeq), arg);
            try {
                startChild(c);
            } catch (Exception e) {
                return new SupervisorException("dynamic child " + c.id + " failed to start: " + e, e);
            }
            children.add(c);
            return c.pid;
        }

        Object terminate(TerminateChild t) {
            Child c = t.id() != null ? find(t.id()) : find(t.pid());
            if (c == null) return new SupervisorException("no such child: " + (t.id() != null ? t.id() : t.pid()));
            stopChild(c);
            if (c.spec.restart() == Restart.TEMPORARY || spec.strategy() == Strategy.SIMPLE_ONE_FOR_ONE) children.remove(c);
            return Boolean.TRUE;
        }

        Object restartById(String id) {
            Child c = find(id);
            if (c == null) return new SupervisorException("no such child: " + id);
            if (c.pid != null) return new SupervisorException("child is running: " + id);
            try {
                startChild(c);
            } catch (Exception e) {
                return new SupervisorException("child " + id + " failed to start: " + e, e);
            }
            return c.pid;
        }

        Object delete(String id) {
            Child c = find(id);
            if (c == null) return new SupervisorException("no such child: " + id);
            if (c.pid != null) return new SupervisorException("child is running: " + id);
            children.remove(c);
            return Boolean.TRUE;
        }

        List<ChildInfo> infos() {
            List<ChildInfo> out = new ArrayList<>(children.size());
            for (Child c : children) out.add(new ChildInfo(c.id, c.pid, c.spec.type(), c.spec.restart(), c.restarts, c.lastExit));
            return List.copyOf(out);
        }

        ChildCounts counts() {
            int active = 0, sups = 0;
            for (Child c : children) {
                if (c.pid != null) active++;
                if (c.spec.type() == ChildType.SUPERVISOR) sups++;
            }
            return new ChildCounts(children.size(), active, sups, children.size() - sups);
        }

        void publish() {
            self.sys.setSupervisorView(self, new View(spec.strategy(), infos()));
        }
    }

    /** The child infos of a supervisor without a call (introspection; empty if {@code sup} is not a live supervisor). */
    public static Optional<List<ChildInfo>> peekChildren(ActorSystem system, Pid sup) {
        ActorProcess p = system.lookup(sup);
        View v = p == null ? null : p.supervisorView;
        return v == null ? Optional.empty() : Optional.of(v.children());
    }

}
