package tsunami.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both sides of {@code bench actors} run each workload to its end at a small size: a round returns
 * only once every message has arrived (fan-in), every exchange came back (ping-pong), every child
 * is gone (spawn/exit) and every idle actor has started, or it fails on its time limit.
 */
class KernelBenchTest {
    static Stream<Supplier<KernelBench>> runtimes() {
        return Stream.of(() -> new TsunamiKernelBench(line -> { }), PekkoKernelBench::new);
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void everyWorkloadRunsToItsEndAndReportsAPositiveFigure(Supplier<KernelBench> runtime) throws Exception {
        try (KernelBench bench = runtime.get()) {
            assertTrue(bench.fanIn(1, 20_000) > 0);
            assertTrue(bench.fanIn(8, 20_000) > 0);
            assertTrue(bench.pingPong(2_000) > 0);
            assertTrue(bench.spawnExit(2_000) > 0);
            KernelBench.Idle idle = bench.idle(5_000);
            assertTrue(idle.startSeconds() > 0, "start " + idle.startSeconds());
            // every idle actor holds some state; a figure at or below zero would mean the heap probe saw nothing
            assertTrue(idle.bytesPerActor() > 0, "bytes per actor " + idle.bytesPerActor());
        }
    }

    @ParameterizedTest
    @MethodSource("runtimes")
    void roundsRepeatOnOneRuntime(Supplier<KernelBench> runtime) throws Exception {
        try (KernelBench bench = runtime.get()) {
            for (int r = 0; r < 3; r++) {
                assertTrue(bench.fanIn(8, 8_000) > 0);
                assertTrue(bench.pingPong(500) > 0);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void theBareVirtualThreadsCompletesItsExchanges() throws Exception {
        assertTrue(BareVirtualThreads.pingPong(2_000) > 0);
    }

    @org.junit.jupiter.api.Test
    void theSpinningThreadsCompleteTheirExchanges() throws Exception {
        assertTrue(SpinningThreads.pingPong(2_000) > 0);
    }
}
