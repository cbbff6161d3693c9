package tsunami.bots.arena;

import org.junit.jupiter.api.Test;
import tsunami.bots.data.GameData;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The unit AI and flyer rules of arena rules version 3, each checked in a small hand-placed fight
 * whose outcome the rule decides (OpenBW bwgame.h: on_unit_damage, on_hit_should_change_target,
 * attack_unit_reacquire_target, order_Guard / order_PlayerGuard, apply_repulse_field).
 */
class BroodWarUnitAiTest {
    private final GameData data = GameData.standard();

    /** A Vulture's grenades reach 160 px, past a Marine's 128 px acquisition range. */
    private static final int OUT_OF_MARINE_REACH = 150;

    private Arena arena(String red, String blue, long seed) {
        Arena a = new Arena(Duel.scenario(red, blue), data);
        a.reset(seed);
        return a;
    }

    /** Centre x of a unit of type {@code b} whose box lies {@code gap} px right of a unit of type {@code a} centred at {@code ax}. */
    private double rightOf(String a, double ax, String b, int gap) {
        return ax + data.require(a).dimRight() + 1 + gap + data.require(b).dimLeft();
    }

    private static void hold(Arena a, int unit) {
        a.commands(a.getPlayer(unit)).move(unit, a.getX(unit), a.getY(unit));
    }

    /** Steps until blue unit {@code victim} loses hit points or shields; returns false if it never does. */
    private static boolean stepUntilHit(Arena a, int victim, int maxFrames, Runnable eachFrame) {
        int before = a.hitPoints256(victim) + a.shields256(victim);
        for (int f = 0; f < maxFrames; f++) {
            eachFrame.run();
            a.step();
            if (a.hitPoints256(victim) + a.shields256(victim) < before) return true;
        }
        return false;
    }

    @Test
    void anIdleUnitTurnsOnItsAttackerAsSoonAsTheHitLands() {
        // an idle Marine 150 px from a Vulture never finds it by searching (128 px); the hit makes the
        // Vulture its auto target and the Marine goes for it in the same frame (OpenBW unit_autoattack)
        double mx = rightOf("Terran_Vulture", 500, "Terran_Marine", OUT_OF_MARINE_REACH);
        Arena a = arena(Duel.unit("Terran_Vulture", 500, 1000), Duel.unit("Terran_Marine", mx, 1000), 3);
        for (int f = 0; f < 60; f++) {
            a.commands(0).move(0, 500, 1000);
            a.step();
            assertEquals(-1, a.getTarget(1), "out of reach, the idle Marine has no target");
        }
        a.commands(0).attack(0, 1);
        assertTrue(stepUntilHit(a, 1, 200, () -> { }));
        assertEquals(0, a.getTarget(1), "the hit Marine takes its attacker at once");
        float x0 = a.posX(1);
        for (int f = 0; f < 10; f++) a.step();
        assertTrue(a.posX(1) < x0, "and walks toward it");
    }

    @Test
    void aHitAlarmsTheAlliesWithin96PixelsOfTheVictimAndNoOthers() {
        // OpenBW on_unit_damage: allies inside a 96 px box around the victim get the attacker as auto target
        double vx = rightOf("Terran_Vulture", 500, "Terran_Marine", OUT_OF_MARINE_REACH);
        String blue = Duel.unit("Terran_Marine", vx, 1000) + "\n"
                + Duel.unit("Terran_Marine", vx + 60, 1000) + "\n"   // inside the box, 60 px away
                + Duel.unit("Terran_Marine", vx, 1000 + 110);         // outside the box (110 > 96)
        Arena a = arena(Duel.unit("Terran_Vulture", 500, 1000), blue, 4);
        a.commands(0).attack(0, 1);
        assertTrue(stepUntilHit(a, 1, 200, () -> { }));
        assertEquals(0, a.getTarget(1), "the victim fights back");
        assertEquals(0, a.getTarget(2), "the ally within 96 px joins in");
        assertEquals(-1, a.getTarget(3), "the ally 110 px away is not alarmed");
        assertTrue(a.getDistance(3, 0) > 128, "and cannot find the Vulture by itself");
    }

    @Test
    void aUnitKeepsAnInRangeTargetOfItsOwnChoosingWhenSomethingElseHitsIt() {
        // OpenBW attack_unit_reacquire_target: a target of priority 0 in weapon range is kept
        double bx = rightOf("Terran_Marine", 500, "Terran_Marine", 100);
        double vx = rightOf("Terran_Marine", bx, "Terran_Vulture", OUT_OF_MARINE_REACH);
        String red = Duel.unit("Terran_Marine", 500, 1000) + "\n" + Duel.unit("Terran_Vulture", vx, 1000);
        Arena a = arena(red, Duel.unit("Terran_Marine", bx, 1000), 5);
        int blue = 2;
        for (int f = 0; f < 40 && a.getTarget(blue) < 0; f++) {
            hold(a, 0);
            hold(a, 1);
            a.step();
        }
        assertEquals(0, a.getTarget(blue), "the blue Marine picked the red Marine in range");
        a.commands(0).attack(1, blue);
        assertTrue(stepUntilHit(a, blue, 200, () -> hold(a, 0)));
        for (int f = 0; f < 20 && a.exists(blue); f++) {
            assertEquals(0, a.getTarget(blue), "it keeps its in-range target rather than turn on the Vulture");
            hold(a, 0);
            a.step();
        }
    }

    @Test
    void idleUnitsSearchForTargetsOnAFifteenFrameTimerWithARandomStart() {
        // OpenBW order_Guard: main_order_timer = lcg_rand(0..15), then a search every 15 frames
        double bx = rightOf("Terran_Marine", 500, "Terran_Marine", 100);
        int latest = 0;
        for (long seed = 1; seed <= 60; seed++) {
            Arena a = arena(Duel.unit("Terran_Marine", 500, 1000), Duel.unit("Terran_Marine", bx, 1000), seed);
            int found = -1;
            for (int f = 0; f < 40 && found < 0; f++) {
                hold(a, 1);
                a.step();
                if (a.getTarget(0) >= 0) found = a.getFrameCount() - 1;
            }
            assertTrue(found >= 0 && found <= UnitAi.ACQUIRE_PERIOD, "seed " + seed + ": found at frame " + found);
            latest = Math.max(latest, found);
        }
        assertTrue(latest >= 10, "some units wait most of the 15 frames (latest " + latest + ")");
    }

    @Test
    void stackedStandingFlyersDriftApartAtBwsRepulseSpeed() {
        // OpenBW apply_repulse_field: half a pixel a frame x (count / 4 + 1) / 2 for a standing flyer in
        // a 48 px cell holding count flyers: 0.25 px for 2, 0.5 px for 4; a lone flyer stays put
        double c = 21 * 48 + 24; // the centre of a repulse cell
        String farMarine = Duel.unit("Terran_Marine", 100, 100);
        for (int count : new int[] {1, 2, 4}) {
            StringBuilder blue = new StringBuilder();
            for (int k = 0; k < count; k++) blue.append(k == 0 ? "" : "\n").append(Duel.unit("Terran_Wraith", c, c));
            Arena a = arena(farMarine, blue.toString(), 9);
            int frames = 40;
            for (int f = 0; f < frames; f++) a.step();
            double perFrame = count == 1 ? 0 : 0.5 * (count / 4 + 1) / 2;
            for (int u = 1; u <= count; u++) {
                double moved = Math.hypot(a.posX(u) - c, a.posY(u) - c);
                assertEquals(perFrame * frames, moved, 0.05, count + " Wraiths, Wraith " + u);
            }
        }
    }
}
