package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.bots.bench.ArenaBenchmark;

/** {@code monkey bench arena}: arena frames per second and environment steps per second on one core. */
@Command(name = "arena", mixinStandardHelpOptions = true,
        description = "Benchmark the arena on one core: game frames/s on m5v5, m15v16, 20m_30zg (attack-closest vs attack-move) and m5v5 env steps/s (frame-skip 8), per CPU second of the benchmark thread.")
public final class BenchArenaCommand implements Runnable {
    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Option(names = "--seconds", defaultValue = "3", description = "CPU seconds measured per figure, after a warm-up of a third as long (default ${DEFAULT-VALUE}).")
    double seconds;

    @Override
    public void run() {
        var bench = new ArenaBenchmark(seconds / 3, seconds);
        var figures = bench.run(line -> System.err.println("bench arena: " + line));
        BenchReport report = new BenchReport("Arena (one core; red " + ArenaBenchmark.RED + ", blue " + ArenaBenchmark.BLUE + ")");
        figures.forEach((k, v) -> report.put(k, v, k.endsWith("env_steps_per_s") ? "env steps/s" : "frames/s"));
        report.print(System.out, json);
    }
}
