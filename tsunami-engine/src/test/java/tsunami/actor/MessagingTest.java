package tsunami.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MessagingTest {
    private final ActorSystem sys = ActorSystem.create("t");

    @AfterEach
    void tearDown() {
        sys.shutdown();
    }

    @Test
    void messagesFromOneSenderArriveInOrder() throws Exception {
        Probe probe = new Probe(sys);
        Pid relay = sys.spawn(self -> {
            for (int i = 0; i < 1000; i++) self.send(probe.pid, self.receive());
        });
        for (int i = 0; i < 1000; i++) assertEquals(SendResult.DELIVERED, sys.send(relay, i));
        for (int i = 0; i < 1000; i++) assertEquals(i, probe.next());
    }

    @Test
    void selectiveReceiveTakesTheMatchAndKeepsTheRestInOrder() throws Exception {
        Probe probe = new Probe(sys);
        CountDownLatch allSent = new CountDownLatch(1);
        Pid p = sys.spawn(self -> {
            allSent.await();
            List<Object> order = new ArrayList<>();
            order.add(self.receive(Integer.class));                       // first Integer, skipping strings
            order.add(self.receive(m -> m instanceof String s && s.startsWith("b")));
            order.add(self.receive(Duration.ZERO).orElseThrow());          // the rest, in arrival order
            order.add(self.receive(Duration.ZERO).orElseThrow());
            order.add(self.receive(Duration.ZERO).orElseThrow());
            order.add(self.receive(Duration.ofMillis(20)).isPresent());
            self.send(probe.pid, order);
        });
        sys.send(p, "a1");
        sys.send(p, "b1");
        sys.send(p, "a2");
        sys.send(p, 42);
        sys.send(p, 43);
        allSent.countDown();
        assertEquals(List.of(42, "b1", "a1", "a2", 43, false), probe.next());
    }

    @Test
    void receiveTimesOutAndLaterMessagesStillArrive() throws Exception {
        Probe probe = new Probe(sys);
        Pid p = sys.spawn(self -> {
            Optional<String> none = self.receive(String.class, Duration.ofMillis(30));
            self.send(probe.pid, none.isPresent() ? "got" : "timeout");
            self.send(probe.pid, self.receive(String.class));
        });
        assertEquals("timeout", probe.next());
        sys.send(p, "late");
        assertEquals("late", probe.next());
    }

    @Test
    void aStaleInterruptFlagDoesNotBreakReceive() throws Exception {
        Probe probe = new Probe(sys);
        Pid p = sys.spawn(self -> {
            Thread.currentThread().interrupt(); // e.g. behaviour code that caught InterruptedException and re-set it
            Optional<Object> none = self.receive(Duration.ofMillis(50));
            self.send(probe.pid, none.isEmpty());
            self.send(probe.pid, self.receive());
        });
        assertEquals(true, probe.next(), "the timed receive must still time out, not return early");
        // parked for good, not spinning: a spinning receive would be seen RUNNING between its park attempts
        Await.until("waiting", () -> sys.processInfo(p).orElseThrow().state() == ProcessInfo.State.WAITING);
        for (int i = 0; i < 500; i++) {
            assertEquals(ProcessInfo.State.WAITING, sys.processInfo(p).orElseThrow().state());
            Thread.sleep(0, 100_000);
        }
        sys.send(p, "after");
        assertEquals("after", probe.next());
    }

    @Test
    void sendsToDeadProcessesAreCountedAsDeadLetters() throws Exception {
        Pid p = sys.spawn(self -> self.receive(String.class));
        var exited = sys.exitFuture(p);
        sys.send(p, "go");
        assertEquals(ExitReason.NORMAL, exited.get(Probe.WAIT_S, TimeUnit.SECONDS));
        long before = sys.deadLetters();
        assertEquals(SendResult.NOPROC, sys.send(p, "x"));
        assertEquals(SendResult.NOPROC, sys.send("nobody", "x"));
        assertEquals(before + 2, sys.deadLetters());
    }

    @Test
    void sendAfterDeliversOnceAndCancelStopsIt() throws Exception {
        Probe probe = new Probe(sys);
        sys.sendAfter(probe.pid, "tick", Duration.ofMillis(20));
        assertEquals("tick", probe.next());
        TimerRef cancelled = sys.sendAfter(probe.pid, "never", Duration.ofMillis(30));
        assertTrue(sys.cancelTimer(cancelled));
        assertFalse(sys.cancelTimer(cancelled));
        // timers fire in deadline order: had the cancelled one (or a second tick) gone off, it would
        // arrive before this later marker
        sys.sendAfter(probe.pid, "marker", Duration.ofMillis(100));
        assertEquals("marker", probe.next());
    }

    @Test
    void intervalRepeatsUntilCancelledAndDiesWithItsTarget() throws Exception {
        Probe probe = new Probe(sys);
        TimerRef t = sys.sendInterval(probe.pid, "beat", Duration.ofMillis(10));
        for (int i = 0; i < 3; i++) assertEquals("beat", probe.next());
        assertTrue(sys.cancelTimer(t));
        // A beat already firing when we cancelled may still arrive, but before this marker: timers run
        // one at a time in deadline order. After the marker, five periods pass with no beat.
        sys.sendAfter(probe.pid, "marker", Duration.ofMillis(20));
        Object m;
        while ((m = probe.next()).equals("beat")) {
            // in flight at the cancel
        }
        assertEquals("marker", m);
        sys.sendAfter(probe.pid, "second marker", Duration.ofMillis(50));
        assertEquals("second marker", probe.next(), "no beat after the cancel took effect");
        Pid target = sys.spawn(self -> self.receive(String.class));
        sys.sendInterval(target, 1, Duration.ofMillis(5));
        assertEquals(1, sys.pendingTimers());
        sys.exit(target, ExitReason.KILL);
        Await.until("interval of a dead process cancelled", () -> sys.pendingTimers() == 0);
    }

    @Test
    void processTimersFromInsideAProcess() throws Exception {
        Probe probe = new Probe(sys);
        sys.spawn(self -> {
            self.sendAfter(self.self(), "wake", Duration.ofMillis(10));
            self.send(probe.pid, self.receive(String.class));
        });
        assertEquals("wake", probe.next());
    }

    @Test
    void returningIsNormalAndThrowingIsACrashWithTheException() throws Exception {
        Pid ok = sys.spawn(self -> self.receive(String.class));
        Pid bad = sys.spawn(self -> {
            self.receive(String.class);
            throw new IllegalStateException("boom");
        });
        var okExit = sys.exitFuture(ok);
        var badExit = sys.exitFuture(bad);
        sys.send(ok, "go");
        sys.send(bad, "go");
        assertEquals(ExitReason.NORMAL, okExit.get(Probe.WAIT_S, TimeUnit.SECONDS));
        ExitReason r = badExit.get(Probe.WAIT_S, TimeUnit.SECONDS);
        ExitReason.Crash c = assertInstanceOf(ExitReason.Crash.class, r);
        assertEquals("boom", c.error().getMessage());
        assertTrue(sys.exitFuture(bad).get(1, TimeUnit.SECONDS) instanceof ExitReason.NoProc);
    }
}
