package tsunami.bots.arena;

import org.junit.jupiter.api.Test;
import tsunami.bots.data.GameData;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The engine rules of arena rules version 2, checked against the figures of BW's engine as OpenBW
 * implements it (weapon_deal_damage, update_unit_values, the bullet flingies).
 */
class BroodWarEngineRulesTest {
    private final GameData data = GameData.standard();

    /** Red unit 0 at (500, 1000), blue unit 1 {@code dx} px to its right; blue kept passive by move orders onto its spot. */
    private Arena duel(String red, String blue, double dx) {
        Arena a = new Arena(Duel.scenario(Duel.unit(red, 500, 1000), Duel.unit(blue, 500 + dx, 1000)), data);
        a.reset(5);
        return a;
    }

    private static void hold(Arena a, int unit) {
        a.commands(a.getPlayer(unit)).move(unit, a.getX(unit), a.getY(unit));
    }

    @Test
    void shieldsRegenerateSevenOver256PerFrameAndZergHitPointsFourOver256() {
        // a Zealot whose shields a Marine scratched, then left alone: +7/256 per frame (OpenBW update_unit_values)
        Arena a = duel("Terran_Marine", "Protoss_Zealot", 20);
        a.commands(0).attack(0, 1);
        while (a.shields256(1) == a.maxShields256(1)) {
            hold(a, 1);
            a.step();
        }
        a.commands(0).move(0, 100, 1000); // the Marine walks away; its shot may still be on its way
        for (int f = 0; f < 5; f++) { hold(a, 1); a.step(); }
        int before = a.shields256(1);
        for (int f = 0; f < 100; f++) { hold(a, 1); a.step(); }
        assertEquals(Math.min(a.maxShields256(1), before + 700), a.shields256(1));

        // a Zergling: hit points +4/256 per frame; a Marine has no regeneration
        Arena z = duel("Terran_Marine", "Zerg_Zergling", 40);
        z.commands(0).attack(0, 1);
        while (z.hitPoints256(1) == z.maxHitPoints256(1)) { hold(z, 1); z.step(); }
        z.commands(0).move(0, 100, 1000);
        for (int f = 0; f < 5; f++) { hold(z, 1); z.step(); }
        int hp = z.hitPoints256(1);
        for (int f = 0; f < 64; f++) { hold(z, 1); z.step(); }
        assertEquals(hp + 256, z.hitPoints256(1), "64 frames x 4/256 = one hit point");
        Arena m = duel("Zerg_Zergling", "Terran_Marine", 1);
        m.commands(0).attack(0, 1);
        while (m.hitPoints256(1) == m.maxHitPoints256(1)) { hold(m, 1); m.step(); }
        m.commands(0).move(0, 100, 1000);
        for (int f = 0; f < 5; f++) { hold(m, 1); m.step(); }
        int marine = m.hitPoints256(1);
        for (int f = 0; f < 64; f++) { hold(m, 1); m.step(); }
        assertEquals(marine, m.hitPoints256(1));
    }

    @Test
    void zealotsTwoBladesLandInSeparateFrames() {
        // Psi Blades 8 x 2 against a Marine (armor 0): the Marine loses 8 hp, then 8 hp hitGap frames later
        int gap = data.require("Protoss_Zealot").groundWeapon().hitGap();
        assertTrue(gap > 0);
        Arena a = duel("Protoss_Zealot", "Terran_Marine", 24);
        a.commands(0).attack(0, 1);
        int first = -1, second = -1, prev = a.hitPoints256(1);
        for (int f = 0; f < 200 && second < 0; f++) {
            hold(a, 1);
            a.step();
            int hp = a.hitPoints256(1);
            if (hp < prev) {
                assertEquals(8 * 256, prev - hp, "one blade, 8 damage");
                if (first < 0) first = a.getFrameCount();
                else second = a.getFrameCount();
            }
            prev = hp;
        }
        assertTrue(first > 0 && second > 0, "both blades landed");
        assertEquals(gap, second - first);
    }

    @Test
    void flyingBulletsArriveAfterAFlightThatGrowsWithDistance() {
        // Gemini Missiles (flingy 8533 / 667 per 256): speed after k frames is k x 2.6 px, so the flight
        // over d px takes the first k with 2.6 k (k + 1) / 2 >= d: 11 frames for 150 px, 6 for 40 px
        assertEquals(11, flightFrames(150));
        assertEquals(6, flightFrames(40));
        int far = landingDelay(150 + 38), near = landingDelay(40 + 38);
        int launch = data.require("Terran_Wraith").airWeapon().hitDelay();
        // the missile leaves hitDelay frames after the shot and makes its first step in that frame
        assertEquals(launch + flightFrames(150 + 38) - 1, far);
        assertEquals(launch + flightFrames(40 + 38) - 1, near);
        assertTrue(far > near);
    }

    /** Frames a Gemini missile needs for {@code d} px, from BW's flingy figures. */
    private static int flightFrames(double d) {
        double covered = 0;
        int k = 0;
        while (covered < d) {
            k++;
            covered += Math.min(k * 667 / 256.0, 8533 / 256.0);
        }
        return k;
    }

    /** Frames from a Wraith's shot at a Wraith whose centre is {@code dx} px away to the damage. */
    private int landingDelay(double dx) {
        Arena a = duel("Terran_Wraith", "Terran_Wraith", dx);
        a.commands(0).attack(0, 1);
        int fired = -1;
        int prev = a.hitPoints256(1);
        for (int f = 0; f < 100; f++) {
            hold(a, 1);
            int cd = a.getCooldown(0);
            a.step();
            if (fired < 0 && a.getCooldown(0) > cd) fired = a.getFrameCount() - 1;
            if (a.hitPoints256(1) < prev) return a.getFrameCount() - 1 - fired;
        }
        throw new AssertionError("no hit");
    }

    @Test
    void shieldsSkipTheHalfPointMinimumAndShieldsUnderOnePointAbsorbNothing() {
        // OpenBW weapon_deal_damage, figures x256. Claws (5) on a Zealot (armor 1) with 2 shield points:
        // shields take 2, the 3 left lose the armor -> 2 hp
        assertEquals(split(512, 512), Combat.damage(5 * 256, 512, 256, 256));
        // Gauss Rifle (6) on a Zealot with 5.5 shields: shields take 5.5, 0.5 left minus armor 1 = 0,
        // and no half-point minimum because the shields took part of the hit
        assertEquals(split(1408, 0), Combat.damage(6 * 256, 1408, 256, 256));
        // shields under one point (0.5) absorb nothing: 6 - 1 armor = 5 hp, shields untouched
        assertEquals(split(0, 5 * 256), Combat.damage(6 * 256, 128, 256, 256));
        // without shields the half-point minimum holds: 1 damage against armor 1
        assertEquals(split(0, 128), Combat.damage(256, 0, 256, 256));
        // explosive (50%) on a small unit with full shields of 0: (20 - 0) / 2 = 10
        assertEquals(split(0, 10 * 256), Combat.damage(20 * 256, 0, 0, 128));
    }

    private static long split(int shield256, int hp256) {
        return ((long) shield256 << 32) | hp256;
    }

    @Test
    void anOrderGivenDuringTheAttackAnimationWaitsForItsEnd() {
        // a Dragoon's shot leaves hitDelay frames after it starts firing; a move ordered in between waits
        Arena a = duel("Protoss_Dragoon", "Terran_Marine", 100);
        a.commands(0).attack(0, 1);
        int fired = -1;
        for (int f = 0; f < 100 && fired < 0; f++) {
            hold(a, 1);
            int cd = a.getCooldown(0);
            a.step();
            if (a.getCooldown(0) > cd) fired = a.getFrameCount() - 1;
        }
        assertTrue(fired >= 0);
        int delay = data.require("Protoss_Dragoon").groundWeapon().hitDelay();
        assertTrue(delay >= 2);
        a.commands(0).move(0, 100, 1000);
        assertEquals(tsunami.bots.heuristic.Order.ATTACK_UNIT, a.getOrder(0), "held in the attack animation");
        float x0 = a.posX(0);
        while (a.getFrameCount() < fired + delay) {
            hold(a, 1);
            a.step();
            assertEquals(x0, a.posX(0), "does not move before the animation ends");
        }
        hold(a, 1);
        a.step();
        assertEquals(tsunami.bots.heuristic.Order.MOVE, a.getOrder(0));
    }
}
