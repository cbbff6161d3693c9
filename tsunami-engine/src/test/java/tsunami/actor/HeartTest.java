package tsunami.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HeartTest {
    private final ActorSystem sys = ActorSystem.create("t");

    @AfterEach
    void tearDown() {
        sys.shutdown();
    }

    @Test
    void aSubtreeThatStopsFeedingItsHeartIsRestartedAndAFedOneIsNot() throws Exception {
        AtomicInteger hungStarts = new AtomicInteger(), fedStarts = new AtomicInteger();
        // "hung" beats once and then hangs; "fed" beats every 20 ms
        ChildSpec hung = ChildSpec.worker("hung", self -> {
            hungStarts.incrementAndGet();
            Heart.beat(self, "hung-heart");
            self.receive(); // stuck
        });
        ChildSpec fed = ChildSpec.worker("fed", self -> {
            fedStarts.incrementAndGet();
            while (true) {
                Heart.beat(self, "fed-heart");
                self.receive(Duration.ofMillis(20));
            }
        });
        Pid sup = Supervisor.start(sys, SupervisorSpec.of(Strategy.ONE_FOR_ONE, List.of(
                Heart.watch("hung-heart", Duration.ofSeconds(1), hung),
                Heart.watch("fed-heart", Duration.ofSeconds(1), fed))).withIntensity(100, Duration.ofSeconds(5)));
        Pid firstHeart = sys.whereis("hung-heart").orElseThrow();
        var heartExit = sys.exitFuture(firstHeart);
        assertEquals(ExitReason.custom(Heart.TIMEOUT_REASON), heartExit.get(Probe.WAIT_S, TimeUnit.SECONDS));
        // The hung heart is the clock: its second timeout comes a full period after its restart, itself
        // after the first timeout, so by then the fed heart has run for over two periods. Had beats not
        // fed it, the fed subtree would have been restarted before that.
        Await.until("hung subtree restarted twice", () -> hungStarts.get() >= 3);
        assertEquals(1, fedStarts.get(), "a fed heart must not restart its subtree");
        assertTrue(Supervisor.whichChildren(sys, sup).get(0).restarts() >= 1);
        assertEquals(0, Supervisor.whichChildren(sys, sup).get(1).restarts());
    }
}
