package tsunami.actor;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;

/**
 * Parallel skeletons over processes (from Erlang parallel-programming practice). Each runs inside the
 * calling process, which monitors its workers: a worker that exits abnormally fails the whole skeleton
 * with its reason, and the remaining workers are killed. Results are tagged with a fresh {@link Ref}
 * so they can never be confused with other messages of the caller.
 */
public final class Skeletons {
    private Skeletons() {
    }

    private record Result(Ref tag, int index, Object value) { }
    private record Task(Ref tag, int index, Object item) { }
    private record Ready(Ref tag, Pid worker) { }
    private record Item(Ref tag, Object value) { }
    private record EndOfStream(Ref tag) { }
    private record Collected(Ref tag, List<Object> values) { }
    private record StageTimeout(Ref tag, int stage) { }
    private enum Stop { INSTANCE }

    // ------------------------------------------------------------------ pmap

    /** {@code fn} applied to every item, one process per item; results in input order. */
    public static <T, R> List<R> pmap(ProcessContext self, List<T> items, Function<? super T, ? extends R> fn) {
        Ref tag = self.system().newRef();
        Pid parent = self.self();
        Map<Ref, Pid> workers = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            int index = i;
            T item = items.get(i);
            Spawned s = self.spawnMonitor(w -> w.send(parent, new Result(tag, index, fn.apply(item))));
            workers.put(s.monitor(), s.pid());
        }
        Object[] out = new Object[items.size()];
        int results = 0, downs = 0;
        while (results < items.size() || downs < items.size()) {
            Object m = self.receive(x -> (x instanceof Result r && r.tag().equals(tag)) || (x instanceof Down d && workers.containsKey(d.ref())));
            if (m instanceof Result r) {
                out[r.index()] = r.value();
                results++;
            } else {
                Down d = (Down) m;
                workers.remove(d.ref());
                downs++;
                if (d.reason() instanceof ExitReason.Normal) continue;
                killAll(self, workers);
                throw new SkeletonException("pmap worker " + d.pid() + " failed: " + d.reason(), d.reason());
            }
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) java.util.Arrays.asList(out);
        return Collections.unmodifiableList(list);
    }

    public static <T, R> List<R> pmap(ActorSystem system, List<T> items, Function<? super T, ? extends R> fn) {
        return inProcess(system, self -> pmap(self, items, fn));
    }

    // ------------------------------------------------------------------ farm

    /** {@code workers} processes pull tasks one at a time (a slow task never holds up the others); results in input order. */
    public static <T, R> List<R> farm(ProcessContext self, int workers, List<T> tasks, Function<? super T, ? extends R> fn) {
        if (workers < 1) throw new IllegalArgumentException("farm needs at least one worker, got " + workers);
        Ref tag = self.system().newRef();
        Pid dispatcher = self.self();
        Map<Ref, Pid> monitors = new HashMap<>();
        for (int w = 0; w < workers; w++) {
            Spawned s = self.spawnMonitor(worker -> {
                worker.send(dispatcher, new Ready(tag, worker.self()));
                while (true) {
                    Object m = worker.receive(x -> x == Stop.INSTANCE || (x instanceof Task t && t.tag().equals(tag)));
                    if (m == Stop.INSTANCE) return;
                    Task t = (Task) m;
                    @SuppressWarnings("unchecked") T item = (T) t.item();
                    worker.send(dispatcher, new Result(tag, t.index(), fn.apply(item)));
                    worker.send(dispatcher, new Ready(tag, worker.self()));
                }
            });
            monitors.put(s.monitor(), s.pid());
        }
        Object[] out = new Object[tasks.size()];
        int next = 0, results = 0, exited = 0;
        while (results < tasks.size() || exited < workers) {
            Object m = self.receive(x -> (x instanceof Result r && r.tag().equals(tag)) || (x instanceof Ready rd && rd.tag().equals(tag))
                    || (x instanceof Down d && monitors.containsKey(d.ref())));
            switch (m) {
                case Result r -> {
                    out[r.index()] = r.value();
                    results++;
                }
                case Ready r -> {
                    if (next < tasks.size()) {
                        self.send(r.worker(), new Task(tag, next, tasks.get(next)));
                        next++;
                    } else {
                        self.send(r.worker(), Stop.INSTANCE);
                    }
                }
                case Down d -> {
                    monitors.remove(d.ref());
                    exited++;
                    if (!(d.reason() instanceof ExitReason.Normal)) {
                        killAll(self, monitors);
                        throw new SkeletonException("farm worker " + d.pid() + " failed: " + d.reason(), d.reason());
                    }
                }
                default -> throw new IllegalStateException("unexpected " + m);
            }
        }
        @SuppressWarnings("unchecked")
        List<R> list = (List<R>) java.util.Arrays.asList(out);
        return Collections.unmodifiableList(list);
    }

    public static <T, R> List<R> farm(ActorSystem system, int workers, List<T> tasks, Function<? super T, ? extends R> fn) {
        return inProcess(system, self -> farm(self, workers, tasks, fn));
    }

    // ------------------------------------------------------------------ pipeline

    /**
     * Push {@code inputs} through {@code stages}, one process per stage, and return the outputs in
     * order. End-of-stream flows down the stages after the last input. Stage mailboxes are bounded
     * with a blocking wait, so a slow stage slows its upstream instead of filling memory. A stage that
     * spends longer than {@code stageTimeout} on one item fails the pipeline naming that stage (a
     * timer per item reports it to the caller); a stage that throws fails it with that exception.
     */
    public static List<Object> pipeline(ProcessContext self, List<? extends Function<Object, Object>> stages, Iterable<?> inputs,
                                        Duration stageTimeout) {
        if (stages.isEmpty()) throw new IllegalArgumentException("a pipeline needs at least one stage");
        Ref tag = self.system().newRef();
        Pid caller = self.self();
        // Upstream waits as long as downstream is alive: a stuck stage is caught by its own timer.
        SpawnOptions bounded = SpawnOptions.DEFAULT.withCapacity(1024).withOverflow(Overflow.BLOCK).withBlockTimeout(Duration.ofDays(1));
        Map<Ref, String> monitors = new HashMap<>();
        Map<Ref, Pid> pids = new HashMap<>();
        int n = stages.size();
        // the sink collects outputs and hands them over in one message at end-of-stream
        Spawned sink = self.spawnMonitor(s -> {
            List<Object> values = new ArrayList<>();
            while (true) {
                Object m = awaitInput(s, tag);
                if (m instanceof EndOfStream) {
                    s.send(caller, new Collected(tag, values));
                    return;
                }
                values.add(((Item) m).value());
            }
        }, bounded);
        monitors.put(sink.monitor(), "sink");
        pids.put(sink.monitor(), sink.pid());
        Pid next = sink.pid();
        for (int k = n - 1; k >= 0; k--) {
            Function<Object, Object> fn = stages.get(k);
            Pid downstream = next;
            int stageNo = k;
            Spawned st = self.spawnMonitor(s -> {
                while (true) {
                    Object m = awaitInput(s, tag);
                    if (m instanceof EndOfStream eos) {
                        forward(s, downstream, eos, stageNo);
                        return;
                    }
                    TimerRef watchdog = s.sendAfter(caller, new StageTimeout(tag, stageNo), stageTimeout);
                    Object out = fn.apply(((Item) m).value());
                    s.cancelTimer(watchdog);
                    forward(s, downstream, new Item(tag, out), stageNo);
                }
            }, bounded);
            monitors.put(st.monitor(), "stage " + k);
            pids.put(st.monitor(), st.pid());
            next = st.pid();
        }
        Pid first = next;
        Spawned feeder = self.spawnMonitor(f -> {
            for (Object in : inputs) forward(f, first, new Item(tag, in), -1);
            forward(f, first, new EndOfStream(tag), -1);
        });
        monitors.put(feeder.monitor(), "feeder");
        pids.put(feeder.monitor(), feeder.pid());
        while (true) {
            Object m = self.receive(x -> (x instanceof Collected c && c.tag().equals(tag))
                    || (x instanceof StageTimeout t && t.tag().equals(tag))
                    || (x instanceof Down d && monitors.containsKey(d.ref())));
            if (m instanceof Collected c) {
                for (Ref r : new ArrayList<>(pids.keySet())) self.demonitor(r);
                return Collections.unmodifiableList(c.values());
            }
            if (m instanceof StageTimeout t) {
                killAll(self, pids);
                throw new SkeletonException("pipeline stage " + t.stage() + " took longer than " + stageTimeout.toMillis() + " ms on one item",
                        ExitReason.custom("stage_timeout"));
            }
            Down d = (Down) m;
            String who = monitors.remove(d.ref());
            pids.remove(d.ref());
            if (d.reason() instanceof ExitReason.Normal) continue;
            killAll(self, pids);
            throw new SkeletonException("pipeline " + who + " failed: " + d.reason(), d.reason());
        }
    }

    public static List<Object> pipeline(ActorSystem system, List<? extends Function<Object, Object>> stages, Iterable<?> inputs,
                                        Duration stageTimeout) {
        return inProcess(system, self -> pipeline(self, stages, inputs, stageTimeout));
    }

    private static Object awaitInput(ProcessContext s, Ref tag) {
        return s.receive(x -> (x instanceof Item i && i.tag().equals(tag)) || (x instanceof EndOfStream e && e.tag().equals(tag)));
    }

    private static void forward(ProcessContext s, Pid to, Object message, int stage) {
        SendResult r = s.send(to, message);
        if (!r.delivered()) {
            s.exit(ExitReason.custom((stage < 0 ? "feeder" : "stage " + stage) + " could not pass on its output: " + r));
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void killAll(ProcessContext self, Map<Ref, Pid> workers) {
        for (Map.Entry<Ref, Pid> w : workers.entrySet()) {
            self.demonitor(w.getKey());
            self.exit(w.getValue(), ExitReason.KILL);
        }
        workers.clear();
    }

    private interface InProcess<R> {
        R run(ProcessContext self);
    }

    /** Run {@code body} in a fresh process and wait for its result (skeleton entry points for code outside processes). */
    private static <R> R inProcess(ActorSystem system, InProcess<R> body) {
        CompletableFuture<R> result = new CompletableFuture<>();
        system.spawn(self -> {
            try {
                result.complete(body.run(self));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a skeleton", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) throw re;
            throw new IllegalStateException(e.getCause());
        }
    }
}
