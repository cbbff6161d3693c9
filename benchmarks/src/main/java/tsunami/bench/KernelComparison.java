package tsunami.bench;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The figures of {@code monkey bench actors}: the kernel and Apache Pekko classic actors doing the
 * same workloads in one JVM, rounds alternating (see {@link PairedRounds}).
 */
public final class KernelComparison {
    /** The load of each workload; {@link #FULL} is what the command runs. */
    public record Sizes(int messages, int roundTrips, int spawns, int idleActors) {
        public static final Sizes FULL = new Sizes(5_000_000, 200_000, 200_000, 1_000_000);
    }

    private final Consumer<String> progress;

    public KernelComparison(Consumer<String> progress) {
        this.progress = progress;
    }

    /**
     * Every figure in report order: one-way (1 -> 1), ping-pong (then, alone, bare virtual threads and
     * two spinning platform threads doing it: the floors it is read against), fan-in (8 -> 1), spawn/exit, with one warm-up round each side and {@code rounds} pairs;
     * then {@code idleRounds} pairs of the idle start (no warm-up: a million actors is its own warm-up).
     */
    public Map<String, Number> run(Sizes sizes, int rounds, int idleRounds) throws Exception {
        PairedRounds paired = new PairedRounds(progress);
        try (KernelBench ours = new TsunamiKernelBench(progress); KernelBench peer = new PekkoKernelBench()) {
            paired.compare(List.of("oneway_msgs_per_s"), 1, rounds,
                    () -> new double[]{ours.fanIn(1, sizes.messages())}, () -> new double[]{peer.fanIn(1, sizes.messages())});
            paired.compare(List.of("pingpong_rtt_us_median"), 1, rounds,
                    () -> new double[]{ours.pingPong(sizes.roundTrips())}, () -> new double[]{peer.pingPong(sizes.roundTrips())});
            paired.alone("pingpong_bare_vthreads_us", 1, rounds, () -> new double[]{BareVirtualThreads.pingPong(sizes.roundTrips())});
            paired.alone("pingpong_spin_threads_us", 1, rounds, () -> new double[]{SpinningThreads.pingPong(sizes.roundTrips())});
            paired.compare(List.of("fanin_msgs_per_s"), 1, rounds,
                    () -> new double[]{ours.fanIn(8, sizes.messages())}, () -> new double[]{peer.fanIn(8, sizes.messages())});
            paired.compare(List.of("spawn_exit_per_s"), 1, rounds,
                    () -> new double[]{ours.spawnExit(sizes.spawns())}, () -> new double[]{peer.spawnExit(sizes.spawns())});
            paired.compare(List.of("idle_1m_start_s", "idle_1m_bytes_per_process"), 0, idleRounds,
                    () -> idle(ours, sizes.idleActors()), () -> idle(peer, sizes.idleActors()));
        }
        return paired.figures();
    }

    private static double[] idle(KernelBench bench, int actors) throws Exception {
        KernelBench.Idle r = bench.idle(actors);
        return new double[]{r.startSeconds(), r.bytesPerActor()};
    }
}
