package tsunami.bots.arena;

import org.junit.jupiter.api.Test;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;
import tsunami.env.EnvSpec;
import tsunami.env.StepBatch;
import tsunami.env.VectorEnv;
import tsunami.env.VectorEnvFactory;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InRangeAttacksTest {
    @Test
    void attacksAreLegalOnlyOnEnemiesInWeaponRangeAndEverythingElseIsUnchanged() {
        Scenario scenario = new ScenarioLoader().load("m5v5");
        HeuristicRegistry registry = HeuristicRegistry.load();
        ArenaEnvConfig config = ArenaEnvConfig.of(scenario, () -> registry.create("attack-move"));
        int layoutTypes = scenario.unitTypes().size();
        VectorEnvFactory arena = new ArenaEnvFactory(config);
        try (VectorEnv raw = arena.create(4, 9); VectorEnv masked = InRangeAttacks.factory(arena, config.layout()).create(4, 9)) {
            EnvSpec spec = raw.spec();
            assertEquals(spec, masked.spec());
            ObservationLayout layout = new ObservationLayout(layoutTypes, 4, 5);
            assertEquals(layout.size(), spec.observationSize());
            StepBatch a = new StepBatch(spec), b = new StepBatch(spec);
            raw.reset(9, a);
            masked.reset(9, b);
            int n = spec.agents(), o = spec.observationSize(), k0 = ObservationLayout.FIRST_ATTACK, na = spec.numActions();
            int rawAttacksAtStart = 0;
            for (int i = 0; i < n; i++) for (int k = k0; k < na; k++) rawAttacksAtStart += a.actionMask[i * na + k];
            assertTrue(rawAttacksAtStart > 0, "the arena itself allows attacks on distant enemies");
            int[] noOps = new int[n];
            int legalInRange = 0, stepsCompared = 0;
            for (int t = 0; t < 60; t++) {
                assertArrayEquals(a.observations, b.observations, "observations untouched at step " + t);
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < na; k++) {
                        byte want = a.actionMask[i * na + k];
                        if (k >= k0) {
                            boolean inRangeNow = a.observations[i * o + layout.enemyOffset(k - k0) + ObservationLayout.IN_RANGE] != 0f;
                            if (!inRangeNow) want = 0;
                            else legalInRange += want;
                        }
                        assertEquals(want, b.actionMask[i * na + k], "agent " + i + " action " + k + " at step " + t);
                    }
                }
                raw.step(noOps, a);
                masked.step(noOps, b);
                assertArrayEquals(a.rewards, b.rewards);
                stepsCompared++;
            }
            assertTrue(legalInRange > 0, "enemies come into range within " + stepsCompared + " steps and can then be attacked");
            assertEquals(raw.framesSimulated(), masked.framesSimulated());
        }
    }
}
