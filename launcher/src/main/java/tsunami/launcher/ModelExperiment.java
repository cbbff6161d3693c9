package tsunami.launcher;

import tsunami.BadInputException;
import tsunami.env.FightState;
import tsunami.env.FightStateEnv;
import tsunami.env.VectorEnv;
import tsunami.learn.Checkpoint;
import tsunami.learn.EnvWorker;
import tsunami.learn.PolicyConfig;
import tsunami.learn.PolicyNetwork;
import tsunami.model.ImaginedRollouts;
import tsunami.model.ModelCheckpoint;
import tsunami.model.ModelEvaluation;
import tsunami.model.ModelTrainer;
import tsunami.model.ModelTraining;
import tsunami.model.RealTransitions;
import tsunami.model.Transition;
import tsunami.model.TransitionStore;
import tsunami.model.WorldModel;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Learns a world model of an arena fight from real transitions and measures it, for
 * {@code monkey model eval} and {@code monkey bench model}: plays real episodes with random legal
 * actions (attacks favoured) against the scenario's opponent into a replay store (one episode in
 * ten held out), trains the ensemble under its supervised trainer process, then reports one- and
 * k-step errors on the held-out episodes and the speed of imagined rollouts.
 */
final class ModelExperiment {
    /**
     * What to run. {@code load}: evaluate this saved model instead of training one; {@code save}: where to keep the
     * trained one; {@code policy}: a trained policy that plays the real episodes (sampling, as in training), or null
     * for random legal actions.
     */
    record Settings(String scenario, String opponent, int envs, int realSteps, WorldModel.Settings model, int batchSize,
                    long updates, int maxK, int heldOutLimit, int imaginedBranches, int horizon, double disagreementLimitPx,
                    long seed, Path load, Path save, Checkpoint policy) {
        Settings {
            if (envs <= 0 || realSteps <= 0) throw new BadInputException("--envs and --real-steps must be positive");
            if (batchSize <= 0) throw new BadInputException("--batch must be positive, got " + batchSize);
            if (updates <= 0 && load == null) throw new BadInputException("--updates must be positive, got " + updates);
            if (maxK <= 0 || maxK > 50) throw new BadInputException("--k must be 1..50, got " + maxK);
            if (horizon <= 0) throw new BadInputException("--horizon must be positive, got " + horizon);
        }
    }

    /** The figures: real data, training speed, held-out errors by k, imagination speed. */
    record Result(long realFrames, int trainingTransitions, int heldOutTransitions, long updates, double samplesPerSecond,
                  double unitRowsPerSecond, int trainerStarts, List<ModelEvaluation.Errors> errors, ImaginedRollouts.Stats imagined,
                  double imaginedSeconds, WorldModel model, List<List<Transition>> heldOut) {
        double imaginedFramesPerSecond() {
            return imagined.frames() / imaginedSeconds;
        }
    }

    private ModelExperiment() {
    }

    static Result run(Settings s, Consumer<String> log) {
        ArenaSetup arena = ArenaSetup.of(s.scenario(), s.opponent());
        VectorEnv created = arena.factory().create(s.envs(), s.seed());
        if (!(created instanceof FightStateEnv env)) {
            created.close();
            throw new BadInputException("scenario " + s.scenario() + ": its env does not expose fight states, so no world model can be learned on it");
        }
        try (env) {
            TransitionStore store = new TransitionStore(s.envs() * s.realSteps(), 10, Integer.MAX_VALUE);
            var chooser = s.policy() == null ? RealTransitions.randomLegal(s.seed(), 0.5, env.fightSpec().firstAttackAction())
                    : sampling(s.policy(), env, s.seed());
            long realFrames = new RealTransitions(env, store, chooser, s.seed()).collect(s.realSteps());
            log.accept(String.format("real data: %d frames, %d training and %d held-out transitions",
                    realFrames, store.trainingSize(), store.heldOutSize()));
            WorldModel model;
            long updates = 0;
            double samplesPerSecond = Double.NaN, rowsPerSecond = Double.NaN;
            int starts = 0;
            if (s.load() != null) {
                model = load(s.load(), env);
            } else {
                model = new WorldModel(env.fightSpec(), env.spec().frameSkip(), s.model());
                var config = new ModelTrainer.Config(s.batchSize(), Math.min(store.trainingSize(), s.batchSize()),
                        Math.max(1, (int) (s.updates() / 5)), 2000, s.updates(), s.save(), Math.max(1, (int) (s.updates() / 5)), 0, s.seed());
                try (ModelTraining training = new ModelTraining(model, store, config)) {
                    training.awaitFinished(Duration.ofHours(24));
                    var p = training.progress();
                    updates = p.updates();
                    samplesPerSecond = p.samples() / p.trainSeconds();
                    rowsPerSecond = p.unitRows() / p.trainSeconds();
                    starts = (int) p.starts();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while training the model", e);
                }
                log.accept(String.format("trained %d updates: %.0f transitions/s (%.0f unit rows/s) in training steps", updates,
                        samplesPerSecond, rowsPerSecond));
            }
            List<List<Transition>> heldOut = store.heldOutTrajectories();
            List<ModelEvaluation.Errors> errors = ModelEvaluation.evaluate(model, heldOut, s.maxK(), s.heldOutLimit());
            List<FightState> roots = new ArrayList<>();
            for (List<Transition> t : heldOut) {
                for (Transition x : t) if (roots.size() < s.imaginedBranches()) roots.add(x.before());
            }
            var rollouts = new ImaginedRollouts(model, env, s.disagreementLimitPx(), s.seed());
            var policy = RealTransitions.randomLegal(s.seed() + 1, 0.5, env.fightSpec().firstAttackAction());
            rollouts.rollout(roots.subList(0, Math.min(8, roots.size())), 2, policy);   // warm-up
            long t0 = System.nanoTime();
            ImaginedRollouts.Stats stats = rollouts.rollout(roots, s.horizon(), policy);
            double secs = (System.nanoTime() - t0) / 1e9;
            return new Result(realFrames, store.trainingSize(), store.heldOutSize(), updates, samplesPerSecond, rowsPerSecond,
                    starts, errors, stats, secs, model, heldOut);
        }
    }

    /** The checkpoint's policy acting as in training: each agent samples from its masked action distribution. */
    private static RealTransitions.ActionChooser sampling(Checkpoint c, FightStateEnv env, long seed) {
        PolicyConfig config = c.config();
        if (env.spec().observationSize() != config.observationSize() || env.spec().numActions() != config.numActions()) {
            throw new BadInputException("the run's policy takes " + config.observationSize() + " observations and " + config.numActions()
                    + " actions; the scenario gives " + env.spec().observationSize() + " and " + env.spec().numActions());
        }
        PolicyNetwork net = new PolicyNetwork(config);
        net.setParams(c.snapshot().params());
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = env.spec().agents(), a = env.spec().numActions();
        float[] probs = new float[n * a];
        return (b, out) -> {
            net.forward(b.observations, b.actionMask, n, probs, null, null);
            for (int i = 0; i < n; i++) out[i] = EnvWorker.sample(probs, i * a, a, b.actionMask, rnd);
        };
    }

    private static WorldModel load(Path file, FightStateEnv env) {
        try {
            return ModelCheckpoint.load(file, env.fightSpec());
        } catch (ModelCheckpoint.CorruptCheckpoint e) {
            throw new BadInputException(e.getMessage());
        } catch (java.nio.file.NoSuchFileException e) {
            throw new BadInputException("model checkpoint " + file + " does not exist");
        } catch (IOException e) {
            throw new BadInputException("cannot read model checkpoint " + file + ": " + e.getMessage());
        }
    }
}
