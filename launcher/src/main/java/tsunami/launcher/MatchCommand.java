package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tsunami.BadInputException;
import tsunami.bots.json.JsonLine;
import tsunami.launcher.match.BotFolders;
import tsunami.launcher.match.BotSpec;
import tsunami.launcher.container.ContainerDrivers;
import tsunami.launcher.dashboard.DashboardOption;
import tsunami.launcher.dashboard.DashboardServer;
import tsunami.launcher.match.BwapiMatchRunner;
import tsunami.launcher.match.MatchSettings;
import tsunami.launcher.match.MatchStatus;
import tsunami.launcher.dashboard.StatusFile;
import tsunami.launcher.match.MatchSummary;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** {@code monkey match A B}: two bots, each in its own sandbox, play N games on the arena's BWAPI host. */
@Command(name = "match", mixinStandardHelpOptions = true,
        description = "Play a match between two bots, each in its own container, on the arena's BWAPI 4.4 host. "
                + "A bot is a bot folder (bot.json, AI/, read/, write/), heuristic:NAME or policy:RUN_DIR.")
public final class MatchCommand implements Runnable {
    @Parameters(index = "0", paramLabel = "A", description = "First bot (red in odd-numbered games).")
    String a;

    @Parameters(index = "1", paramLabel = "B", description = "Second bot.")
    String b;

    @Option(names = "--scenario", required = true, description = "Built-in scenario or a YAML file.")
    String scenario;

    @Option(names = "--games", defaultValue = "1", description = "Games to play (default ${DEFAULT-VALUE}).")
    int games;

    @Option(names = "--seed", defaultValue = "1", description = "Seed; game g uses the same derived seed as 'monkey arena' (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--container", defaultValue = "auto", description = "auto, apptainer, podman, bwrap or none (default ${DEFAULT-VALUE}: the strongest available).")
    String container;

    @Option(names = "--memory-mb", defaultValue = "4096", description = "Memory limit of each bot, MiB (default ${DEFAULT-VALUE}).")
    long memoryMb;

    @Option(names = "--out", paramLabel = "DIR", description = "Where games are recorded (default: matches/<A>-vs-<B>-<time>).")
    Path out;

    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @picocli.CommandLine.Mixin
    DashboardOption dashboard;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        PrintWriter o = spec.commandLine().getOut();
        if (games < 1 || games > 100_000) throw new BadInputException("--games must be 1..100000, got " + games);
        if (memoryMb < 64 || memoryMb > 1 << 20) throw new BadInputException("--memory-mb must be 64..1048576, got " + memoryMb);
        BotSpec botA = BotFolders.parse(a), botB = BotFolders.parse(b);
        if (botA.name().equals(botB.name())) throw new BadInputException("both bots are named '" + botA.name() + "': a match needs two names");
        Path dir = out != null ? out : Path.of("matches", botA.name() + "-vs-" + botB.name() + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        MatchSettings settings = new MatchSettings(scenario, games, seed, container, memoryMb << 20, Duration.ofSeconds(60));
        MatchSummary s;
        MatchStatus live = new MatchStatus(dir);
        BwapiMatchRunner runner = BwapiMatchRunner.withLeftoversRemoved(ContainerDrivers.byName(container), live);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new BadInputException("cannot create --out " + dir + ": " + e.getMessage(), e);
        }
        try (StatusFile status = StatusFile.start(dir, "match", live::snapshot); DashboardServer page = dashboard.startIfAsked(dir)) {
            live.onChange(status::changed);
            s = runner.play(botA, botB, settings, dir);
        } catch (IOException e) {
            throw new BadInputException("match " + botA.name() + " vs " + botB.name() + ": " + e.getMessage(), e);
        }
        o.printf(Locale.ROOT, "%s: %s %d, %s %d, draws %d of %d games%n", s.scenario(), s.a(), s.aWins(), s.b(), s.bWins(), s.draws(), s.games());
        s.reasons().forEach((r, n) -> o.printf(Locale.ROOT, "  %-20s %d%n", r.name().toLowerCase(Locale.ROOT), n));
        o.println("  games recorded in " + dir);
        if (json) {
            Map<String, Integer> reasons = new LinkedHashMap<>();
            s.reasons().forEach((r, n) -> reasons.put(r.name().toLowerCase(Locale.ROOT), n));
            o.println(new JsonLine().put("scenario", s.scenario()).put("a", s.a()).put("b", s.b()).put("games", s.games())
                    .put("a_wins", s.aWins()).put("b_wins", s.bWins()).put("draws", s.draws()).putCounts("reasons", reasons)
                    .put("out", dir.toString()));
        }
    }
}
