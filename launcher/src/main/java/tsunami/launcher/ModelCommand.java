package tsunami.launcher;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.model.ModelEvaluation;
import tsunami.model.ModelTrainer;
import tsunami.model.WorldModel;

import java.nio.file.Path;

/** {@code monkey model ...}: learned world models of the fight. */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Learned world models of the fight (model-based learning).",
        subcommands = {ModelCommand.Eval.class})
public final class ModelCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "eval", mixinStandardHelpOptions = true,
            description = "Train a world model on real arena transitions (random legal actions, attacks favoured, against the opponent) "
                    + "and print its one-step and k-step errors (position px, hit points) on held-out real episodes. "
                    + "With --load, evaluate a saved model instead of training.")
    static final class Eval implements Runnable {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;
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
            var settings = new ModelExperiment.Settings(scenario, opponent, envs, realSteps,
                    new WorldModel.Settings(members, hidden, learningRate, seed), batch, updates, k, 4000, 256, 5, 16,
                    seed, load, save == null ? null : ModelTrainer.checkpointIn(save));
            var r = ModelExperiment.run(settings, line -> System.err.println("model eval: " + line));
            java.io.PrintWriter out = spec.commandLine().getOut();
            out.printf("held-out real episodes of %s vs %s: %d transitions%n", scenario, opponent, r.heldOutTransitions());
            out.printf("%3s %8s %14s %12s %10s %12s %14s %10s%n", "k", "starts", "position px", "hit points", "alive ok", "reward RMSE",
                    "coasting px", "still px");
            for (ModelEvaluation.Errors e : r.errors()) {
                out.printf("%3d %8d %14.2f %12.2f %9.1f%% %12.4f %14.2f %10.2f%n", e.k(), e.starts(), e.positionRmsePx(), e.hitPointRmse(),
                        100 * e.aliveAccuracy(), e.rewardRmse(), e.coastingRmsePx(), e.stillRmsePx());
            }
            out.println("(RMSE of the ensemble mean; baselines: coasting, every unit keeps its start velocity; still, no unit moves)");
            if (save != null) out.println("model saved to " + ModelTrainer.checkpointIn(save));
            out.flush();
        }
    }
}
