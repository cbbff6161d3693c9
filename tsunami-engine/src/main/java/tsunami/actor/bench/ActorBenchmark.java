package tsunami.actor.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import tsunami.actor.ActorSystem;
import tsunami.actor.Behavior;
import tsunami.actor.Overflow;
import tsunami.actor.Pid;
import tsunami.actor.SendResult;
import tsunami.actor.SpawnOptions;

/**
 * The figures of {@code monkey bench actors}: message throughput (1 -> 1 and 8 -> 1), ping-pong
 * round-trip latency, spawn+exit rate, and the start time and footprint of a million idle processes.
 * Each throughput figure is the median of several timed rounds after a warm-up round. Runs in about
 * 20-40 s on two cores.
 */
public final class ActorBenchmark {
    /** One message object reused for every send, so the figures measure the kernel, not the allocator. */
    private static final Object MSG = new Object();
    private static final Object DONE = new Object();

    private final Consumer<String> progress;

    public ActorBenchmark(Consumer<String> progress) {
        this.progress = progress;
    }

    /** Every figure, in report order: key -> value. */
    public Map<String, Number> runAll() throws Exception {
        Map<String, Number> out = new LinkedHashMap<>();
        out.put("oneway_msgs_per_s", oneWay(5_000_000, 5));
        out.put("pingpong_rtt_us_median", pingPong(200_000, 3));
        out.put("fanin_msgs_per_s", fanIn(8, 5_000_000, 5));
        out.put("spawn_exit_per_s", spawnExit(200_000, 3));
        IdleResult idle = idleMillion(1_000_000);
        out.put("idle_1m_start_s", idle.startSeconds);
        out.put("idle_1m_bytes_per_process", idle.bytesPerProcess);
        return out;
    }

    /** Mailboxes for throughput runs: bounded, with back-pressure on the producer instead of loss. */
    private static final SpawnOptions SINK = SpawnOptions.DEFAULT.withCapacity(1 << 16).withOverflow(Overflow.BLOCK)
            .withBlockTimeout(Duration.ofSeconds(30));

    /** 1 producer -> 1 consumer: messages per second (median of rounds). */
    public double oneWay(int messages, int rounds) throws Exception {
        return fanIn(1, messages, rounds);
    }

    /** {@code producers} -> 1 consumer: messages per second (median of rounds). */
    public double fanIn(int producers, int messages, int rounds) throws Exception {
        double[] rates = new double[rounds];
        try (ActorSystem sys = ActorSystem.create("bench")) {
            for (int r = -1; r < rounds; r++) { // round -1 warms the JIT up
                int perProducer = messages / producers;
                int total = perProducer * producers;
                CompletableFuture<Long> done = new CompletableFuture<>();
                Pid consumer = sys.spawn(self -> {
                    for (int i = 0; i < total; i++) self.receive();
                    done.complete(System.nanoTime());
                }, SINK);
                CompletableFuture<Void> go = new CompletableFuture<>();
                for (int p = 0; p < producers; p++) {
                    sys.spawn(self -> {
                        go.join();
                        for (int i = 0; i < perProducer; i++) {
                            if (self.send(consumer, MSG) != SendResult.DELIVERED) throw new IllegalStateException("send failed");
                        }
                    });
                }
                long t0 = System.nanoTime();
                go.complete(null);
                long t1 = done.get(60, TimeUnit.SECONDS);
                if (r >= 0) rates[r] = total / ((t1 - t0) / 1e9);
            }
        }
        double m = median(rates);
        progress.accept(String.format("%d -> 1: %.2f M msgs/s (rounds %s)", producers, m / 1e6, fmtM(rates)));
        return m;
    }

    /** Median ping-pong round trip in microseconds between two processes. */
    public double pingPong(int roundTrips, int rounds) throws Exception {
        double[] medians = new double[rounds];
        try (ActorSystem sys = ActorSystem.create("bench")) {
            Pid pong = sys.spawn(self -> {
                while (true) {
                    Object m = self.receive();
                    if (m == DONE) return;
                    self.send((Pid) m, MSG);
                }
            });
            for (int r = -1; r < rounds; r++) {
                CompletableFuture<long[]> result = new CompletableFuture<>();
                sys.spawn(self -> {
                    long[] rtt = new long[roundTrips];
                    Pid me = self.self();
                    for (int i = 0; i < roundTrips; i++) {
                        long t0 = System.nanoTime();
                        self.send(pong, me);
                        self.receive();
                        rtt[i] = System.nanoTime() - t0;
                    }
                    result.complete(rtt);
                });
                long[] rtt = result.get(60, TimeUnit.SECONDS);
                Arrays.sort(rtt);
                if (r >= 0) medians[r] = rtt[rtt.length / 2] / 1e3;
            }
            sys.send(pong, DONE);
        }
        double m = median(medians);
        progress.accept(String.format("ping-pong: median RTT %.3f us (rounds %s)", m, Arrays.toString(medians)));
        return m;
    }

    /** Processes spawned and exited per second (a spawner process starts them; each exits at once). */
    public double spawnExit(int processes, int rounds) throws Exception {
        double[] rates = new double[rounds];
        try (ActorSystem sys = ActorSystem.create("bench")) {
            for (int r = -1; r < rounds; r++) {
                CountDownLatch exited = new CountDownLatch(processes);
                Behavior child = c -> exited.countDown();
                long t0 = System.nanoTime();
                sys.spawn(self -> {
                    for (int i = 0; i < processes; i++) self.spawn(child);
                });
                // wait without spinning: on 2 cores a spinning main thread would steal a carrier's CPU
                if (!exited.await(60, TimeUnit.SECONDS)) throw new IllegalStateException("spawned processes did not exit");
                while (sys.processCount() > 0) LockSupport.parkNanos(50_000);
                long t1 = System.nanoTime();
                if (r >= 0) rates[r] = processes / ((t1 - t0) / 1e9);
            }
        }
        double m = median(rates);
        progress.accept(String.format("spawn+exit: %.2f M/s (rounds %s)", m / 1e6, fmtM(rates)));
        return m;
    }

    public record IdleResult(double startSeconds, double bytesPerProcess, double rssBytesPerProcess, double stopSeconds) {
    }

    /**
     * Start {@code n} processes that block in receive; time until all are blocked; the live-heap
     * difference (after GC) per process, and the RSS difference for comparison; then the time to
     * stop them all (every one must be woken to exit).
     */
    public IdleResult idleMillion(int n) throws Exception {
        long heap0 = liveHeap(2);
        long rss0 = rss();
        IdleResult res;
        try (ActorSystem sys = ActorSystem.create("idle")) {
            LongAdder blocking = new LongAdder(); // incremented by each process just before it blocks in receive
            long t0 = System.nanoTime();
            Behavior idle = p -> {
                blocking.increment();
                p.receive();
            };
            sys.spawn(self -> {
                for (int i = 0; i < n; i++) self.spawn(idle);
            });
            while (blocking.sum() < n) Thread.sleep(1);
            double start = (System.nanoTime() - t0) / 1e9;
            long heap1 = liveHeap(1);
            long rss1 = rss();
            progress.accept("stopping " + n + " idle processes");
            long s0 = System.nanoTime();
            sys.shutdown();
            double stop = (System.nanoTime() - s0) / 1e9;
            res = new IdleResult(start, (heap1 - heap0) / (double) n, (rss1 - rss0) / (double) n, stop);
        }
        progress.accept(String.format("1M idle: start %.2f s, %.0f B/process live heap, %.0f B/process RSS, stop (wake all) %.2f s",
                res.startSeconds, res.bytesPerProcess, res.rssBytesPerProcess, res.stopSeconds));
        return res;
    }

    /** Heap in use after full collections (G1's System.gc() is a full, compacting GC; with 1 M live processes one takes ~1 s). */
    private static long liveHeap(int collections) {
        for (int i = 0; i < collections; i++) System.gc();
        var mem = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        return mem.getUsed();
    }

    /** Resident set size of this JVM in bytes, or 0 where /proc is missing. */
    private static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        } catch (IOException | NumberFormatException e) {
            return 0;
        }
        return 0;
    }

    private static double median(double[] xs) {
        double[] s = xs.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }

    private static String fmtM(double[] xs) {
        StringBuilder sb = new StringBuilder("[");
        for (double x : xs) sb.append(sb.length() > 1 ? ", " : "").append(String.format("%.2fM", x / 1e6));
        return sb.append(']').toString();
    }

    /** Quick manual run: prints progress and the figures. */
    public static void main(String[] args) throws Exception {
        ActorBenchmark b = new ActorBenchmark(System.out::println);
        if (args.length > 0) {
            switch (args[0]) {
                case "oneway" -> b.oneWay(5_000_000, 5);
                case "fanin" -> b.fanIn(8, 5_000_000, 5);
                case "pingpong" -> b.pingPong(200_000, 3);
                case "spawn" -> b.spawnExit(200_000, 3);
                case "idle" -> b.idleMillion(1_000_000);
                default -> throw new IllegalArgumentException(args[0]);
            }
            return;
        }
        System.out.println(b.runAll());
    }
}
