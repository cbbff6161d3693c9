package tsunami.launcher.match;

import tsunami.launcher.container.ContainerDrivers;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tsunami.BadInputException;
import tsunami.launcher.dashboard.DashboardOption;
import tsunami.launcher.dashboard.DashboardServer;
import tsunami.launcher.dashboard.StatusFile;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Supplier;

/** {@code monkey tournament}: a round robin between bots, with a crosstable and ratings. */
@Command(name = "tournament", mixinStandardHelpOptions = true,
        description = {"Play a round robin between bots, each pair N games with sides alternating, up to K matches at a time; "
                + "write a crosstable and Bradley-Terry ratings with 95%% intervals to OUT/tournament.md, .html and .png.",
                "A killed tournament continues with --resume and replays no finished match."})
public final class TournamentCommand implements Callable<Integer> {
    static final long DEFAULT_SEED = 12345;

    @Parameters(arity = "0..*", paramLabel = "BOT", description = "a bot folder (bot.json, AI/, read/, write/), heuristic:NAME or policy:RUN_DIR; at least 2")
    List<String> botArgs = new ArrayList<>();

    @Option(names = "--scenario", required = true, description = "built-in scenario name or YAML file")
    String scenario;

    @Option(names = "--games-per-pair", defaultValue = "10", description = "games each pair plays, half with each bot on the first side (default: ${DEFAULT-VALUE})")
    int gamesPerPair;

    @Option(names = "--parallel", defaultValue = "1", description = "matches played at the same time (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--container", defaultValue = "auto", description = "container driver: auto, apptainer, podman, bwrap or none (default: ${DEFAULT-VALUE})")
    String container;

    @Option(names = "--out", description = "tournament folder (default: tournaments/<scenario>-<time>; required with --resume)")
    Path out;

    @Option(names = "--resume", description = "finish the tournament in --out: matches already recorded there are not played again")
    boolean resume;

    @Option(names = "--seed", description = "seed of the games (default: " + DEFAULT_SEED + ", or the resumed tournament's)")
    Long seed;

    @CommandLine.Mixin
    DashboardOption dashboard;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Function<String, BotSpec> botParser;
    private final Supplier<MatchRunner> runnerFactory;

    /** The real parts, bot folders and the BWAPI match runner; picocli calls this one. */
    public TournamentCommand() {
        this(BotFolders::parse, null);
    }

    /** With a bot parser and match runner of the caller's choosing (tests); a null runner factory means the real runner. */
    public TournamentCommand(Function<String, BotSpec> botParser, Supplier<MatchRunner> runnerFactory) {
        this.botParser = botParser;
        this.runnerFactory = runnerFactory;
    }

    @Override
    public Integer call() {
        if (gamesPerPair < 1 || gamesPerPair > 1_000_000) throw new BadInputException("--games-per-pair must be 1..1000000, got " + gamesPerPair);
        if (parallel < 1 || parallel > 1024) throw new BadInputException("--parallel must be 1..1024, got " + parallel);
        if (resume && out == null) throw new BadInputException("--resume needs --out (the tournament to finish)");
        List<BotSpec> bots = parseBots(botArgs, botParser);
        // before anything is written: no folder is left behind if it cannot start
        Path dir = out != null ? out : Path.of("tournaments", Tournament.folderName(scenario)
                + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        MatchStatus live = new MatchStatus(dir);
        MatchRunner runner = runnerFactory != null ? runnerFactory.get()
                : BwapiMatchRunner.withLeftoversRemoved(ContainerDrivers.byName(container), live);
        long s = seed != null ? seed : resume ? savedSeed(out) : DEFAULT_SEED;
        Tournament.Settings settings = new Tournament.Settings(bots.stream().map(BotSpec::name).toList(), List.copyOf(botArgs), scenario, gamesPerPair, s);
        Tournament.prepare(dir, settings, resume);
        PrintWriter o = spec.commandLine().getOut();
        TournamentProgress progress = new TournamentProgress(o, System.console() != null);
        TournamentStatus counts = new TournamentStatus(progress, live);
        Tournament t = new Tournament(bots, settings, container, dir, runner, parallel, counts);
        Tournament.Outcome outcome;
        try (StatusFile status = StatusFile.start(dir, "tournament", counts::snapshot); DashboardServer page = dashboard.startIfAsked(dir)) {
            live.onChange(status::changed);
            outcome = t.run();
        }
        progress.finish();
        TournamentReport report = TournamentReport.of(settings, outcome);
        report.writeAll(dir);
        o.println();
        o.print(report.markdown());
        o.println();
        o.println("reports: " + dir.resolve(TournamentReport.MARKDOWN) + ", " + dir.resolve(TournamentReport.HTML) + ", " + dir.resolve(TournamentReport.PNG));
        o.flush();
        if (outcome.failure() != null) {
            spec.commandLine().getErr().println("monkey: error: " + outcome.failure().getMessage() + "\nmonkey: " + outcome.played().size() + " of "
                    + outcome.plan().size() + " matches are recorded in " + dir + "; run the same command with --resume to play the rest.");
            return 1;
        }
        return 0;
    }

    /** Each argument as a bot; refuses fewer than 2, an argument the parser rejects, and two bots with one name. */
    static List<BotSpec> parseBots(List<String> args, Function<String, BotSpec> parser) {
        if (args.size() < 2) throw new BadInputException("a tournament needs at least 2 bots, got " + args.size() + (args.isEmpty() ? "" : ": " + args));
        List<BotSpec> bots = new ArrayList<>();
        Map<String, String> byName = new HashMap<>();
        for (String a : args) {
            BotSpec b;
            try {
                b = parser.apply(a);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("bot " + a + ": " + e.getMessage(), e);
            }
            String earlier = byName.putIfAbsent(b.name(), a);
            if (earlier != null) {
                throw new BadInputException("two bots are named " + b.name() + " (" + earlier + " and " + a + "); each bot in a tournament needs its own name");
            }
            bots.add(b);
        }
        return bots;
    }

    private static long savedSeed(Path out) {
        try {
            return DurableJson.read(out.resolve(Tournament.SETTINGS_FILE), Tournament.SETTINGS_FORMAT, Tournament.Settings.class)
                    .map(Tournament.Settings::seed).orElse(DEFAULT_SEED);   // no tournament there: prepare() says so
        } catch (DurableJson.Damaged e) {
            throw new BadInputException("--resume: cannot read the tournament's settings: " + e.getMessage());
        }
    }
}
