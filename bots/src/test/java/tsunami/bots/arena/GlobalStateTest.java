package tsunami.bots.arena;

import org.junit.jupiter.api.Test;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;
import tsunami.env.EnvSpec;
import tsunami.env.StepBatch;
import tsunami.env.VectorEnv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The arena's global state for a centralised critic: every unit of both sides, the learning side first, zeros for the dead. */
class GlobalStateTest {
    @Test
    void theStateHoldsEveryUnitOfBothSidesAndFollowsTheFight() {
        Scenario m5v5 = new ScenarioLoader().load("m5v5");
        HeuristicRegistry registry = HeuristicRegistry.load();
        ArenaEnvFactory f = new ArenaEnvFactory(ArenaEnvConfig.of(m5v5, () -> registry.create("attack-move")));
        int unit = GlobalStateEncoder.UNIT_FEATURES + 1;
        try (VectorEnv env = f.create(2, 3)) {
            EnvSpec spec = env.spec();
            assertEquals(f.spec(2), spec);
            assertEquals(10 * unit, spec.stateSize(), "10 Marines, 6 features and a one-type one-hot each");
            StepBatch out = new StepBatch(spec);
            env.reset(3, out);
            Arena game = ((ArenaVectorEnv) env).arena(1);
            int base = spec.stateSize();   // environment 1
            for (int u = 0; u < 10; u++) {
                int b = base + u * unit;
                assertEquals(1f, out.state[b + GlobalStateEncoder.ALIVE]);
                assertEquals(1f, out.state[b + GlobalStateEncoder.HP]);
                assertEquals(game.positionX(u) / game.mapWidth(), out.state[b + GlobalStateEncoder.X], 1e-6, "unit " + u + ": absolute x");
                assertEquals(1f, out.state[b + GlobalStateEncoder.UNIT_FEATURES], "type one-hot");
            }
            // play the fight out with no-ops: hit points fall, dead units read zeros, the state stays the arena's
            int[] actions = new int[spec.agents()];
            boolean sawDead = false, sawHurt = false;
            for (int step = 0; step < 400 && !out.done[1]; step++) {
                env.step(actions, out);
                if (out.done[1]) break;
                for (int u = 0; u < 10; u++) {
                    int b = base + u * unit;
                    if (!game.exists(u)) {
                        sawDead = true;
                        for (int k = 0; k < unit; k++) assertEquals(0f, out.state[b + k], "dead unit " + u);
                    } else {
                        assertEquals(game.hitPointRatio(u), out.state[b + GlobalStateEncoder.HP], 1e-6);
                        sawHurt |= out.state[b + GlobalStateEncoder.HP] < 1f;
                    }
                }
            }
            assertTrue(sawDead && sawHurt, "the fight was seen in the state");
        }
    }
}
