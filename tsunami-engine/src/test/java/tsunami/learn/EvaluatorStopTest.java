package tsunami.learn;

import org.junit.jupiter.api.Test;

import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Evaluator tells its progress and, asked to stop, returns the outcomes of the games that ended. */
class EvaluatorStopTest {
    @Test
    void aStopRequestEndsEarlyWithThePartialCounts() {
        PolicyConfig policy = TrainingRunTest.policy();
        float[] params = PolicyNetwork.initialParams(policy, 7);
        AtomicInteger seen = new AtomicInteger();
        Evaluator.Result r = Evaluator.evaluate(policy, params, TrainingRunTest.GRID, 1_000_000, 8, 3, true,
                (games, wins, losses, draws) -> {
                    assertEquals(games, wins + losses + draws);
                    seen.set(games);
                }, () -> seen.get() >= 20);
        assertTrue(r.games() >= 20 && r.games() < 1_000_000, "games " + r.games());
        assertEquals(seen.get(), r.games());
        assertEquals(r.games(), r.wins() + r.losses() + r.draws());
    }
}
