package tsunami.bench;

import java.time.Duration;
import java.util.Arrays;
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

/** The kernel's side of {@code monkey bench actors}: processes of one {@link ActorSystem} kept for the whole run. */
public final class TsunamiKernelBench implements KernelBench {
    /** One message object reused for every send, so the figures measure the kernel, not the allocator. */
    private static final Object MSG = new Object();
    private static final Object DONE = new Object();
    private static final Duration ROUND_LIMIT = Duration.ofSeconds(120);
    /** Mailboxes for throughput runs: bounded, with back-pressure on the producer instead of loss. */
    private static final SpawnOptions SINK = SpawnOptions.DEFAULT.withCapacity(1 << 16).withOverflow(Overflow.BLOCK)
            .withBlockTimeout(Duration.ofSeconds(30));

    private final ActorSystem sys = ActorSystem.create("bench");
    private final Consumer<String> progress;

    public TsunamiKernelBench(Consumer<String> progress) {
        this.progress = progress;
    }

    @Override
    public double fanIn(int producers, int messages) throws Exception {
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
        long t1 = done.get(ROUND_LIMIT.toSeconds(), TimeUnit.SECONDS);
        return total / ((t1 - t0) / 1e9);
    }

    @Override
    public double pingPong(int roundTrips) throws Exception {
        Pid pong = sys.spawn(self -> {
            while (true) {
                Object m = self.receive();
                if (m == DONE) return;
                self.send((Pid) m, MSG);
            }
        });
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
            self.send(pong, DONE);
            result.complete(rtt);
        });
        long[] rtt = result.get(ROUND_LIMIT.toSeconds(), TimeUnit.SECONDS);
        Arrays.sort(rtt);
        return rtt[rtt.length / 2] / 1e3;
    }

    @Override
    public double spawnExit(int actors) throws Exception {
        CountDownLatch exited = new CountDownLatch(actors);
        Behavior child = c -> exited.countDown();
        long t0 = System.nanoTime();
        sys.spawn(self -> {
            for (int i = 0; i < actors; i++) self.spawn(child);
        });
        // wait without spinning: on 2 cores a spinning main thread would steal a carrier's CPU
        if (!exited.await(ROUND_LIMIT.toSeconds(), TimeUnit.SECONDS)) throw new IllegalStateException("spawned processes did not exit");
        while (sys.processCount() > 0) LockSupport.parkNanos(50_000);
        return actors / ((System.nanoTime() - t0) / 1e9);
    }

    /**
     * In a fresh system: {@code actors} processes that block in receive. Also prints the time to stop
     * them all (every one must be woken to exit).
     */
    @Override
    public Idle idle(int actors) throws Exception {
        long heap0 = HeapProbe.liveHeap(2);
        try (ActorSystem idleSys = ActorSystem.create("idle")) {
            LongAdder blocking = new LongAdder(); // incremented by each process just before it blocks in receive
            long t0 = System.nanoTime();
            Behavior idle = p -> {
                blocking.increment();
                p.receive();
            };
            idleSys.spawn(self -> {
                for (int i = 0; i < actors; i++) self.spawn(idle);
            });
            while (blocking.sum() < actors) Thread.sleep(1);
            double start = (System.nanoTime() - t0) / 1e9;
            long heap1 = HeapProbe.liveHeap(1);
            long s0 = System.nanoTime();
            idleSys.shutdown();
            progress.accept(String.format("tsunami: %,d idle processes stopped (each woken to exit) in %.2f s", actors, (System.nanoTime() - s0) / 1e9));
            return new Idle(start, (heap1 - heap0) / (double) actors);
        }
    }

    @Override
    public void close() {
        sys.shutdown();
    }
}
