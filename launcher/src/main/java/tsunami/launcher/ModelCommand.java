package tsunami.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tsunami.BadInputException;
import tsunami.learn.Checkpoint;
import tsunami.learn.CheckpointStore;
import tsunami.model.Transition;
import tsunami.model.ModelEvaluation;
import tsunami.model.ModelTrainer;
import tsunami.model.WorldModel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code monkey model ...}: learned world models of the fight. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Learned world models of the fight (model-based learning).",
        subcommands = {ModelCommand.Eval.class})
public final class ModelCommand implements Runnable {
    static final String PATHS_PNG = "model-paths.png";
    /** Intervals of the drawn episode: long enough to see the open-loop prediction drift, short enough to read. */
    private static final int PLOTTED_INTERVALS = 40;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Train a world model on real arena transitions (random legal actions, attacks favoured, against the opponent) "
                    + "and print its one-step and k-step errors (position px, hit points) on held-out real episodes. "
                    + "With --load, evaluate a saved model instead of training. With RUN (a run trained with --model-based), "
                    + "evaluate that run's model on real episodes its own policy plays, and draw predicted against real unit paths "
                    + "(RUN/model-paths.png).")
    static final class Eval implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
        @Parameters(index = "0", arity = "0..1", paramLabel = "RUN", description = "a training run directory trained with --model-based")
        Path run;
        @Option(names = "--png", description = "draw one held-out episode's real and predicted unit paths into this PNG "
                + "(default with RUN: RUN/" + PATHS_PNG + ")")
        Path png;
        @Option(names = "--scenario", defaultValue = "m5v5", completionCandidates = BuiltInScenarios.class,
                description = "built-in scenario or YAML file (default: ${DEFAULT-VALUE})")
        String scenario;
        @Option(names = "--opponent", defaultValue = "attack-move", description = "heuristic playing the other side (default: ${DEFAULT-VALUE})")
        String opponent;
        @Option(names = "--envs", defaultValue = "16", description = "arena games played side by side (default: ${DEFAULT-VALUE})")
        int envs;
        @Option(names = "--real-steps", defaultValue = "1500", description = "decision intervals played per game slot (default: ${DEFAULT-VALUE})")
        int realSteps;
        @Option(names = "--updates", defaultValue = "2000", description = "training updates (each trains every member on one batch; default: ${DEFAULT-VALUE})")
        long updates;
        @Option(names = "--batch", defaultValue = "64", description = "transitions per member per update (default: ${DEFAULT-VALUE})")
        int batch;
        @Option(names = "--model-ensemble", defaultValue = "5", description = "ensemble members (default: ${DEFAULT-VALUE})")
        int members;
        @Option(names = "--hidden", defaultValue = "128", description = "hidden width of each network (default: ${DEFAULT-VALUE})")
        int hidden;
        @Option(names = "--learning-rate", defaultValue = "1e-3", description = "Adam learning rate (default: ${DEFAULT-VALUE})")
        double learningRate;
        @Option(names = "--k", defaultValue = "5", description = "longest prediction horizon evaluated, in decision intervals (default: ${DEFAULT-VALUE})")
        int k;
        @Option(names = "--seed", defaultValue = "1", description = "seed of the games, the data policy and the networks (default: ${DEFAULT-VALUE})")
        long seed;
        @Option(names = "--save", description = "directory to save the trained model in (world-model.tswm)")
        Path save;
        @Option(names = "--load", description = "a saved model to evaluate instead of training one")
        Path load;

        @Override
        public void run() {
            Checkpoint policy = null;
            String data = "random legal actions";
            if (run != null) {
                if (load != null || save != null) throw new BadInputException("model eval: give RUN or --load/--save, not both");
                Map<String, String> config = RunDirectory.readConfig(run);
                CommandLine.ParseResult given = spec.commandLine().getParseResult();
                if (!given.hasMatchedOption("--scenario")) scenario = config.getOrDefault("scenario", scenario);
                if (!given.hasMatchedOption("--opponent")) opponent = config.getOrDefault("opponent", opponent);
                load = ModelTrainer.checkpointIn(run);
                if (!Files.isRegularFile(load)) {
                    throw new BadInputException("model eval: " + run + " holds no world model (" + load.getFileName()
                            + "); train the run with --model-based");
                }
                CheckpointStore.Loaded loaded = EvalCommand.load(run);
                policy = loaded.checkpoint();
                data = "the run's policy, sampled (" + loaded.path().getFileName() + ", version " + policy.snapshot().version() + ")";
                if (png == null) png = run.resolve(PATHS_PNG);
            }
            var settings = new ModelExperiment.Settings(scenario, opponent, envs, realSteps,
                    new WorldModel.Settings(members, hidden, learningRate, seed), batch, updates, k, 4000, 256, 5, 16,
                    seed, load, save == null ? null : ModelTrainer.checkpointIn(save), policy);
            var r = ModelExperiment.run(settings, line -> System.err.println("model eval: " + line));
            java.io.PrintWriter out = spec.commandLine().getOut();
            out.printf("held-out real episodes of %s vs %s, played by %s: %d transitions%n", scenario, opponent, data,
                    r.heldOutTransitions());
            out.printf("%3s %8s %14s %12s %10s %12s %14s %10s%n", "k", "starts", "position px", "hit points", "alive ok", "reward RMSE",
                    "coasting px", "still px");
            for (ModelEvaluation.Errors e : r.errors()) {
                out.printf("%3d %8d %14.2f %12.2f %9.1f%% %12.4f %14.2f %10.2f%n", e.k(), e.starts(), e.positionRmsePx(), e.hitPointRmse(),
                        100 * e.aliveAccuracy(), e.rewardRmse(), e.coastingRmsePx(), e.stillRmsePx());
            }
            out.println("(RMSE of the ensemble mean; baselines: coasting, every unit keeps its start velocity; still, no unit moves)");
            if (save != null) out.println("model saved to " + ModelTrainer.checkpointIn(save));
            if (png != null) {
                List<Transition> longest = r.heldOut().stream().max(Comparator.comparingInt(List::size))
                        .orElseThrow(() -> new BadInputException("model eval: no held-out episode ended; play more (--real-steps)"));
                var drawn = ModelPathsPlot.draw(r.model(), longest, PLOTTED_INTERVALS, png,
                        String.format(Locale.ROOT, "World model of %s vs %s: one held-out real episode", scenario, opponent));
                out.printf(Locale.ROOT, "paths drawn to %s: %d intervals, open loop, position error at the end %.1f px%n", png,
                        drawn.intervals(), drawn.finalPositionRmsePx());
            }
            out.flush();
        }
    }
}
