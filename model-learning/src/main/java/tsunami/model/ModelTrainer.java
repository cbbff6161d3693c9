package tsunami.model;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.actor.Behavior;
import tsunami.actor.ProcessContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * The model trainer process: while the replay store has enough real transitions it trains every
 * ensemble member on its own bootstrap sample, one supervised step each, reports the held-out
 * error every so often and saves the model. The model, store and progress live outside the
 * process, so a restart by its supervisor carries on where the last incarnation stopped.
 */
public final class ModelTrainer implements Behavior {
    public static final String NAME = "model-trainer";
    private static final Logger log = LoggerFactory.getLogger(ModelTrainer.class);

    /**
     * @param batchSize        transitions per member per update
     * @param minTransitions   training transitions the store must hold before the first update
     * @param evaluateEvery    updates between held-out evaluations
     * @param heldOutLimit     held-out transitions an evaluation reads at most
     * @param maxUpdates       updates after which the trainer finishes (0: until stopped)
     * @param checkpoint       where to save the model (null: not saved)
     * @param checkpointEvery  updates between saves
     * @param samplesPerTransition how many times, on average, each member may train on each real transition added
     *                         (an update-to-data ratio; the trainer waits beyond it); 0: no limit
     */
    public record Config(int batchSize, int minTransitions, int evaluateEvery, int heldOutLimit, long maxUpdates,
                         Path checkpoint, int checkpointEvery, double samplesPerTransition, long seed) {
        public Config {
            if (batchSize <= 0 || minTransitions <= 0 || evaluateEvery <= 0 || checkpointEvery <= 0 || maxUpdates < 0
                    || !(samplesPerTransition >= 0)) {
                throw new IllegalArgumentException("model trainer settings must be positive: " + this);
            }
        }
    }

    private final WorldModel model;
    private final TransitionStore store;
    private final ModelProgress progress;
    private final Config config;

    public ModelTrainer(WorldModel model, TransitionStore store, ModelProgress progress, Config config) {
        this.model = model;
        this.store = store;
        this.progress = progress;
        this.config = config;
    }

    @Override
    public void run(ProcessContext self) throws Exception {
        self.label(NAME);
        progress.started();
        SplittableRandom rnd = new SplittableRandom(config.seed() ^ (progress.starts() * 0x9E3779B97F4A7C15L));
        while (config.maxUpdates() == 0 || progress.updates() < config.maxUpdates()) {
            self.checkExit();
            if (store.trainingSize() < config.minTransitions() || aheadOfData()) {
                self.receive(Duration.ofMillis(50));   // waits for real transitions; an exit signal ends the wait
                continue;
            }
            long t0 = System.nanoTime();
            int rows = 0;
            for (int m = 0; m < model.members(); m++) rows += model.train(m, store.sample(config.batchSize(), rnd));
            long u = progress.update(config.batchSize() * model.members(), rows, (System.nanoTime() - t0) / 1e9);
            if (u % config.evaluateEvery() == 0) evaluate();
            if (config.checkpoint() != null && u % config.checkpointEvery() == 0) ModelCheckpoint.save(model, config.checkpoint());
            // processes are virtual threads on as many carriers as cores: a loop that never blocks
            // would keep one to itself, starving the env workers and learners beside it
            Thread.yield();
        }
        evaluate();
        if (config.checkpoint() != null) ModelCheckpoint.save(model, config.checkpoint());
        progress.finish("updates");
    }

    private boolean aheadOfData() {
        return config.samplesPerTransition() > 0
                && progress.samples() / (double) model.members() > config.samplesPerTransition() * store.added();
    }

    private void evaluate() {
        if (store.heldOutSize() == 0) return;
        ModelEvaluation.Errors e = ModelEvaluation.evaluate(model, store.heldOutTrajectories(), 1, config.heldOutLimit()).get(0);
        progress.heldOut(e);
        log.debug("model update {}: held-out one-step position RMSE {} px", progress.updates(), e.positionRmsePx());
    }

    public static Path checkpointIn(Path dir) {
        return dir.resolve("world-model.tswm");
    }
}
