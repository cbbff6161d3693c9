package tsunami.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CallTest {
    private final ActorSystem sys = ActorSystem.create("t");

    @AfterEach
    void tearDown() {
        sys.shutdown();
    }

    private Pid echo() {
        return sys.spawn(self -> {
            while (true) {
                Call c = self.receive(Call.class);
                self.reply(c, "echo:" + c.request());
            }
        });
    }

    @Test
    void callGetsTheReply() {
        Pid e = echo();
        assertEquals("echo:hi", sys.call(e, "hi"));
        assertEquals("echo:again", sys.call(e, "again", Duration.ofSeconds(Probe.WAIT_S)));
    }

    @Test
    void aLateReplyNeverLandsInTheCallersMailbox() throws Exception {
        CountDownLatch replied = new CountDownLatch(1);
        Pid slow = sys.spawn(self -> {
            Call c = self.receive(Call.class);
            Thread.sleep(1_000); // answer long after the caller gave up
            self.reply(c, "too late");
            replied.countDown();
        });
        Probe probe = new Probe(sys);
        sys.spawn(self -> {
            try {
                self.call(slow, "q", Duration.ofMillis(50));
                self.send(probe.pid, "no timeout?!");
            } catch (CallTimeoutException e) {
                self.send(probe.pid, "timeout");
            }
            replied.await();
            Thread.sleep(50);
            List<Object> leftovers = new ArrayList<>();
            while (true) {
                var m = self.receive(Duration.ofMillis(100));
                if (m.isEmpty()) break;
                leftovers.add(m.get());
            }
            self.send(probe.pid, leftovers);
        });
        assertEquals("timeout", probe.next());
        assertEquals(List.of(), probe.next());
    }

    @Test
    void callToADeadProcessFailsAtOnceWithNoproc() {
        Pid gone = sys.spawn(self -> { });
        Await.until("gone", () -> !sys.isAlive(gone));
        long t0 = System.nanoTime();
        CallException e = assertThrows(CallException.class, () -> sys.call(gone, "anyone?", Duration.ofSeconds(60)));
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(ExitReason.NOPROC, e.reason());
        assertTrue(!(e instanceof CallTimeoutException) && waitedMs < 30_000, "must fail at once, not time out (waited " + waitedMs + " ms)");
    }

    @Test
    void calleeCrashingBeforeReplyFailsTheCallWithItsReason() {
        Pid crasher = sys.spawn(self -> {
            self.receive(Call.class);
            throw new IllegalStateException("no answer for you");
        });
        CallException e = assertThrows(CallException.class, () -> sys.call(crasher, "q", Duration.ofSeconds(60)));
        assertEquals("no answer for you", assertInstanceOf(ExitReason.Crash.class, e.reason()).error().getMessage());
    }

    @Test
    void callsBetweenProcessesKeepOtherMessagesQueued() throws Exception {
        Pid e = echo();
        Probe probe = new Probe(sys);
        sys.spawn(self -> {
            self.send(self.self(), "before");
            Object r = self.call(e, 1);
            self.send(probe.pid, r);
            self.send(probe.pid, self.receive());
        });
        assertEquals("echo:1", probe.next());
        assertEquals("before", probe.next());
    }
}
