package tsunami.learn;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tsunami.actor.ActorSystem;
import tsunami.actor.Behavior;
import tsunami.actor.ExitReason;
import tsunami.actor.Pid;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The in-JVM trajectory and parameter feeds: what they deliver, and that a process waiting in one
 * is stopped by an exit signal at once, without polling the kernel.
 */
class TrainingFeedsTest {
    private final ActorSystem sys = ActorSystem.create("feeds");

    @AfterEach
    void tearDown() {
        sys.shutdown();
    }

    private static Trajectory segment(long version) {
        int steps = 1, agents = 1, obs = 1, actions = 1;
        return new Trajectory(new TrajectorySource(TrajectorySource.ENV_WORKER, "test", "w"), steps, agents, obs, actions,
                new float[2], new byte[]{1, 1}, new int[1], new float[1], new float[1], new byte[1], new byte[]{1},
                new int[1], new long[]{version}, 1, List.of());
    }

    private static ParameterSnapshot snapshot(long version) {
        return new ParameterSnapshot(version, new float[]{version}, new float[1], new float[1], 0);
    }

    @Test
    void segmentsArriveInOrderAndParameterWaitersWakeOnPublish() throws Exception {
        TrajectoryQueue queue = new TrajectoryQueue(4);
        TrajectorySink sink = queue;
        TrajectoryFeed feed = queue;
        for (int v = 0; v < 3; v++) sink.put(segment(v));
        List<Trajectory> got = feed.take(3);
        assertEquals(List.of(0L, 1L, 2L), got.stream().map(t -> t.policyVersions()[0]).toList());
        assertEquals(3, queue.accepted());

        ParameterBoard board = new ParameterBoard(ParameterSnapshot.initial(new float[1]));
        ParameterFeed parameters = board;
        CountDownLatch woke = new CountDownLatch(1);
        Thread waiter = Thread.ofVirtual().start(() -> {
            try {
                parameters.awaitVersion(2);
                woke.countDown();
            } catch (InterruptedException ignored) {
                // the test fails on the latch
            }
        });
        board.publish(snapshot(1));
        board.publish(snapshot(2));
        assertTrue(woke.await(20, TimeUnit.SECONDS), "a waiter for version 2 wakes once it is published");
        waiter.join();
        assertEquals(2, parameters.version());
    }

    /** Starts {@code blocked}, waits until it is about to block, signals it and returns its exit reason. */
    private ExitReason exitWhileBlocked(Behavior blocked) throws Exception {
        CountDownLatch aboutToBlock = new CountDownLatch(1);
        Pid p = sys.spawn(self -> {
            aboutToBlock.countDown();
            blocked.run(self);
        });
        var exit = sys.exitFuture(p);
        assertTrue(aboutToBlock.await(20, TimeUnit.SECONDS));
        sys.exit(p, ExitReason.custom("stop"));
        return exit.get(20, TimeUnit.SECONDS);
    }

    @Test
    void aProcessWaitingInAFeedOrSinkStopsOnAnExitSignal() throws Exception {
        TrajectoryQueue empty = new TrajectoryQueue(1);
        assertEquals(ExitReason.custom("stop"), exitWhileBlocked(self -> empty.take(1)), "learner waiting for experience");

        TrajectoryQueue full = new TrajectoryQueue(1);
        full.put(segment(0));
        assertEquals(ExitReason.custom("stop"), exitWhileBlocked(self -> full.put(segment(1))), "worker held back by a full queue");
        assertEquals(1, full.size(), "the held-back segment never went in");

        ParameterBoard board = new ParameterBoard(ParameterSnapshot.initial(new float[1]));
        assertEquals(ExitReason.custom("stop"), exitWhileBlocked(self -> board.awaitVersion(5)), "lock-step worker waiting for a version");
    }
}
