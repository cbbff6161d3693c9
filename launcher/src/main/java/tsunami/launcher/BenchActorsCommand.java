package tsunami.launcher;

import java.util.Map;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.actor.bench.ActorBenchmark;

/** {@code monkey bench actors}: message-passing figures of the process kernel. */
@Command(name = "actors", mixinStandardHelpOptions = true,
        description = "Benchmark the process kernel: one-way and fan-in throughput, ping-pong latency, spawn/exit rate, 1M idle processes.")
public final class BenchActorsCommand implements Runnable {
    private static final Map<String, String> UNITS = Map.of(
            "oneway_msgs_per_s", "msgs/s (1 -> 1)",
            "pingpong_rtt_us_median", "us round trip",
            "fanin_msgs_per_s", "msgs/s (8 -> 1)",
            "spawn_exit_per_s", "processes/s",
            "idle_1m_start_s", "s to start 1,000,000 blocked processes",
            "idle_1m_bytes_per_process", "bytes live heap per idle process");

    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Override
    public void run() {
        // Progress goes to stderr so that stdout stays the table or the single JSON line.
        ActorBenchmark bench = new ActorBenchmark(line -> System.err.println("bench actors: " + line));
        Map<String, Number> figures;
        try {
            figures = bench.runAll();
        } catch (Exception e) {
            throw new IllegalStateException("bench actors failed: " + e.getMessage(), e);
        }
        BenchReport report = new BenchReport("Process kernel (tsunami.actor), " + Runtime.getRuntime().availableProcessors() + " cores");
        figures.forEach((k, v) -> report.put(k, v, UNITS.getOrDefault(k, "")));
        report.print(System.out, json);
    }
}
