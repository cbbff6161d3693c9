package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.net.bench.NetBenchmark;

import java.util.Map;

/** {@code monkey bench net}: nodes and devices over JeroMQ on tcp loopback. */
@Command(name = "net", mixinStandardHelpOptions = true,
        description = "Benchmark nodes over JeroMQ: node-to-node throughput and call round trip, Forwarder and Streamer throughput, CURVE overhead.")
public final class BenchNetCommand implements Runnable {
    private static final Map<String, String> UNITS = Map.of(
            "node_msgs_per_s", "msgs/s (100 B, node -> node, tcp loopback, CURVE)",
            "node_rtt_us_median", "us call round trip (CURVE)",
            "forwarder_msgs_per_s", "msgs/s to each of 4 subscribers (100 B)",
            "streamer_msgs_per_s", "msgs/s (100 B, 1 feeder -> 1 worker, credit flow control)",
            "node_plain_msgs_per_s", "msgs/s (100 B, node -> node, plaintext)",
            "curve_overhead_ratio", "CURVE / plaintext throughput");

    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Override
    public void run() {
        Map<String, Number> figures;
        try {
            figures = new NetBenchmark(line -> System.err.println("bench net: " + line)).runAll();
        } catch (Exception e) {
            throw new IllegalStateException("bench net failed: " + e.getMessage(), e);
        }
        BenchReport report = new BenchReport("Nodes over JeroMQ (tsunami.net), tcp loopback, " + Runtime.getRuntime().availableProcessors() + " cores");
        figures.forEach((k, v) -> report.put(k, v, UNITS.getOrDefault(k, "")));
        report.print(System.out, json);
    }
}
