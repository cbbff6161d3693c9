package tsunami.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tsunami.actor.ExitReason;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The model trainer as a supervised kernel process: killed mid-run it restarts and finishes its updates. */
class ModelTrainingTest {
    @TempDir
    Path dir;

    @Test
    void killedTrainerRestartsAndTrainingGoesOn() throws Exception {
        WorldModel model = new WorldModel(KnownTransitions.SPEC, 8, new WorldModel.Settings(2, 32, 1e-3, 5));
        TransitionStore store = new TransitionStore(1000, 4, 10);
        KnownTransitions.many(400, true, 9).forEach(store::add);
        Path ckpt = ModelTrainer.checkpointIn(dir);
        var config = new ModelTrainer.Config(32, 50, 20, 100, 300, ckpt, 50, 0, 1);
        try (ModelTraining training = new ModelTraining(model, store, config)) {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (training.progress().updates() < 30 && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(training.progress().updates() >= 30, "trainer made no progress");
            training.system().exit(training.trainer().orElseThrow(), ExitReason.KILL);
            training.awaitFinished(Duration.ofSeconds(120));
            assertEquals(2, training.progress().starts(), "killed once, started twice");
            assertEquals(300, training.progress().updates());
            assertEquals(300L * 32 * 2, training.progress().samples());
            assertNotNull(training.progress().heldOut(), "held-out error reported");
            assertTrue(Files.exists(ckpt));
            ModelCheckpoint.load(ckpt, KnownTransitions.SPEC);
        }
    }

    @Test
    void trainerKeepsToItsUpdateToDataRatio() throws Exception {
        WorldModel model = new WorldModel(KnownTransitions.SPEC, 8, new WorldModel.Settings(1, 16, 1e-3, 5));
        TransitionStore store = new TransitionStore(1000, 0, 0);
        KnownTransitions.many(100, true, 9).forEach(store::add);
        // 2 samples per transition: 200 samples of 20 = 10 updates, then it waits for more data
        var config = new ModelTrainer.Config(20, 20, 1000, 10, 0, null, 1000, 2.0, 1);
        try (ModelTraining training = new ModelTraining(model, store, config)) {
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (training.progress().updates() < 10 && System.nanoTime() < deadline) Thread.sleep(10);
            Thread.sleep(300);
            long updates = training.progress().updates();
            assertTrue(updates >= 10 && updates <= 11, "trained " + updates + " updates on 100 transitions at 2 samples each");
            KnownTransitions.many(100, true, 10).forEach(store::add);
            deadline = System.nanoTime() + 30_000_000_000L;
            while (training.progress().updates() < 20 && System.nanoTime() < deadline) Thread.sleep(10);
            assertTrue(training.progress().updates() >= 20, "more data, more updates");
        }
    }
}
