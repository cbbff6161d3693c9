package tsunami.launcher;

import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.BadInputException;
import tsunami.bench.KernelComparison;

/** {@code monkey bench actors}: message-passing figures of the process kernel beside Apache Pekko's. */
@Command(name = "actors", mixinStandardHelpOptions = true,
        description = "Benchmark the process kernel beside Apache Pekko classic actors in the same run (rounds alternate): "
                + "one-way and fan-in throughput, ping-pong latency, spawn/exit rate, 1M idle processes; with ratios ours / Pekko.")
public final class BenchActorsCommand implements Runnable {
    private static final Map<String, String> UNITS = Map.of(
            "oneway_msgs_per_s", "msgs/s (1 -> 1)",
            "pingpong_rtt_us_median", "us round trip",
            "pingpong_bare_vthreads_us", "us round trip of two bare virtual threads (park/unpark, no kernel), same run",
            "pingpong_spin_threads_us", "us round trip of two spinning platform threads (cross-core floor, no parking), same run",
            "fanin_msgs_per_s", "msgs/s (8 -> 1)",
            "spawn_exit_per_s", "processes/s",
            "idle_1m_start_s", "s to start 1,000,000 blocked processes",
            "idle_1m_bytes_per_process", "bytes live heap per idle process");

    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Option(names = "--rounds", defaultValue = "5", description = "Timed pairs (ours, Pekko) per throughput and latency figure (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--idle-rounds", defaultValue = "3", description = "Pairs of 1M-idle starts (default: ${DEFAULT-VALUE}).")
    int idleRounds;

    @Override
    public void run() {
        if (rounds < 1) throw new BadInputException("--rounds must be at least 1, got " + rounds);
        if (idleRounds < 1) throw new BadInputException("--idle-rounds must be at least 1, got " + idleRounds);
        // Progress goes to stderr so that stdout stays the table or the single JSON line.
        Map<String, Number> figures;
        try {
            figures = new KernelComparison(line -> System.err.println("bench actors: " + line)).run(KernelComparison.Sizes.FULL, rounds, idleRounds);
        } catch (Exception e) {
            throw new IllegalStateException("bench actors failed: " + e.getMessage(), e);
        }
        BenchReport report = new BenchReport("Process kernel (tsunami.actor) beside Apache Pekko classic actors, "
                + Runtime.getRuntime().availableProcessors() + " cores, medians of " + rounds + " alternating pairs");
        report.putCompared(figures, UNITS, "Pekko");
        report.print(System.out, json);
    }
}
