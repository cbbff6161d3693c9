package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.BadInputException;
import tsunami.bots.arena.Match;
import tsunami.bots.data.GameData;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;
import tsunami.launcher.container.ContainerDriver;
import tsunami.launcher.container.ContainerDrivers;
import tsunami.launcher.match.BotFolders;
import tsunami.launcher.match.BotSpec;
import tsunami.launcher.match.BwapiMatchRunner;
import tsunami.launcher.match.MatchSettings;
import tsunami.launcher.match.MatchSummary;
import tsunami.launcher.container.ContainerStartBenchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** {@code monkey bench match}: what containerised matches cost. */
@Command(name = "match", mixinStandardHelpOptions = true,
        description = "Container start times per available driver (targets: bwrap <= 200 ms, podman <= 1.5 s); match throughput figures.")
public final class BenchMatchCommand implements Runnable {
    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Option(names = "--starts", defaultValue = "21", description = "Timed no-op starts per driver (default ${DEFAULT-VALUE}).")
    int starts;

    @Option(names = "--games", defaultValue = "30", description = "m5v5 games per match for the throughput figures (default ${DEFAULT-VALUE}).")
    int games;

    @Option(names = "--container", defaultValue = "bwrap", description = "Driver of the throughput figures (default ${DEFAULT-VALUE}).")
    String container;

    /**
     * games_per_minute: two matches side by side (one per core), hold-focus against attack-move, each
     * bot a `monkey bot` JVM in its sandbox, bot start-up included. match_overhead_ratio: wall time per
     * game of one such match over that of the same games played in-process by {@link Match#play}.
     */
    private void matchFigures(BenchReport report) {
        ContainerDriver driver = ContainerDrivers.byName(container);
        MatchSettings settings = new MatchSettings("m5v5", games, 1, container, 1L << 30, Duration.ofSeconds(60));
        BotSpec a = BotFolders.parse("heuristic:hold-focus"), b = BotFolders.parse("heuristic:attack-move");
        try {
            Path tmp = Files.createTempDirectory("bench-match");
            long t0 = System.nanoTime();
            MatchSummary one = new BwapiMatchRunner(driver).play(a, b, settings, tmp.resolve("single"));
            double containedPerGame = (System.nanoTime() - t0) / 1e9 / one.games();

            HeuristicRegistry h = HeuristicRegistry.load();
            Scenario s = new ScenarioLoader().builtIn("m5v5");
            long t1 = System.nanoTime();
            Match.play(s, GameData.standard(), "hold-focus", () -> h.create("hold-focus"), "attack-move", () -> h.create("attack-move"),
                    games, 1, null);
            double inProcessPerGame = (System.nanoTime() - t1) / 1e9 / games;

            int parallel = Runtime.getRuntime().availableProcessors();
            long t2 = System.nanoTime();
            List<CompletableFuture<MatchSummary>> runs = new ArrayList<>();
            for (int k = 0; k < parallel; k++) {
                Path out = tmp.resolve("parallel-" + k);
                runs.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        return new BwapiMatchRunner(driver).play(a, b, settings, out);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }, r -> Thread.ofPlatform().start(r)));
            }
            int played = 0;
            for (CompletableFuture<MatchSummary> r : runs) played += r.join().games();
            double minutes = (System.nanoTime() - t2) / 60e9;
            System.err.printf("bench match: %d games in %d parallel %s matches in %.1f s; one game %.3f s contained, %.4f s in-process%n",
                    played, parallel, container, minutes * 60, containedPerGame, inProcessPerGame);
            report.put("games_per_minute", played / minutes, "m5v5 games/min (" + parallel + " matches in " + container + ")");
            report.put("match_overhead_ratio", containedPerGame / inProcessPerGame, "contained game wall time / in-process");
        } catch (IOException e) {
            throw new BadInputException("bench match: " + e.getMessage(), e);
        }
    }

    @Override
    public void run() {
        if (starts < 1) throw new BadInputException("--starts must be at least 1, got " + starts);
        if (games < 1) throw new BadInputException("--games must be at least 1, got " + games);
        BenchReport report = new BenchReport("Containerised matches");
        try {
            Map<String, Double> medians = ContainerStartBenchmark.measure(ContainerDrivers.all(), starts);
            medians.forEach((driver, ms) -> report.put("container_start_ms_" + driver, ms, "ms (median start-and-finish of a no-op)"));
        } catch (IOException e) {
            throw new BadInputException("bench match: " + e.getMessage(), e);
        }
        matchFigures(report);
        report.print(System.out, json);
    }
}
