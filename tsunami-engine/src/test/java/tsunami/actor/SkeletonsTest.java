package tsunami.actor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SkeletonsTest {
    private final ActorSystem sys = ActorSystem.create("t");

    @AfterEach
    void tearDown() {
        sys.shutdown();
    }

    private static List<Integer> range(int n) {
        return IntStream.range(0, n).boxed().toList();
    }

    @Test
    void pmapKeepsInputOrderWhateverTheFinishingOrder() {
        List<Integer> out = Skeletons.pmap(sys, range(200), i -> {
            if (i % 7 == 0) sleep(5); // some finish late
            return i * i;
        });
        assertEquals(range(200).stream().map(i -> i * i).toList(), out);
        Await.until("workers gone", () -> sys.processCount() == 0);
    }

    @Test
    void aFailingPmapWorkerFailsTheMapWithItsReason() {
        SkeletonException e = assertThrows(SkeletonException.class, () -> Skeletons.pmap(sys, range(50), i -> {
            if (i == 17) throw new IllegalArgumentException("bad item 17");
            sleep(50);
            return i;
        }));
        assertEquals("bad item 17", assertInstanceOf(ExitReason.Crash.class, e.reason()).error().getMessage());
        Await.until("other workers killed", () -> sys.processCount() == 0);
    }

    @Test
    void pipelineRunsStagesInOrderAndEndOfStreamFinishesIt() {
        List<Function<Object, Object>> stages = List.of(x -> (Integer) x + 1, x -> (Integer) x * 10, x -> "v" + x);
        List<Object> out = Skeletons.pipeline(sys, stages, range(3000), Duration.ofSeconds(Probe.WAIT_S));
        assertEquals(range(3000).stream().map(i -> "v" + ((i + 1) * 10)).toList(), out);
        Await.until("stages exited after end-of-stream", () -> sys.processCount() == 0);
    }

    @Test
    void aStageSlowerThanTheStageTimeoutFailsThePipelineNamingIt() {
        List<Function<Object, Object>> stages = List.of(x -> x, x -> {
            sleep(10_000); // interrupted when the pipeline kills it
            return x;
        }, x -> x);
        SkeletonException e = assertThrows(SkeletonException.class,
                () -> Skeletons.pipeline(sys, stages, range(3), Duration.ofMillis(500)));
        assertTrue(e.getMessage().contains("stage 1 took longer than 500 ms"), e.getMessage());
        assertEquals(ExitReason.custom("stage_timeout"), e.reason());
        Await.until("stages killed", () -> sys.processCount() == 0);
    }

    @Test
    void aThrowingStageFailsThePipelineWithItsException() {
        List<Function<Object, Object>> stages = List.of(x -> {
            if ((Integer) x == 5) throw new IllegalStateException("stage 0 broke");
            return x;
        });
        SkeletonException e = assertThrows(SkeletonException.class,
                () -> Skeletons.pipeline(sys, stages, range(10), Duration.ofSeconds(Probe.WAIT_S)));
        assertEquals("stage 0 broke", assertInstanceOf(ExitReason.Crash.class, e.reason()).error().getMessage());
    }

    @Test
    void farmWorkersPullTasksAndResultsComeBackInOrder() {
        List<Integer> tasks = range(300);
        List<String> out = Skeletons.farm(sys, 4, tasks, i -> {
            if (i % 50 == 0) sleep(20); // a slow task must not hold up the others
            return Thread.currentThread().isVirtual() + ":" + i;
        });
        assertEquals(tasks.stream().map(i -> "true:" + i).toList(), out);
        Await.until("workers stopped", () -> sys.processCount() == 0);
    }

    @Test
    void aFailingFarmWorkerFailsTheFarm() {
        SkeletonException e = assertThrows(SkeletonException.class, () -> Skeletons.farm(sys, 3, range(30), i -> {
            if (i == 11) throw new IllegalStateException("task 11");
            return i;
        }));
        assertEquals("task 11", assertInstanceOf(ExitReason.Crash.class, e.reason()).error().getMessage());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
