package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import tsunami.BadInputException;
import tsunami.bots.arena.Match;
import tsunami.bots.arena.MatchResult;
import tsunami.bots.data.GameData;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.replay.ReplayFile;
import tsunami.bots.replay.ReplayRecorder;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;

/** {@code monkey arena}: N arena games between two heuristics, win rates with 95% confidence intervals. */
@Command(name = "arena", mixinStandardHelpOptions = true,
        description = "Play N games of a scenario in the built-in arena between two heuristics and print win rates (Wilson 95%% CIs).")
public final class ArenaCommand implements Callable<Integer> {
    /** The most games one command plays: with --replay that many files, so a typo cannot ask for billions. */
    static final int MAX_GAMES = 10_000_000;
    /** Games differ in length: the estimate from the first game's replay is scaled up by this much to decide. */
    static final double REPLAY_MARGIN = 1.5;
    /** Usable bytes of the file store holding a folder; tests replace it to pretend a small disk. */
    static ToLongFunction<Path> usableSpace = ArenaCommand::usableBytes;

    @Option(names = "--scenario", required = true, completionCandidates = BuiltInScenarios.class,
            description = "Built-in scenario (${COMPLETION-CANDIDATES}) or a YAML file.")
    String scenario;

    @Option(names = "--red", required = true, description = "Heuristic playing red (the scenario's first side).")
    String red;

    @Option(names = "--blue", required = true, description = "Heuristic playing blue.")
    String blue;

    @Option(names = "--games", defaultValue = "100", description = "Games to play, 1..10000000 (default ${DEFAULT-VALUE}).")
    int games;

    @Option(names = "--seed", defaultValue = "1", description = "Seed; game g uses a seed derived from it (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Mixin
    PluginOptions plugins;

    @Option(names = "--replay", paramLabel = "DIR", description = "Record every game as DIR/<scenario>-<red>-<blue>-<game>.tsr (view with 'monkey replay').")
    Path replayDir;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        java.io.PrintWriter out = spec.commandLine().getOut();
        if (games < 1 || games > MAX_GAMES) throw new BadInputException("--games must be 1.." + MAX_GAMES + ", got " + games);
        Scenario s = new ScenarioLoader().load(scenario);
        HeuristicRegistry registry = plugins.registry();
        registry.create(red);
        registry.create(blue);
        if (replayDir != null) checkReplaySpace(s, registry);
        int[] game = {0};
        if (replayDir != null) {
            try {
                Files.createDirectories(replayDir);
            } catch (IOException e) {
                throw new BadInputException("cannot create replay folder " + replayDir + ": " + e.getMessage(), e);
            }
        }
        ProgressBar bar = new ProgressBar(System.err);
        MatchResult r;
        boolean interrupted;
        try (GameInterrupt interrupt = new GameInterrupt("arena")) {
            try {
                r = Match.play(s, GameData.standard(), red, () -> registry.create(red), blue, () -> registry.create(blue),
                        games, seed, replayDir == null ? null : ReplayRecorder.into(replay -> {
                            Path f = replayDir.resolve(String.format("%s-%s-%s-%04d.tsr", s.name(), red, blue, game[0]++));
                            try {
                                ReplayFile.write(f, replay);
                            } catch (IOException e) {
                                throw new UncheckedIOException("cannot write replay " + f, e);
                            }
                        }),
                        (done, redWins, blueWins, draws) -> bar.games(done, games, String.format(Locale.ROOT,
                                "red %.1f%%  blue %.1f%%  draws %d", 100.0 * redWins / done, 100.0 * blueWins / done, draws)),
                        interrupt::requested);
            } finally {
                bar.finish();
            }
            interrupted = r.games() < games;
            if (interrupted) {
                System.err.printf(Locale.ROOT, "monkey: interrupted after %d of %d games; the result counts only those%n", r.games(), games);
                out.printf(Locale.ROOT, "interrupted after %d of %d games%n", r.games(), games);
            }
            out.println(r.toText());
            if (replayDir != null) out.println("  replays in " + replayDir);
            if (json) out.println(r.toJson());
            out.flush();
        }
        return interrupted ? GameInterrupt.EXIT_INTERRUPTED : 0;
    }

    /**
     * Says how many replay files and about how many bytes --replay will write, estimated from the first
     * game's replay, and refuses before writing anything what the folder's file store cannot hold.
     */
    private void checkReplaySpace(Scenario s, HeuristicRegistry registry) {
        long[] one = {0};
        Match.play(s, GameData.standard(), red, () -> registry.create(red), blue, () -> registry.create(blue), 1, seed,
                ReplayRecorder.into(replay -> one[0] = ReplayFile.encode(replay).length));
        long estimate = Math.multiplyExact(one[0], (long) games);
        Path existing = replayDir.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) existing = existing.getParent();
        if (existing == null) throw new BadInputException("--replay " + replayDir + ": no existing folder above it");
        if (!Files.isDirectory(existing)) {
            throw new BadInputException("--replay " + replayDir + ": " + existing + " is not a folder");
        }
        long usable = usableSpace.applyAsLong(existing);
        System.err.printf(Locale.ROOT, "monkey: --replay will write %d file%s, about %s (%s for the first game) into %s (%s usable)%n",
                games, games == 1 ? "" : "s", bytes(estimate), bytes(one[0]), replayDir, bytes(usable));
        if (estimate * REPLAY_MARGIN > usable) {
            throw new BadInputException(String.format(Locale.ROOT,
                    "--replay %s: %d games would write about %s of replays (%s each), more than the %s usable there; "
                            + "play fewer games or record into a folder with more space", replayDir, games, bytes(estimate), bytes(one[0]), bytes(usable)));
        }
    }

    private static long usableBytes(Path folder) {
        try {
            return Files.getFileStore(folder).getUsableSpace();
        } catch (IOException e) {
            throw new BadInputException("--replay: cannot tell the free space of " + folder + ": " + e.getMessage(), e);
        }
    }

    static String bytes(long b) {
        if (b >= 1L << 30) return String.format(Locale.ROOT, "%.1f GiB", b / (double) (1L << 30));
        if (b >= 1L << 20) return String.format(Locale.ROOT, "%.1f MiB", b / (double) (1L << 20));
        if (b >= 1L << 10) return String.format(Locale.ROOT, "%.1f KiB", b / (double) (1L << 10));
        return b + " bytes";
    }
}
