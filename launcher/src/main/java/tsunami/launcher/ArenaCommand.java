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

/** {@code monkey arena}: N arena games between two heuristics, win rates with 95% confidence intervals. */
@Command(name = "arena", mixinStandardHelpOptions = true,
        description = "Play N games of a scenario in the built-in arena between two heuristics and print win rates (Wilson 95%% CIs).")
public final class ArenaCommand implements Runnable {
    @Option(names = "--scenario", required = true, completionCandidates = BuiltInScenarios.class,
            description = "Built-in scenario (${COMPLETION-CANDIDATES}) or a YAML file.")
    String scenario;

    @Option(names = "--red", required = true, description = "Heuristic playing red (the scenario's first side).")
    String red;

    @Option(names = "--blue", required = true, description = "Heuristic playing blue.")
    String blue;

    @Option(names = "--games", defaultValue = "100", description = "Games to play (default ${DEFAULT-VALUE}).")
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
    public void run() {
        java.io.PrintWriter out = spec.commandLine().getOut();
        if (games <= 0) throw new BadInputException("--games must be positive, got " + games);
        Scenario s = new ScenarioLoader().load(scenario);
        HeuristicRegistry registry = plugins.registry();
        registry.create(red);
        registry.create(blue);
        int[] game = {0};
        if (replayDir != null) {
            try {
                Files.createDirectories(replayDir);
            } catch (IOException e) {
                throw new BadInputException("cannot create replay folder " + replayDir + ": " + e.getMessage(), e);
            }
        }
        MatchResult r = Match.play(s, GameData.standard(), red, () -> registry.create(red), blue, () -> registry.create(blue),
                games, seed, replayDir == null ? null : ReplayRecorder.into(replay -> {
                    Path f = replayDir.resolve(String.format("%s-%s-%s-%04d.tsr", s.name(), red, blue, game[0]++));
                    try {
                        ReplayFile.write(f, replay);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot write replay " + f, e);
                    }
                }));
        out.println(r.toText());
        if (replayDir != null) out.println("  replays in " + replayDir);
        if (json) out.println(r.toJson());
    }
}
