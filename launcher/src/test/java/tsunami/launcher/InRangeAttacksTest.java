package tsunami.launcher;

import org.junit.jupiter.api.Test;
import tsunami.BadInputException;
import tsunami.bots.arena.ObservationLayout;
import tsunami.env.EnvSpec;
import tsunami.env.StepBatch;
import tsunami.env.VectorEnv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InRangeAttacksTest {
    @Test
    void attacksAreLegalOnlyOnEnemiesInWeaponRangeAndEverythingElseIsUnchanged() {
        ArenaSetup any = ArenaSetup.of("m5v5", "attack-move", null, ArenaSetup.ATTACKS_ANY);
        ArenaSetup inRange = ArenaSetup.of("m5v5", "attack-move", null, ArenaSetup.ATTACKS_IN_RANGE);
        int layoutTypes = any.scenario().unitTypes().size();
        try (VectorEnv raw = any.factory().create(4, 9); VectorEnv masked = inRange.factory().create(4, 9)) {
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
                            boolean inRangeNow = a.observations[i * o + layout.enemyOffset(k - k0) + InRangeAttacks.IN_RANGE] != 0f;
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
        assertThrows(BadInputException.class, () -> ArenaSetup.of("m5v5", "attack-move", null, "everywhere"));
    }

    @Test
    void actionPriorPutsItsMassWhereAsked() {
        double[] p = TrainCommand.actionPrior(15, 0.68, 0.3);
        double sum = 0;
        for (double x : p) sum += x;
        assertEquals(1.0, sum, 1e-9);
        assertEquals(0.68, p[ObservationLayout.NO_OP], 1e-12);
        for (int k = ObservationLayout.FIRST_ATTACK; k < 15; k++) assertEquals(0.06, p[k], 1e-12);
        for (int k = 1; k < ObservationLayout.FIRST_ATTACK; k++) assertEquals(0.02 / 9, p[k], 1e-12);
    }
}
