package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.BadInputException;
import tsunami.bots.bwapi.FrameTimes;
import tsunami.bots.bwapi.GameHost;
import tsunami.bots.data.GameData;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.scenario.ScenarioLoader;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code monkey bench bwapi}: frame round trips between the arena's BWAPI host and a bot in
 * another OS process ({@code monkey bot}, a heuristic ordering every unit every frame).
 */
@Command(name = "bwapi", mixinStandardHelpOptions = true,
        description = "BWAPI round trips per second: the arena host and a 'monkey bot' process in lockstep, full state each frame, one order per unit per frame.")
public final class BenchBwapiCommand implements Runnable {
    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Option(names = "--games", defaultValue = "400", description = "m5v5 games measured (m15v16: a quarter as many; default ${DEFAULT-VALUE}).")
    int games;

    @Override
    public void run() {
        if (games < 4) throw new BadInputException("--games must be at least 4, got " + games);
        BenchReport report = new BenchReport("BWAPI 4.4 host ↔ bot process (attack-closest ordering every unit every frame vs attack-move)");
        measure("m5v5", Math.max(4, games / 4), new BenchReport("warm-up"), "");   // JIT warm-up of the host, not reported
        FrameTimes m5v5 = measure("m5v5", games, report, "");
        report.put("frame_roundtrip_us_p50", m5v5.quantileNanos(0.5) / 1e3, "µs");
        report.put("frame_roundtrip_us_p99", m5v5.quantileNanos(0.99) / 1e3, "µs");
        measure("m15v16", games / 4, report, "m15v16_");
        report.print(System.out, json);
    }

    private FrameTimes measure(String scenario, int n, BenchReport report, String prefix) {
        HeuristicRegistry registry = HeuristicRegistry.load(List.of());
        var settings = new GameHost.Settings(new ScenarioLoader().builtIn(scenario), scenario, GameData.standard(),
                new GameHost.Client("bench-bot"), new GameHost.Builtin("attack-move", () -> registry.create("attack-move")),
                n, 1, Duration.ofSeconds(60), Duration.ofSeconds(10), true);
        try (GameHost host = new GameHost(settings)) {
            Process bot = botProcess(host.serverIds().get(0));
            GameHost.Result r = host.run(null);
            bot.waitFor(30, TimeUnit.SECONDS);
            double perSecond = r.frames() / (r.playNanos() / 1e9);
            System.err.printf("bench bwapi: %s %d games, %d frames in %.2f s: %.0f round trips/s%n", scenario, n, r.frames(), r.playNanos() / 1e9, perSecond);
            report.put(prefix + "frame_roundtrips_per_s", perSecond, "round trips/s");
            return r.clients().get(0).frameTimes();
        } catch (IOException e) {
            throw new BadInputException("bench bwapi: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** {@code monkey bot} in a new JVM on this one's class path. */
    private static Process botProcess(int serverId) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Monkey.class.getName());
        cmd.addAll(List.of("bot", "--heuristic", "attack-closest", "--every", "1", "--server", Integer.toUnsignedString(serverId)));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }
}
