package tsunami.launcher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tsunami.BadInputException;
import tsunami.model.WorldModel;

/**
 * {@code monkey bench model}: the world model on m5v5 vs attack-move: training throughput, imagined
 * frames per second, and the held-out one-step position error (target: 16 px, half a tile).
 */
@Command(name = "model", mixinStandardHelpOptions = true,
        description = "Benchmark the world model (m5v5 vs attack-move): model_train_samples_per_s, imagined_frames_per_s, "
                + "model_one_step_position_rmse_px on held-out real episodes.")
public final class BenchModelCommand implements Runnable {
    @Option(names = "--json", description = "Print one JSON object as the last line.")
    boolean json;

    @Option(names = "--updates", defaultValue = "1500", description = "training updates (default: ${DEFAULT-VALUE})")
    long updates;

    @Option(names = "--seed", defaultValue = "1", description = "seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Override
    public void run() {
        if (updates < 10) throw new BadInputException("--updates must be at least 10, got " + updates);
        var settings = new ModelExperiment.Settings("m5v5", "attack-move", 16, 1500, WorldModel.Settings.defaults(), 64, updates,
                1, 4000, 256, 5, 16, seed, null, null, null);
        var r = ModelExperiment.run(settings, line -> System.err.println("bench model: " + line));
        BenchReport report = new BenchReport("World model (m5v5 vs attack-move, ensemble of 5, " + updates + " updates)");
        report.put("model_train_samples_per_s", r.samplesPerSecond(), "transitions/s");
        report.put("imagined_frames_per_s", r.imaginedFramesPerSecond(), "frames/s");
        report.put("model_one_step_position_rmse_px", r.errors().get(0).positionRmsePx(), "px");
        report.put("model_one_step_hit_point_rmse", r.errors().get(0).hitPointRmse(), "hp");
        report.print(System.out, json);
    }
}
