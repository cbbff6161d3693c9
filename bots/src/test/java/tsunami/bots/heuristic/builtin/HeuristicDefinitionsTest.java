package tsunami.bots.heuristic.builtin;

import tsunami.bots.heuristic.*;

import org.junit.jupiter.api.Test;
import tsunami.bots.arena.Arena;


import static org.junit.jupiter.api.Assertions.*;
import static tsunami.bots.heuristic.builtin.HandPlaced.arena;
import static tsunami.bots.heuristic.builtin.HandPlaced.decide;

/**
 * The literature's baselines choose targets as their authors' code does (Usunier et al. 2016,
 * TorchCraft examples {@code targeting_heuristics.lua}); checked on hand-placed positions by
 * recording the orders a heuristic gives.
 */
class HeuristicDefinitionsTest {

    @Test
    void weakestClosestTakesTheWeakestEnemyAnywhereNotTheWeakestInRange() {
        // ids: red 0, 1; blue 2 (marine in range of red 0), 3 (zergling, 35 hp, far from everyone)
        Arena a = arena(new String[]{"Terran_Marine", "500", "1000", "Terran_Marine", "500", "1100"},
                new String[]{"Terran_Marine", "600", "1000", "Zerg_Zergling", "1500", "1800"});
        assertTrue(a.isInWeaponRange(0, 2) && !a.isInWeaponRange(0, 3));
        HandPlaced.Recorder rec = decide(new WeakestClosest(), a);
        assertEquals(3, rec.targetOf(0), "globally weakest, although another enemy is in range");
        assertEquals(3, rec.targetOf(1));
    }

    @Test
    void weakestClosestBreaksTiesByDistanceToTheArmysCentre() {
        // red 0 at y=1000 and red 1 at y=1400: centre y=1200. Blue 2 is nearest to red 0, blue 3 to the centre.
        Arena a = arena(new String[]{"Terran_Marine", "500", "1000", "Terran_Marine", "500", "1400"},
                new String[]{"Terran_Marine", "620", "1000", "Terran_Marine", "700", "1200"});
        assertTrue(a.getDistance(0, 2) < a.getDistance(0, 3));
        HandPlaced.Recorder rec = decide(new WeakestClosest(), a);
        assertEquals(3, rec.targetOf(0), "the whole side focuses the enemy nearest its centre");
        assertEquals(3, rec.targetOf(1));
    }

    @Test
    void noOverkillSpreadsAttacksOnceTheExpectedDamageKills() {
        // 5 Dragoons (20 explosive -> 10 per attack on a small zergling of 35 hp: 4 attacks kill it)
        String[] red = new String[15];
        for (int i = 0; i < 5; i++) {
            red[3 * i] = "Protoss_Dragoon";
            red[3 * i + 1] = "500";
            red[3 * i + 2] = String.valueOf(1000 + 40 * i);
        }
        Arena a = arena(red, new String[]{"Zerg_Zergling", "600", "1060", "Zerg_Zergling", "600", "1100"});
        assertEquals(10, Targets.damagePerAttack(a, 0, 5));
        HandPlaced.Recorder rec = decide(new NoOverkillNoChange(), a);
        for (int u = 0; u < 4; u++) assertEquals(5, rec.targetOf(u), "dragoon " + u);
        assertEquals(6, rec.targetOf(4), "a fifth attack on the first zergling would be overkill");
    }

    @Test
    void noChangeKeepsALivingTargetEvenWhenAWeakerOneIsInRange() {
        // red 0 already attacks the Dragoon (180 hp + shields); a Zergling (35) is also in range
        Arena a = arena(new String[]{"Terran_Marine", "500", "1000", "Terran_Marine", "500", "1030"},
                new String[]{"Protoss_Dragoon", "600", "1000", "Zerg_Zergling", "600", "1040"});
        a.commands(0).attack(0, 2);
        a.step();
        assertEquals(2, a.getTarget(0));
        HandPlaced.Recorder rec = decide(new NoOverkillNoChange(), a);
        assertEquals(-1, rec.targetOf(0), "no new order for a unit whose target lives");
        assertEquals(3, rec.targetOf(1), "a unit without a target takes the weakest in reach");
    }

    @Test
    void noOverkillNoChangeLeavesUnitsWithNothingWithinEightTilesOfRangeToTheGame() {
        // marine range 128 + 8 tiles = 384 px of reach; the enemy is ~600 px away
        Arena a = arena(new String[]{"Terran_Marine", "300", "1000"}, new String[]{"Terran_Marine", "920", "1000"});
        assertTrue(a.getDistance(0, 1) > 128 + 256);
        HandPlaced.Recorder rec = decide(new NoOverkillNoChange(), a);
        assertTrue(rec.orders() == 0);
        Arena b = arena(new String[]{"Terran_Marine", "300", "1000"}, new String[]{"Terran_Marine", "600", "1000"});
        assertTrue(b.getDistance(0, 1) <= 128 + 256 && b.getDistance(0, 1) > 128);
        assertEquals(1, decide(new NoOverkillNoChange(), b).targetOf(0), "within range + slack it attacks");
    }

    @Test
    void guardGivesNoOrdersAndItsUnitsHoldGroundUntilAnEnemyComesInRange() {
        Arena a = arena(new String[]{"Terran_Marine", "300", "1000"}, new String[]{"Terran_Marine", "700", "1000"});
        a.setController(1, new Guard());
        HandPlaced.Recorder rec = new HandPlaced.Recorder(a.commands(1));
        new Guard().onFrame(a, 1, rec);
        assertTrue(rec.orders() == 0);
        for (int f = 0; f < 200; f++) a.step();
        assertEquals(700, a.getX(1), "a guarding unit does not advance on an enemy it cannot reach");
        assertEquals(40, a.getHitPoints(1));
        // red walks up into range: the guard acquires it and fires
        a.commands(0).move(0, 560, 1000);
        for (int f = 0; f < 200 && a.exists(0) && a.getHitPoints(0) == 40; f++) a.step();
        assertTrue(a.getHitPoints(0) < 40, "the guard fought once the enemy came within its range");
    }
}
