package tsunami.launcher;

import picocli.CommandLine.Option;
import tsunami.BadInputException;
import tsunami.actor.ChildSpec;
import tsunami.env.FightStateEnv;
import tsunami.env.VectorEnvFactory;
import tsunami.learn.TrainingRun;
import tsunami.model.ModelCheckpoint;
import tsunami.model.ModelProgress;
import tsunami.model.ModelTrainer;
import tsunami.model.RecordingEnv;
import tsunami.model.SimulatorWorker;
import tsunami.model.TransitionStore;
import tsunami.model.WorldModel;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code monkey train --model-based}: the env workers' real transitions also fill a replay store,
 * a supervised model trainer learns the world model from it, and simulator workers feed imagined
 * branches (tagged as simulator segments, no real frames) to the learners through the same queue.
 * The model is saved in the run directory and loaded back on {@code --resume}; a corrupt one stops
 * the resume with the reason and is left in place. Settings are saved with the run.
 */
final class ModelBasedOptions {
    static final int DEFAULT_ENSEMBLE = 5, DEFAULT_HORIZON = 3, DEFAULT_SIMULATORS = 1, DEFAULT_BRANCHES = 128, MIN_MODEL_UPDATES = 200;
    static final double DEFAULT_IMAGINED_RATIO = 1.0, DISAGREEMENT_LIMIT_PX = 16;
    /** Each member trains on each real transition about this many times (the model trainer's update-to-data ratio). */
    static final double SAMPLES_PER_TRANSITION = 4;

    @Option(names = "--model-based", arity = "0..1", fallbackValue = "true",
            description = "also learn from imagined experience: a world model trained on the run's real transitions, rolled out by simulator workers")
    Boolean enabled;

    @Option(names = "--model-ensemble", description = "world-model ensemble members (default: " + DEFAULT_ENSEMBLE + ")")
    Integer ensemble;

    @Option(names = "--model-horizon", description = "decision intervals per imagined branch (default: " + DEFAULT_HORIZON + ")")
    Integer horizon;

    @Option(names = "--imagined-ratio", description = "imagined frames allowed per real frame learned (default: " + DEFAULT_IMAGINED_RATIO + ")")
    Double imaginedRatio;

    @Option(names = "--simulators", description = "simulator worker processes (default: " + DEFAULT_SIMULATORS + ")")
    Integer simulators;

    private WorldModel model;
    private ModelProgress progress;
    private SimulatorWorker.Counters counters;
    private Path modelFile;
    private boolean restored;

    boolean on() {
        return Boolean.TRUE.equals(enabled);
    }

    /** Fills unset flags from the saved run config when resuming, checks them, and records them in {@code config}. */
    void resolve(Map<String, String> config, boolean resume) {
        if (resume) {
            if (enabled == null) enabled = Boolean.parseBoolean(config.getOrDefault("model_based", "false"));
            if (ensemble == null && config.containsKey("model_ensemble")) ensemble = Integer.parseInt(config.get("model_ensemble"));
            if (horizon == null && config.containsKey("model_horizon")) horizon = Integer.parseInt(config.get("model_horizon"));
            if (imaginedRatio == null && config.containsKey("imagined_ratio")) imaginedRatio = Double.parseDouble(config.get("imagined_ratio"));
            if (simulators == null && config.containsKey("simulators")) simulators = Integer.parseInt(config.get("simulators"));
        }
        if (!on()) {
            if (ensemble != null || horizon != null || imaginedRatio != null || simulators != null) {
                throw new BadInputException("--model-ensemble, --model-horizon, --imagined-ratio and --simulators need --model-based");
            }
            return;
        }
        if (ensemble == null) ensemble = DEFAULT_ENSEMBLE;
        if (horizon == null) horizon = DEFAULT_HORIZON;
        if (imaginedRatio == null) imaginedRatio = DEFAULT_IMAGINED_RATIO;
        if (simulators == null) simulators = DEFAULT_SIMULATORS;
        if (ensemble < 1 || ensemble > 32) throw new BadInputException("--model-ensemble must be 1..32, got " + ensemble);
        if (horizon < 1 || horizon > 100) throw new BadInputException("--model-horizon must be 1..100, got " + horizon);
        if (!(imaginedRatio > 0 && imaginedRatio <= 100)) throw new BadInputException("--imagined-ratio must be in (0, 100], got " + imaginedRatio);
        if (simulators < 1 || simulators > 16) throw new BadInputException("--simulators must be 1..16, got " + simulators);
        config.put("model_based", "true");
        config.put("model_ensemble", Integer.toString(ensemble));
        config.put("model_horizon", Integer.toString(horizon));
        config.put("imagined_ratio", Double.toString(imaginedRatio));
        config.put("simulators", Integer.toString(simulators));
    }

    /**
     * Adds the model trainer and simulator workers to {@code run} and makes its env workers record
     * real transitions; {@code realFactory} is the run's env factory (simulator workers observe imagined states with it).
     */
    void attach(TrainingRun run, VectorEnvFactory realFactory, Path runDir, boolean resume, long seed) {
        if (!on()) return;
        modelFile = ModelTrainer.checkpointIn(runDir);
        FightStateEnv probe;
        try {
            probe = RecordingEnv.fightStates(realFactory.create(1, seed));
        } catch (IllegalArgumentException e) {
            throw new BadInputException("--model-based: " + e.getMessage() + "; train with --attacks any");
        }
        try (probe) {
            if (resume && Files.exists(modelFile)) {
                try {
                    model = ModelCheckpoint.load(modelFile, probe.fightSpec());
                } catch (IOException e) {
                    throw new BadInputException("--resume: " + e.getMessage());
                }
                restored = true;
                System.err.println("monkey: world model restored from " + modelFile);
            } else {
                model = new WorldModel(probe.fightSpec(), probe.spec().frameSkip(), new WorldModel.Settings(ensemble, 128, 1e-3, seed));
            }
        }
        TransitionStore store = new TransitionStore(100_000, 10, 50);
        run.wrapEnvFactory(f -> RecordingEnv.factory(f, store));
        progress = new ModelProgress();
        counters = new SimulatorWorker.Counters();
        List<ChildSpec> children = new ArrayList<>();
        children.add(ChildSpec.worker(ModelTrainer.NAME, new ModelTrainer(model, store, progress,
                new ModelTrainer.Config(64, 256, 200, 500, 0, modelFile, 200, SAMPLES_PER_TRANSITION, seed))));
        for (int i = 0; i < simulators; i++) {
            children.add(ChildSpec.worker(SimulatorWorker.name(i), new SimulatorWorker(i, model, store, realFactory, run.queue(),
                    new SimulatorWorker.Config(DEFAULT_BRANCHES, horizon, DISAGREEMENT_LIMIT_PX, imaginedRatio, MIN_MODEL_UPDATES, seed + 100 + i),
                    counters, () -> run.metrics().counters().get("frames"), progress::updates)));
        }
        run.addCompanions(children);
    }

    /** After the run: saves the model and prints what the model side did. */
    void report(PrintStream out) {
        if (!on() || model == null) return;
        try {
            ModelCheckpoint.save(model, modelFile);
        } catch (IOException e) {
            System.err.println("monkey: warning: world model not saved to " + modelFile + ": " + e.getMessage());
        }
        var held = progress.heldOut();
        out.printf(Locale.ROOT, "world model         %s%d updates (trainer started %d times), held-out one-step position RMSE %s%n",
                restored ? "restored from the run's last save, then " : "", progress.updates(), progress.starts(), held == null ? "not measured yet" : String.format(Locale.ROOT, "%.2f px", held.positionRmsePx()));
        out.printf(Locale.ROOT, "imagined            %d frames in %d segments (%d branches stopped by disagreement, %d by a predicted end)%n",
                counters.frames.get(), counters.segments.get(), counters.stoppedByDisagreement.get(), counters.stoppedByEnd.get());
        out.println("world model file    " + modelFile);
    }
}
