package tsunami.bots.heuristic.builtin;

import org.junit.jupiter.api.Test;
import tsunami.bots.arena.Arena;
import tsunami.bots.arena.Match;
import tsunami.bots.arena.MatchResult;
import tsunami.bots.data.GameData;
import tsunami.bots.heuristic.GameView;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;

import static org.junit.jupiter.api.Assertions.*;
import static tsunami.bots.heuristic.builtin.HandPlaced.arena;
import static tsunami.bots.heuristic.builtin.HandPlaced.decide;

/** hold-focus on hand-placed positions (orders recorded, then passed on to the arena) and in whole games. */
class HoldFocusTest {

    private static HoldFocus started(Arena a) {
        HoldFocus h = new HoldFocus();
        h.onStart(a, 0);
        return h;
    }

    @Test
    void issuesNoOrdersWhileAnAdvancingEnemyIsOutOfRange() {
        Arena a = arena(new String[]{"Terran_Marine", "300", "1000", "Terran_Marine", "300", "1040"},
                new String[]{"Terran_Marine", "900", "1000"});
        HoldFocus h = started(a);
        for (int d = 0; d < 10; d++) {
            assertEquals(0, decide(h, a).orders(), "decision " + d + ": hold while the enemy comes");
            a.commands(1).move(2, 300, 1000);
            for (int f = 0; f < 8; f++) a.step();
        }
        assertTrue(a.getDistance(0, 2) < 600 - 100, "the enemy did come closer");
    }

    @Test
    void onContactUnitsShootTheWeakestEnemyInRangeAndTheRestAttackTheirNearest() {
        // red 0, 1 in range of the Zergling (35 hp); red 2 in range of the Marine (40) only; red 3 out of range of all
        Arena a = arena(new String[]{"Terran_Marine", "500", "1000", "Terran_Marine", "500", "1040",
                        "Terran_Marine", "500", "1300", "Terran_Marine", "100", "1800"},
                new String[]{"Zerg_Zergling", "600", "1020", "Terran_Marine", "600", "1300"});
        assertTrue(a.isInWeaponRange(0, 4) && a.isInWeaponRange(1, 4) && a.isInWeaponRange(2, 5));
        assertFalse(a.isInWeaponRange(2, 4) || a.isInWeaponRange(0, 5) || a.isInWeaponRange(1, 5));
        assertTrue(a.getDistance(3, 5) < a.getDistance(3, 4) && !a.isInWeaponRange(3, 5));
        assertEquals(4, HoldFocus.focus(a, 0));
        HandPlaced.Recorder rec = decide(started(a), a);
        assertEquals(4, rec.targetOf(0), "the focus: weakest enemy any of us can shoot");
        assertEquals(4, rec.targetOf(1));
        assertEquals(5, rec.targetOf(2), "the focus is out of its range: the weakest it can shoot");
        assertEquals(5, rec.targetOf(3), "nothing in range: it joins the fight at its nearest enemy");
        assertTrue(rec.moves.isEmpty());
    }

    @Test
    void focusTiesGoToTheEnemyMoreOfUsCanShootAndEveryoneInRangeOfItShootsIt() {
        // two full-health Marines: blue 3 (lower id) is in range of red 2 only, blue 4 of all three red Marines
        Arena a = arena(new String[]{"Terran_Marine", "500", "1000", "Terran_Marine", "500", "1040", "Terran_Marine", "560", "1110"},
                new String[]{"Terran_Marine", "620", "1160", "Terran_Marine", "600", "1020"});
        assertTrue(a.isInWeaponRange(2, 3) && !a.isInWeaponRange(0, 3) && !a.isInWeaponRange(1, 3));
        assertTrue(a.isInWeaponRange(0, 4) && a.isInWeaponRange(1, 4) && a.isInWeaponRange(2, 4));
        assertTrue(a.getDistance(2, 3) < a.getDistance(2, 4), "red 2's own choice would be blue 3");
        assertEquals(4, HoldFocus.focus(a, 0));
        HandPlaced.Recorder rec = decide(started(a), a);
        for (int u = 0; u < 3; u++) assertEquals(4, rec.targetOf(u), "red " + u);
    }

    @Test
    void advancesOnAnEnemyThatWaitsAndNotBefore() {
        Arena a = arena(new String[]{"Terran_Marine", "300", "1000", "Terran_Marine", "300", "1040"},
                new String[]{"Terran_Marine", "900", "1000"});
        HoldFocus h = started(a);
        assertEquals(0, decide(h, a).orders(), "first decision: nothing to compare with, hold");
        for (int f = 0; f < 8; f++) a.step();
        HandPlaced.Recorder rec = decide(h, a);
        assertEquals(2, rec.targetOf(0), "the enemy did not come: attack it");
        assertEquals(2, rec.targetOf(1));
        for (int f = 0; f < 8; f++) a.step();
        assertEquals(0, decide(h, a).orders(), "already on the way: no order re-issued");
        // a new game on the same instance starts holding again (per-game state reset in onStart)
        a.reset(2);
        h.onStart(a, 0);
        assertEquals(0, decide(h, a).orders());
    }

    @Test
    void aBadlyHurtReloadingRangedUnitStepsAwayFromItsAttackers() {
        // two blue Marines (no orders: BW unit AI) shoot red 0, which shoots back
        Arena a = arena(new String[]{"Terran_Marine", "500", "1000"},
                new String[]{"Terran_Marine", "600", "980", "Terran_Marine", "600", "1020"});
        HoldFocus h = started(a);
        a.commands(0).attack(0, 1);
        for (int f = 0; f < 1000 && !(fragile(a, 0) && a.getCooldown(0) > HoldFocus.RELOADING_FRAMES && targeted(a, 0)); f++) {
            a.step();
        }
        assertTrue(a.exists(0) && fragile(a, 0) && a.getCooldown(0) > HoldFocus.RELOADING_FRAMES && targeted(a, 0));
        HandPlaced.Recorder rec = decide(h, a);
        assertEquals(1, rec.moves.size());
        int[] m = rec.moves.get(0);
        assertEquals(0, m[0]);
        assertTrue(m[1] <= a.getX(0) - HoldFocus.STEP_AWAY_PX + 2 && Math.abs(m[2] - a.getY(0)) <= 8,
                "away from the attackers' centre (600, 1000): " + m[1] + "," + m[2]);
        assertTrue(rec.attacks.isEmpty());
        // once it can fire again it fights instead
        while (a.exists(0) && a.getCooldown(0) > HoldFocus.RELOADING_FRAMES) a.step();
        if (a.exists(0)) assertTrue(decide(h, a).moves.isEmpty());
    }

    @Test
    void aBadlyHurtMeleeUnitKeepsFighting() {
        // five blue Marines shoot red's Zealot in small bites while it hits one of them
        Arena a = arena(new String[]{"Protoss_Zealot", "500", "1000"},
                new String[]{"Terran_Marine", "530", "1000", "Terran_Marine", "600", "940", "Terran_Marine", "600", "970",
                        "Terran_Marine", "600", "1030", "Terran_Marine", "600", "1060"});
        HoldFocus h = started(a);
        a.commands(0).attack(0, 1);
        for (int f = 0; f < 3000 && !(fragile(a, 0) && a.getCooldown(0) > HoldFocus.RELOADING_FRAMES && targeted(a, 0)); f++) {
            a.step();
        }
        assertTrue(a.exists(0) && fragile(a, 0) && a.getCooldown(0) > HoldFocus.RELOADING_FRAMES && targeted(a, 0));
        HandPlaced.Recorder rec = decide(h, a);
        assertTrue(rec.moves.isEmpty(), "stepping away would only delay its next blow");
    }

    @Test
    void unitsThatCannotAttackGetNoOrders() {
        Arena a = arena(new String[]{"Terran_Marine", "500", "1000", "Terran_Medic", "480", "1030"},
                new String[]{"Terran_Marine", "600", "1000"});
        assertTrue(a.isInWeaponRange(0, 2));
        HandPlaced.Recorder rec = decide(started(a), a);
        assertEquals(2, rec.targetOf(0));
        assertEquals(-1, rec.targetOf(1), "the Medic is left to its unit AI (healing)");
        assertTrue(rec.moves.isEmpty() && rec.others == 0);
    }

    @Test
    void meleeAndAirUnitsFightWhatTheirWeaponsCanHit() {
        // a Zealot cannot hit the Wraith; it attacks the Zergling. The Wraith can hit both.
        Arena a = arena(new String[]{"Protoss_Zealot", "500", "1000", "Terran_Wraith", "500", "1100"},
                new String[]{"Terran_Wraith", "520", "1000", "Zerg_Zergling", "700", "1000"});
        assertFalse(a.canAttack(0, 2));
        HandPlaced.Recorder rec = decide(started(a), a);
        assertEquals(2, HoldFocus.focus(a, 0), "the Wraith is in range of our Wraith");
        assertEquals(3, rec.targetOf(0), "a ground-only weapon walks to the enemy it can hit");
        assertEquals(2, rec.targetOf(1));
    }

    @Test
    void endsGamesAgainstAWaitingEnemyAndBeatsAttackMove() {
        Scenario m5v5 = new ScenarioLoader().load("m5v5");
        HeuristicRegistry reg = HeuristicRegistry.load();
        MatchResult waiting = Match.play(m5v5, GameData.standard(), "hold-focus", HoldFocus::new, "guard", Guard::new, 100, 2016, null);
        assertEquals(0, waiting.draws(), "two sides that both held would draw every game");
        // since arena rules 2 a hit alarms the waiting side's units within 96 px, so the waiting enemy
        // is no longer picked off piecemeal (rules 1: >= 90 of 100; rules 2: 55; rules 3, BW's auto
        // targets: 48): an even fight, which this checks hold-focus still takes on and about half wins
        assertTrue(waiting.redWins() >= 35, waiting.toString());
        MatchResult bothWait = Match.play(m5v5, GameData.standard(), "guard", Guard::new, "guard", Guard::new, 10, 2016, null);
        assertEquals(10, bothWait.draws(), "the check above can fail");
        MatchResult advancing = Match.play(m5v5, GameData.standard(), "hold-focus", () -> reg.create("hold-focus"),
                "attack-move", () -> reg.create("attack-move"), 100, 2016, null);
        assertTrue(advancing.redWins() >= 90, advancing.toString());
    }

    private static boolean fragile(GameView g, int u) {
        return g.exists(u) && g.getHitPoints(u) + g.getShields(u) <= HoldFocus.FRAGILE_HP;
    }

    private static boolean targeted(GameView g, int u) {
        for (int j = 0; j < g.getUnitCount(); j++) {
            if (g.exists(j) && g.getPlayer(j) != g.getPlayer(u) && g.getTarget(j) == u) return true;
        }
        return false;
    }
}
