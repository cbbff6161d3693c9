package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code monkey bench actors}: message-passing figures of the process kernel. */
@Command(name = "actors", mixinStandardHelpOptions = true,
        description = "Benchmark the process kernel: one-way and fan-in throughput, ping-pong latency, spawn/exit rate, 1M idle processes.")
public final class BenchActorsCommand implements Runnable {
    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Override
    public void run() {
        throw new UnsupportedOperationException("kernel benchmark not written yet");
    }
}
