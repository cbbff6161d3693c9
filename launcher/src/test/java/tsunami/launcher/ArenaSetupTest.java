package tsunami.launcher;

import org.junit.jupiter.api.Test;
import tsunami.BadInputException;
import tsunami.bots.arena.ObservationLayout;
import tsunami.bots.heuristic.HeuristicRegistry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ArenaSetupTest {
    @Test
    void unknownAttackModeIsRefusedByName() {
        BadInputException e = assertThrows(BadInputException.class, () -> ArenaSetup.of("m5v5", "attack-move", null, "everywhere", null, HeuristicRegistry.load()));
        assertTrue(e.getMessage().contains("everywhere"), e.getMessage());
    }

    @Test
    void actionPriorPutsItsMassWhereAsked() {
        double[] p = ObservationLayout.actionPrior(15, 0.68, 0.3);
        double sum = 0;
        for (double x : p) sum += x;
        assertEquals(1.0, sum, 1e-9);
        assertEquals(0.68, p[ObservationLayout.NO_OP], 1e-12);
        for (int k = ObservationLayout.FIRST_ATTACK; k < 15; k++) assertEquals(0.06, p[k], 1e-12);
        for (int k = 1; k < ObservationLayout.FIRST_ATTACK; k++) assertEquals(0.02 / 9, p[k], 1e-12);
    }
}
