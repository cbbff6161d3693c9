package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.BadInputException;
import tsunami.bench.NetComparison;

import java.time.Duration;
import java.util.Map;

/** {@code monkey bench net}: nodes and devices over JeroMQ on tcp loopback, beside bare JeroMQ sockets. */
@Command(name = "net", mixinStandardHelpOptions = true,
        description = "Benchmark nodes over JeroMQ beside bare JeroMQ sockets with the same security, in the same run (rounds alternate): "
                + "node-to-node throughput and call round trip, Forwarder and Streamer throughput, CURVE overhead; with ratios ours / JeroMQ.")
public final class BenchNetCommand implements Runnable {
    private static final Map<String, String> UNITS = Map.of(
            "node_msgs_per_s", "msgs/s (100 B, node -> node, tcp loopback, CURVE)",
            "node_rtt_us_median", "us call round trip (CURVE)",
            "forwarder_msgs_per_s", "msgs/s to each of 4 subscribers (100 B)",
            "streamer_msgs_per_s", "msgs/s (100 B, 1 feeder -> 1 worker, credit flow control)",
            "node_plain_msgs_per_s", "msgs/s (100 B, node -> node, plaintext)",
            "curve_overhead_ratio", "CURVE / plaintext throughput",
            "curve_seal_open_mb_per_s", "MB/s sealed and opened, 12 KiB CURVE boxes, one thread (jnacl, no network)",
            "curve_seal_open_per_s_100b", "100-byte CURVE boxes sealed and opened per second, one thread");

    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed pairs (ours, JeroMQ) after one warm-up pair (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--seconds", defaultValue = "2", description = "Length of each measurement in seconds (default: ${DEFAULT-VALUE}).")
    int seconds;

    @Override
    public void run() {
        if (rounds < 1) throw new BadInputException("--rounds must be at least 1, got " + rounds);
        if (seconds < 1 || seconds > 60) throw new BadInputException("--seconds must be 1..60, got " + seconds);
        Map<String, Number> figures;
        try {
            figures = new NetComparison(line -> System.err.println("bench net: " + line)).run(Duration.ofSeconds(seconds), rounds);
        } catch (Exception e) {
            throw new IllegalStateException("bench net failed: " + e.getMessage(), e);
        }
        BenchReport report = new BenchReport("Nodes over JeroMQ (tsunami.net) beside bare JeroMQ, tcp loopback, "
                + Runtime.getRuntime().availableProcessors() + " cores, medians of " + rounds + " alternating pairs");
        report.putCompared(figures, UNITS, "JeroMQ");
        report.print(System.out, json);
    }
}
