package tsunami.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MailboxOverflowTest {
    private final ActorSystem sys = ActorSystem.create("t");

    @AfterEach
    void tearDown() {
        sys.shutdown();
    }

    /** A process that takes nothing until released, then reports everything in its mailbox. */
    private Pid gated(CountDownLatch release, Probe probe, SpawnOptions opts) {
        return sys.spawn(self -> {
            release.await();
            List<Object> got = new ArrayList<>();
            while (true) {
                var m = self.receive(Duration.ofMillis(100));
                if (m.isEmpty()) break;
                got.add(m.get());
            }
            self.send(probe.pid, got);
        }, opts);
    }

    @Test
    void rejectPolicyTellsTheSenderAndCounts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Probe probe = new Probe(sys);
        Pid p = gated(release, probe, SpawnOptions.DEFAULT.withCapacity(3).withOverflow(Overflow.REJECT));
        for (int i = 0; i < 3; i++) assertEquals(SendResult.DELIVERED, sys.send(p, i));
        assertEquals(SendResult.REJECTED, sys.send(p, 3));
        assertEquals(SendResult.REJECTED, sys.send(p, 4));
        ProcessInfo info = sys.processInfo(p).orElseThrow();
        assertEquals(2, info.rejected());
        assertEquals(3, info.mailboxLength());
        release.countDown();
        assertEquals(List.of(0, 1, 2), probe.next());
    }

    @Test
    void dropOldestKeepsTheNewestAndCountsTheDrops() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Probe probe = new Probe(sys);
        Pid p = gated(release, probe, SpawnOptions.DEFAULT.withCapacity(3).withOverflow(Overflow.DROP_OLDEST));
        for (int i = 0; i < 3; i++) assertEquals(SendResult.DELIVERED, sys.send(p, i));
        assertEquals(SendResult.DELIVERED_DROPPED_OLDEST, sys.send(p, 3));
        assertEquals(SendResult.DELIVERED_DROPPED_OLDEST, sys.send(p, 4));
        assertEquals(2, sys.processInfo(p).orElseThrow().dropped());
        release.countDown();
        assertEquals(List.of(2, 3, 4), probe.next());
    }

    @Test
    void dropOldestNeverDropsASignal() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Probe probe = new Probe(sys);
        Pid p = sys.spawn(self -> {
            self.trapExit(true);
            release.await();
            List<Object> got = new ArrayList<>();
            while (true) {
                var m = self.receive(Duration.ofMillis(100));
                if (m.isEmpty()) break;
                got.add(m.get());
            }
            self.send(probe.pid, got);
        }, SpawnOptions.DEFAULT.withCapacity(2).withOverflow(Overflow.DROP_OLDEST));
        Await.until("trapping", () -> sys.processInfo(p).map(ProcessInfo::trapExit).orElse(false));
        sys.exit(p, ExitReason.custom("signal"));                 // oldest: a signal
        assertEquals(SendResult.DELIVERED, sys.send(p, "m1"));     // now full
        assertEquals(SendResult.REJECTED, sys.send(p, "m2"));      // the signal may not be dropped
        release.countDown();
        assertEquals(List.of(new Exit(sys.systemPid(), ExitReason.custom("signal")), "m1"), probe.next());
    }

    @Test
    void blockPolicyWaitsForRoomThenTimesOut() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Probe probe = new Probe(sys);
        Pid p = gated(release, probe, SpawnOptions.DEFAULT.withCapacity(2).withOverflow(Overflow.BLOCK)
                .withBlockTimeout(Duration.ofMillis(50)));
        assertEquals(SendResult.DELIVERED, sys.send(p, 0));
        assertEquals(SendResult.DELIVERED, sys.send(p, 1));
        assertEquals(SendResult.TIMED_OUT, sys.send(p, 2)); // nobody makes room within 50 ms
        // a sender blocked on a full mailbox proceeds as soon as the receiver takes a message
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<List<SendResult>> results = new CompletableFuture<>();
        Pid slowTaker = sys.spawn(self -> {
            go.await();
            // nothing taken yet and the mailbox holds two: the sender cannot have finished its five sends
            self.send(probe.pid, results.isDone() ? "sender finished early" : "sender waiting");
            for (int i = 0; i < 5; i++) self.send(probe.pid, self.receive(Integer.class));
        }, SpawnOptions.DEFAULT.withCapacity(2).withOverflow(Overflow.BLOCK).withBlockTimeout(Duration.ofSeconds(Probe.WAIT_S)));
        sys.spawn(self -> {
            List<SendResult> rs = new ArrayList<>();
            for (int i = 0; i < 5; i++) rs.add(self.send(slowTaker, i)); // blocks at the third
            results.complete(rs);
        });
        Await.until("sender blocked on a full mailbox", () -> sys.processInfo(slowTaker).orElseThrow().mailboxLength() == 2);
        go.countDown();
        assertEquals("sender waiting", probe.next(), "the third send must wait for room");
        assertEquals(List.of(SendResult.DELIVERED, SendResult.DELIVERED, SendResult.DELIVERED, SendResult.DELIVERED, SendResult.DELIVERED),
                results.get(Probe.WAIT_S, TimeUnit.SECONDS));
        for (int i = 0; i < 5; i++) assertEquals(i, probe.next());
        release.countDown();
        assertEquals(List.of(0, 1), probe.next());
    }

    @Test
    void signalsAreNeverRefusedByAFullMailbox() throws Exception {
        Probe probe = new Probe(sys);
        CountDownLatch release = new CountDownLatch(1);
        Pid p = sys.spawn(self -> {
            self.trapExit(true);
            release.await();
            self.send(probe.pid, self.receive(Exit.class));
        }, SpawnOptions.DEFAULT.withCapacity(1));
        Await.until("trapping", () -> sys.processInfo(p).map(ProcessInfo::trapExit).orElse(false));
        assertEquals(SendResult.DELIVERED, sys.send(p, "fills it"));
        sys.exit(p, ExitReason.custom("stop"));
        release.countDown();
        assertEquals(new Exit(sys.systemPid(), ExitReason.custom("stop")), probe.next());
    }

    @Test
    void eightFastProducersIntoOneSlowConsumerStayBounded() throws Exception {
        int capacity = 1_000, producers = 8, perProducer = 25_000, rounds = 6;
        AtomicLong delivered = new AtomicLong(), rejected = new AtomicLong();
        AtomicInteger maxSeen = new AtomicInteger();
        AtomicLong consumed = new AtomicLong();
        Pid consumer = sys.spawn(self -> {
            while (true) {
                self.receive();
                consumed.incrementAndGet();
                maxSeen.accumulateAndGet(self.mailboxSize(), Math::max);
                if ((consumed.get() & 63) == 0) Thread.sleep(1); // slow: far below the producers' rate
            }
        }, SpawnOptions.DEFAULT.withCapacity(capacity).withOverflow(Overflow.REJECT));
        // Each round offers 200,000 messages of ~80 bytes (~16 MB) and then lets the consumer drain. A
        // mailbox that kept anything per message (a node, a refused message) would grow the heap by
        // megabytes every round; a bounded one returns to the same level. The first round warms up.
        long[] heapAfter = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            CountDownLatch producersDone = new CountDownLatch(producers);
            for (int p = 0; p < producers; p++) {
                sys.spawn(self -> {
                    for (int i = 0; i < perProducer; i++) {
                        SendResult r = self.send(consumer, new byte[64]);
                        if (r == SendResult.DELIVERED) delivered.incrementAndGet();
                        else if (r == SendResult.REJECTED) rejected.incrementAndGet();
                    }
                    producersDone.countDown();
                });
            }
            while (!producersDone.await(20, TimeUnit.MILLISECONDS)) {
                maxSeen.accumulateAndGet(sys.processInfo(consumer).orElseThrow().mailboxLength(), Math::max);
            }
            Await.until("consumer drained", () -> consumed.get() == delivered.get());
            heapAfter[round] = usedHeapAfterGc();
        }
        assertEquals((long) rounds * producers * perProducer, delivered.get() + rejected.get(), "every send has an outcome");
        assertTrue(rejected.get() > 0, "the slow consumer must have refused some messages");
        assertTrue(maxSeen.get() <= capacity, "mailbox grew past its capacity: " + maxSeen.get());
        assertEquals(rejected.get(), sys.processInfo(consumer).orElseThrow().rejected());
        long growth = 0;
        for (int round = 2; round < rounds; round++) growth = Math.max(growth, heapAfter[round] - heapAfter[1]);
        assertTrue(growth < 8L << 20, "heap kept growing over rounds (MB after each): "
                + java.util.Arrays.toString(java.util.Arrays.stream(heapAfter).map(b -> b >> 20).toArray()));
    }

    /** The lowest of a few readings after a full collection: one reading may catch garbage made meanwhile. */
    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            least = Math.min(least, rt.totalMemory() - rt.freeMemory());
        }
        return least;
    }
}
