package tsunami.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ScaleTest {
    private final ActorSystem sys = ActorSystem.create("t");

    @AfterEach
    void tearDown() {
        sys.shutdown();
    }

    @Test
    void aHundredThousandProcessesSpawnBlockAndExitCleanly() throws Exception {
        int n = 100_000;
        CountDownLatch blocked = new CountDownLatch(n);
        AtomicInteger normal = new AtomicInteger();
        Pid[] pids = new Pid[n];
        for (int i = 0; i < n; i++) {
            pids[i] = sys.spawn(self -> {
                blocked.countDown();
                if (self.receive().equals("bye")) normal.incrementAndGet();
            });
        }
        assertEquals(true, blocked.await(60, TimeUnit.SECONDS));
        assertEquals(n, sys.processCount());
        for (Pid p : pids) assertEquals(SendResult.DELIVERED, sys.send(p, "bye"));
        Await.until("all exited", () -> sys.processCount() == 0 && sys.runningThreads() == 0);
        assertEquals(n, normal.get());
        assertEquals(n + 0L, sys.spawnedCount());
        long dead = sys.deadLetters();
        assertEquals(SendResult.NOPROC, sys.send(pids[n / 2], "late"));
        assertEquals(dead + 1, sys.deadLetters());
    }
}
