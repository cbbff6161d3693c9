package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.BadInputException;
import tsunami.launcher.container.ContainerDrivers;
import tsunami.launcher.container.ContainerStartBenchmark;

import java.io.IOException;
import java.util.Map;

/** {@code monkey bench match}: what containerised matches cost. */
@Command(name = "match", mixinStandardHelpOptions = true,
        description = "Container start times per available driver (targets: bwrap <= 200 ms, podman <= 1.5 s); match throughput figures.")
public final class BenchMatchCommand implements Runnable {
    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Option(names = "--starts", defaultValue = "21", description = "Timed no-op starts per driver (default ${DEFAULT-VALUE}).")
    int starts;

    @Override
    public void run() {
        if (starts < 1) throw new BadInputException("--starts must be at least 1, got " + starts);
        BenchReport report = new BenchReport("Containerised matches");
        try {
            Map<String, Double> medians = ContainerStartBenchmark.measure(ContainerDrivers.all(), starts);
            medians.forEach((driver, ms) -> report.put("container_start_ms_" + driver, ms, "ms (median start-and-finish of a no-op)"));
        } catch (IOException e) {
            throw new BadInputException("bench match: " + e.getMessage(), e);
        }
        // games_per_minute and match_overhead_ratio: added here by the match runner's author, once matches run.
        report.print(System.out, json);
    }
}
