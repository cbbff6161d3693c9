package tsunami.learn;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Which checkpoint becomes best.tsck. */
class CheckpointerTest {
    private static final PolicyConfig CONFIG = PolicyConfig.defaults(4, 3).withHidden(8);

    private static ParameterSnapshot version(long v) {
        float[] p = PolicyNetwork.initialParams(CONFIG, v);
        return new ParameterSnapshot(v, p, new float[p.length], new float[p.length], v * 100);
    }

    @Test
    void withAJudgeTheBestIsTheVersionWhoseGreedyPlayScoresHighestAndAResumeKeepsItsScore(@TempDir Path dir) {
        CheckpointStore store = new CheckpointStore(dir, 5);
        ParameterBoard board = new ParameterBoard(version(0));
        // greedy scores by version: the best is version 2, not the last
        double[] scores = {0.1, 0.4, 0.9, 0.3};
        Checkpointer.CheckpointPolicy saver = new Checkpointer.CheckpointPolicy(store, CONFIG, board, new TrainingMetrics(), Map.of("k", "v"));
        int[] judged = new int[1];
        saver.judgeBestBy(params -> {
            judged[0]++;
            return scores[(int) board.latest().version()];
        });
        for (long v = 0; v < scores.length; v++) {
            if (v > 0) board.publish(version(v));
            saver.save();
            saver.save();   // the same version is judged once
        }
        assertEquals(scores.length, judged[0]);
        Checkpoint best = CheckpointStore.read(dir.resolve(CheckpointStore.BEST));
        assertEquals(2, best.snapshot().version());
        assertEquals("0.9", best.metadata().get(Checkpointer.BEST_GREEDY_WIN_RATE));
        assertEquals(0.9, saver.bestWinRate());

        // a resumed run starts from the saved best's score: a worse version does not replace it
        ParameterBoard resumed = new ParameterBoard(version(4));
        Checkpointer.CheckpointPolicy again = new Checkpointer.CheckpointPolicy(store, CONFIG, resumed, new TrainingMetrics(), Map.of());
        again.judgeBestBy(params -> 0.5);
        again.save();
        assertEquals(2, CheckpointStore.read(dir.resolve(CheckpointStore.BEST)).snapshot().version());
    }

    @Test
    void withoutAJudgeNoCheckpointIsBestBeforeEnoughEpisodes(@TempDir Path dir) {
        CheckpointStore store = new CheckpointStore(dir, 5);
        Checkpointer.CheckpointPolicy saver = new Checkpointer.CheckpointPolicy(store, CONFIG, new ParameterBoard(version(1)),
                new TrainingMetrics(), Map.of());
        saver.save();
        assertTrue(store.latest().isPresent(), "the periodic checkpoint is written");
        assertFalse(java.nio.file.Files.exists(dir.resolve(CheckpointStore.BEST)), "no episodes yet: no best by training win rate");
    }
}
