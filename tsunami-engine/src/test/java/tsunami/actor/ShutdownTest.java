package tsunami.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ShutdownTest {
    @Test
    void shutdownStopsSupervisionTreesInReverseOrderThenEverythingElse() {
        ActorSystem sys = ActorSystem.create("t");
        ConcurrentLinkedQueue<String> stops = new ConcurrentLinkedQueue<>();
        List<ChildSpec> children = new ArrayList<>();
        for (String id : List.of("first", "second", "third")) {
            children.add(ChildSpec.worker(id, self -> {
                Exit e = self.receive(Exit.class);
                stops.add(id);
                self.exit(e.reason());
            }, SpawnOptions.DEFAULT.withTrapExit(true)));
        }
        Supervisor.start(sys, SupervisorSpec.of(Strategy.ONE_FOR_ONE, children));
        sys.spawn(self -> self.receive()); // a loose process
        sys.shutdown();
        assertEquals(List.of("third", "second", "first"), new ArrayList<>(stops));
        assertEquals(0, sys.processCount());
        assertEquals(0, sys.runningThreads());
        assertThrows(IllegalStateException.class, () -> sys.spawn(self -> { }));
    }

    @Test
    void aProcessMayShutDownItsOwnSystemWithoutWaitingForItself() throws Exception {
        ActorSystem sys = ActorSystem.create("t");
        CompletableFuture<Long> tookMs = new CompletableFuture<>();
        sys.spawn(self -> {
            long t0 = System.nanoTime();
            self.system().shutdown();
            tookMs.complete((System.nanoTime() - t0) / 1_000_000);
        });
        long ms = tookMs.get(Probe.WAIT_S, TimeUnit.SECONDS);
        assertTrue(ms < 9_000, "shutdown waited " + ms + " ms for the calling process itself");
        Await.until("all threads done", () -> sys.runningThreads() == 0);
    }
}
