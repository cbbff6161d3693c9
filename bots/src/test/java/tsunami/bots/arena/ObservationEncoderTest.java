package tsunami.bots.arena;

import org.junit.jupiter.api.Test;
import tsunami.bots.data.GameData;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static tsunami.bots.arena.ObservationLayout.*;

/** Who targets whom, as one agent's observation shows it (observation layout 2). */
class ObservationEncoderTest {
    private final GameData data = GameData.standard();

    @Test
    void anAgentSeesItsTargetItsAlliesTargetsAndWhoShootsIt() {
        // red 0 and 1 at the left, blue 2 and 3 far to the right (beyond acquisition: no unit AI orders)
        String red = Duel.unit("Terran_Marine", 500, 1000) + "\n" + Duel.unit("Terran_Marine", 500, 1040);
        String blue = Duel.unit("Terran_Marine", 900, 1000) + "\n" + Duel.unit("Terran_Marine", 900, 1040);
        Arena a = new Arena(Duel.scenario(red, blue), data);
        a.reset(1);
        a.commands(0).attack(0, 2);
        a.commands(0).attack(1, 2);
        a.commands(1).attack(3, 0);
        a.step();
        assertEquals(2, a.getTarget(0));
        assertEquals(2, a.getTarget(1));
        assertEquals(0, a.getTarget(3));

        ObservationLayout layout = new ObservationLayout(1, 1, 2);
        ObservationEncoder enc = new ObservationEncoder(layout, List.of(data.require("Terran_Marine")));
        float[] obs = new float[layout.size()];
        byte[] mask = new byte[layout.numActions()];
        int[] slotEnemy = new int[2];
        assertTrue(enc.encode(a, 0, obs, 0, mask, 0, slotEnemy, 0));
        assertEquals(1 / TARGETING_SCALE, obs[SELF_TARGETED], "one enemy targets unit 0");
        int slotOf2 = slotEnemy[0] == 2 ? 0 : 1, slotOf3 = 1 - slotOf2;
        assertEquals(3, slotEnemy[slotOf3]);
        assertEquals(1f, obs[layout.enemyOffset(slotOf2) + MY_TARGET]);
        assertEquals(1 / TARGETING_SCALE, obs[layout.enemyOffset(slotOf2) + ALLIES_TARGETING], "unit 1 shoots it too; unit 0 is not counted");
        assertEquals(0f, obs[layout.enemyOffset(slotOf3) + MY_TARGET]);
        assertEquals(0f, obs[layout.enemyOffset(slotOf3) + ALLIES_TARGETING]);

        // unit 1's view: nobody shoots it; its ally (unit 0) shares its target
        assertTrue(enc.encode(a, 1, obs, 0, mask, 0, slotEnemy, 0));
        assertEquals(0f, obs[SELF_TARGETED]);
        int s2 = slotEnemy[0] == 2 ? 0 : 1;
        assertEquals(1f, obs[layout.enemyOffset(s2) + MY_TARGET]);
        assertEquals(1 / TARGETING_SCALE, obs[layout.enemyOffset(s2) + ALLIES_TARGETING]);
    }
}
