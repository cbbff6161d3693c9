package tsunami.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a process notices an exit signal without receiving a message. */
class ExitCheckTest {
    private final ActorSystem sys = ActorSystem.create("t");

    @AfterEach
    void tearDown() {
        sys.shutdown();
    }

    @Test
    void checkExitTakesNoMessageAndEndsABusyLoopWithTheSignalsReason() throws Exception {
        Probe probe = new Probe(sys);
        CountDownLatch sent = new CountDownLatch(1);
        CountDownLatch busy = new CountDownLatch(1);
        Pid p = sys.spawn(self -> {
            sent.await();
            for (int i = 0; i < 1000; i++) self.checkExit();
            self.send(probe.pid, List.of(self.mailboxSize(), self.receive()));
            busy.countDown();
            while (true) {
                self.checkExit(); // a loop busy outside the kernel
                Thread.onSpinWait();
            }
        });
        sys.send(p, "kept");
        sent.countDown();
        assertEquals(List.of(1, "kept"), probe.next(), "checkExit left the message where it was");
        busy.await();
        var exit = sys.exitFuture(p);
        sys.exit(p, ExitReason.custom("stop"));
        assertEquals(ExitReason.custom("stop"), exit.get(Probe.WAIT_S, TimeUnit.SECONDS));
    }

    @Test
    void anExitSignalEndsAProcessBlockedOutsideTheKernelWithTheSignalsReason() throws Exception {
        Probe watcher = new Probe(sys);
        CountDownLatch aboutToBlock = new CountDownLatch(1);
        LinkedBlockingQueue<Object> nothingEverComes = new LinkedBlockingQueue<>();
        Pid p = sys.spawn(self -> {
            aboutToBlock.countDown();
            nothingEverComes.take(); // no timeout, no polling: the signal's interrupt ends the wait
        });
        sys.spawn(self -> {
            self.send(watcher.pid, self.monitor(p));
            self.send(watcher.pid, self.receive(Down.class));
        });
        Ref mon = watcher.expect(Ref.class);
        aboutToBlock.await();
        var exit = sys.exitFuture(p);
        sys.exit(p, ExitReason.custom("stop"));
        assertEquals(ExitReason.custom("stop"), exit.get(Probe.WAIT_S, TimeUnit.SECONDS), "ended by the signal, not crashed by the interrupt");
        assertEquals(new Down(mon, p, ExitReason.custom("stop")), watcher.next());
    }
}
