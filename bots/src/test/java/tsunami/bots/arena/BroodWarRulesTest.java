package tsunami.bots.arena;

import tsunami.bots.heuristic.Order;
import tsunami.bots.heuristic.Unit;
import tsunami.bots.heuristic.GameView;

import org.junit.jupiter.api.Test;
import tsunami.bots.data.DamageType;
import tsunami.bots.data.GameData;
import tsunami.bots.data.UnitSize;
import tsunami.bots.heuristic.Order;
import tsunami.bots.heuristic.Unit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** BW combat facts that follow from the unit data, checked by playing them out in the arena. */
class BroodWarRulesTest {
    private final GameData data = GameData.standard();

    @Test
    void unitDataMatchesBwapi() {
        var marine = data.require("Terran_Marine");
        assertEquals(40, marine.hitPoints());
        assertEquals(128, marine.groundWeapon().maxRange());
        assertEquals(15, marine.groundWeapon().cooldown());
        var zealot = data.require("Protoss_Zealot");
        assertEquals(60, zealot.shields());
        assertEquals(2, zealot.groundHits());
        var goliath = data.require("Terran_Goliath");
        assertEquals(192, goliath.groundWeapon().maxRange());
        assertEquals(2, goliath.airWeapon().factor());
        assertEquals(400, data.require("Zerg_Ultralisk").hitPoints());
        assertTrue(data.require("Terran_Wraith").flyer());
        assertEquals(12, data.unitTypes().size());
    }

    @Test
    void seekRangesAreBwapisAndIdleUnitsAcquireWithinTheLargerOfSeekAndWeaponRange() {
        // BWAPI 4.4.0 seekRange: 0 for Marine, Wraith, Dragoon, Hydralisk, Vulture; Goliath 5 tiles, Medic 9
        assertEquals(0, data.require("Terran_Marine").seekRange());
        assertEquals(0, data.require("Terran_Wraith").seekRange());
        assertEquals(160, data.require("Terran_Goliath").seekRange());
        assertEquals(288, data.require("Terran_Medic").seekRange());
        assertEquals(96, data.require("Zerg_Zergling").seekRange());
        // a Marine with seek range 0 still acquires an enemy inside its weapon range (128), not beyond
        assertEquals(1, idleAcquires("Terran_Marine", 126));
        assertEquals(-1, idleAcquires("Terran_Marine", 140));
        // a Zergling (seek 96, range 15) acquires at 90 and walks to it
        assertEquals(1, idleAcquires("Zerg_Zergling", 90));
        assertEquals(-1, idleAcquires("Zerg_Zergling", 110));
    }

    /** Target of an idle red unit after 40 frames with a passive blue Marine {@code gap} px away (edge to edge). */
    private int idleAcquires(String type, int gap) {
        var t = data.require(type);
        var m = data.require("Terran_Marine");
        double bx = 500 + t.dimRight() + 1 + gap + m.dimLeft();
        Arena a = new Arena(Duel.scenario(Duel.unit(type, 500, 1000), Duel.unit("Terran_Marine", bx, 1000)), data);
        a.reset(3);
        for (int f = 0; f < 40; f++) {
            a.commands(1).move(1, (int) bx, 1000);
            a.step();
        }
        return a.getTarget(0);
    }

    @Test
    void unitsWithAccelerationBrakeOntoAMovePointAndGlideWhenTheyStopToFire() {
        // Wraith: BWAPI acceleration 67/256, top speed 6.67, haltDistance 21745/256 = 85 px = v^2 / 2a
        Arena a = new Arena(Duel.scenario(Duel.unit("Terran_Wraith", 200, 1000), Duel.unit("Terran_Marine", 1900, 1900)), data);
        a.reset(1);
        a.commands(0).move(0, 800, 1000);
        float prev = a.posX(0), maxStep = 0, lastSteps = 0;
        int frames = 0;
        for (; frames < 400 && a.posX(0) < 799.5f; frames++) {
            a.step();
            float step = a.posX(0) - prev;
            maxStep = Math.max(maxStep, step);
            if (800 - a.posX(0) < 20) lastSteps = Math.max(lastSteps, step);
            prev = a.posX(0);
        }
        assertEquals(6.67f, maxStep, 0.01f, "reaches top speed");
        // braking from v^2 = 2ad: about 3.2 px/frame with 20 px to go (6.67 without braking)
        assertTrue(lastSteps < 4f, "slow over the last 20 px, not at top speed: " + lastSteps);
        assertTrue(frames > 600 / 6.67 + 20, "accelerating and braking cost time: " + frames);
        for (int f = 0; f < 30; f++) a.step();
        assertEquals(800, a.posX(0), 1.0f, "stops on the point, no overshoot");

        // attacking from afar, a Wraith glides on after it comes into range; a Marine stops at once
        assertTrue(stopDistance("Terran_Wraith") < 160 - 50, "Wraith glides well inside its 160 px range");
        assertTrue(stopDistance("Terran_Marine") >= 128 - 6, "Marine stops at its 128 px range");
    }

    /** Edge distance at which {@code type}, ordered to attack a passive Ultralisk 600 px away, ends up. */
    private int stopDistance(String type) {
        Arena a = new Arena(Duel.scenario(Duel.unit(type, 200, 1000), Duel.unit("Zerg_Ultralisk", 800, 1000)), data);
        a.reset(1);
        a.commands(0).attack(0, 1);
        for (int f = 0; f < 250; f++) {
            a.commands(1).move(1, 800, 1000);
            a.step();
        }
        assertTrue(a.exists(1));
        return a.getDistance(0, 1);
    }

    @Test
    void damageTypeAgainstSizeTable() {
        assertEquals(128, data.damageRatio(DamageType.EXPLOSIVE, UnitSize.SMALL));
        assertEquals(192, data.damageRatio(DamageType.EXPLOSIVE, UnitSize.MEDIUM));
        assertEquals(256, data.damageRatio(DamageType.EXPLOSIVE, UnitSize.LARGE));
        assertEquals(256, data.damageRatio(DamageType.CONCUSSIVE, UnitSize.SMALL));
        assertEquals(128, data.damageRatio(DamageType.CONCUSSIVE, UnitSize.MEDIUM));
        assertEquals(64, data.damageRatio(DamageType.CONCUSSIVE, UnitSize.LARGE));
        assertEquals(256, data.damageRatio(DamageType.NORMAL, UnitSize.LARGE));
    }

    @Test
    void hitsToKill() {
        // 40 hp, 6 normal, no armor: 7 shots
        assertEquals(7, Duel.attacksToKill("Terran_Marine", "Terran_Marine", 100));
        // shields take full damage (60/6 = 10), then armor 1: 100/5 = 20; but shields regenerate
        // 7/256 per frame, about 0.4 point per 15-frame cooldown, which costs three more shots
        assertEquals(33, Duel.attacksToKill("Terran_Marine", "Protoss_Zealot", 100));
        // explosive vs small: 20 -> 10 per shot, 35 hp: 4
        assertEquals(4, Duel.attacksToKill("Protoss_Dragoon", "Zerg_Zergling", 100));
        // explosive vs medium: 20 -> 15, 80 hp hydralisk: 6
        assertEquals(6, Duel.attacksToKill("Protoss_Dragoon", "Zerg_Hydralisk", 100));
        // concussive vs large: 80 shields at 20, then (20-1)/4 = 4.75 per shot on 100 hp: 4 + 22
        // (27 here: the Dragoon's shields regenerate 7/256 per frame between the 30-frame shots)
        assertEquals(27, Duel.attacksToKill("Terran_Vulture", "Protoss_Dragoon", 140));
        // two hits of 8 per attack: zergling 35 hp -> 3 attacks
        assertEquals(3, Duel.attacksToKill("Protoss_Zealot", "Zerg_Zergling", 5));
        // firebat 2 x (8 concussive, -1 armor) vs large = 1.75 per hit, ultralisk 400 hp: 115 attacks
        // (127 here: the Ultralisk regenerates 4/256 hp per frame, 0.34 hp per 22-frame attack)
        assertEquals(127, Duel.attacksToKill("Terran_Firebat", "Zerg_Ultralisk", 30));
        // goliath ground 12 normal vs ultralisk armor 1: 11 per shot, 400/11 -> 37
        // (38 here: Ultralisk regeneration, 4/256 hp per frame)
        assertEquals(38, Duel.attacksToKill("Terran_Goliath", "Zerg_Ultralisk", 150));
        // goliath air: Hellfire 2 x (10 explosive) vs large wraith = 20 per attack, 120 hp: 6
        assertEquals(6, Duel.attacksToKill("Terran_Goliath", "Terran_Wraith", 150));
    }

    @Test
    void minimumDamageIsHalfAPoint() throws IOException {
        String text;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(GameData.RESOURCE)) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // Claws of 1 damage against armor 1: every hit still takes half a point, 125 hp -> 250 hits
        // (a Goliath: no shields, no regeneration)
        GameData weak = GameData.parse(text.replace("Claws:                 {damage: 5,", "Claws:                 {damage: 1,"), "test");
        assertEquals(1, weak.require("Zerg_Zergling").groundWeapon().damage());
        assertEquals(250, Duel.attacksToKill("Zerg_Zergling", "Terran_Goliath", 5, weak));
    }

    @Test
    void shieldsAbsorbFirstAtFullDamage() {
        Arena a = new Arena(Duel.scenario(Duel.unit("Zerg_Hydralisk", 500, 500), Duel.unit("Protoss_Zealot", 600, 500)), data);
        a.reset(1);
        a.commands(1).holdPosition(1);
        a.commands(0).attack(0, 1);
        for (int f = 0; f < 10; f++) a.step(); // one shot (cooldown 15) and its flight
        // explosive vs small would halve 10 to 5 against hit points, but shields take all 10 (and
        // regenerate 7/256 per frame afterwards)
        assertTrue(a.shields256(1) >= 50 * 256 && a.shields256(1) <= 50 * 256 + 7 * 10, "shields " + a.shields256(1));
        assertEquals(100, a.getHitPoints(1));
    }

    @Test
    void rangeIsMeasuredBetweenUnitEdges() {
        // marines: right extent 8, left extent 8; a gap of exactly 128 is in range, 129 is not
        for (int gap : new int[]{128, 129}) {
            double bx = 500 + 8 + 1 + gap + 8;
            Arena a = new Arena(Duel.scenario(Duel.unit("Terran_Marine", 500, 500), Duel.unit("Terran_Marine", bx, 500)), data);
            a.reset(1);
            assertEquals(gap, a.getDistance(0, 1));
            assertEquals(gap <= 128, a.isInWeaponRange(0, 1), "gap " + gap);
        }
        // BW's approximate distance (BWAPI getApproxDistance) on the box gaps: 131 for a 100 x 100 gap
        assertEquals(GameView.approxDistance(100, 100), GameView.approxDistance(-100, 100));
        assertEquals(131, GameView.approxDistance(100, 100));
        assertEquals(GameView.approxDistance(30, 40), GameView.approxDistance(40, 30));
        assertEquals(100, GameView.approxDistance(100, 20)); // small offsets are ignored, as in BW
    }

    @Test
    void firebatSplashHitsEnemiesAroundTheTarget() {
        // target zergling, one neighbour touching it, one 60 px away
        String blue = Duel.unit("Zerg_Zergling", 540, 500) + "\n" + Duel.unit("Zerg_Zergling", 540, 517) + "\n" + Duel.unit("Zerg_Zergling", 540, 600);
        Arena a = new Arena(Duel.scenario(Duel.unit("Terran_Firebat", 500, 500), blue), data);
        a.reset(1);
        for (int u = 1; u <= 3; u++) a.commands(1).holdPosition(u);
        a.commands(0).attack(0, 1);
        for (int f = 0; f < 10; f++) a.step(); // one attack (cooldown 22)
        // Zerglings regenerate 4/256 hp per frame after the hit
        assertTrue(a.hitPoints256(1) >= 19 * 256 && a.hitPoints256(1) <= 19 * 256 + 40, "hp " + a.hitPoints256(1));
        assertTrue(a.hitPoints256(2) >= 19 * 256 && a.hitPoints256(2) <= 19 * 256 + 40, "inner radius: full damage");
        assertEquals(35, a.getHitPoints(3), "outside the outer radius: untouched");
    }

    @Test
    void glaveWurmBouncesForAThirdThenANinth() {
        String blue = Duel.unit("Terran_Marine", 600, 500) + "\n" + Duel.unit("Terran_Marine", 600, 530) + "\n" + Duel.unit("Terran_Marine", 600, 560);
        Arena a = new Arena(Duel.scenario(Duel.unit("Zerg_Mutalisk", 540, 500), blue), data);
        a.reset(1);
        for (int u = 1; u <= 3; u++) a.commands(1).move(u, 600, 500 + 30 * (u - 1)); // move orders: no fighting back
        a.commands(0).attack(0, 1);
        for (int f = 0; f < 10; f++) a.step(); // one glave (cooldown 30) and its flight
        assertEquals(40 - 9, a.getHitPoints(1));
        assertEquals(40 - 3, a.getHitPoints(2));
        assertEquals(40 - 1, a.getHitPoints(3));
    }

    @Test
    void medicSpendsNothingWhenNobodyIsHurt() {
        String red = Duel.unit("Terran_Medic", 500, 500) + "\n" + Duel.unit("Terran_Marine", 500, 530);
        Arena a = new Arena(Duel.scenario(red, Duel.unit("Zerg_Zergling", 1500, 1500)), data);
        a.reset(1);
        a.commands(1).holdPosition(2);
        int e0 = a.getEnergy(0);
        for (int f = 0; f < 20; f++) a.step();
        assertEquals(40, a.getHitPoints(1));
        assertTrue(a.getEnergy(0) >= e0, "no healing needed, energy only regenerates");
    }

    @Test
    void medicRestoresHitPointsAndSpendsEnergy() {
        String red = Duel.unit("Terran_Medic", 500, 500) + "\n" + Duel.unit("Terran_Marine", 500, 600);
        String blue = Duel.unit("Zerg_Hydralisk", 490, 760) + "\n" + Duel.unit("Zerg_Hydralisk", 520, 760);
        Arena a = new Arena(Duel.scenario(red, blue), data);
        a.reset(1);
        int hpLow = 40;
        for (int f = 0; f < 40 && a.exists(1); f++) {
            a.commands(0).move(1, 500, 600); // the marine stays passive
            a.commands(1).attack(2, 1);
            a.commands(1).attack(3, 1);
            a.step();
            hpLow = Math.min(hpLow, a.getHitPoints(1));
        }
        assertTrue(hpLow < 30, "the hydralisks hurt the marine: " + hpLow);
        a.commands(1).move(2, 500, 2000); // hydralisks leave
        a.commands(1).move(3, 520, 2000);
        for (int f = 0; f < 8; f++) a.step(); // spines still in flight land (hit delay 6)
        int hpBefore = a.getHitPoints(1);
        for (int f = 0; f < 80; f++) a.step();
        assertTrue(a.getHitPoints(1) > hpBefore, "healed: " + hpBefore + " -> " + a.getHitPoints(1));
        // 120 frames regenerate 3.75 energy; healing 0.78 hp per frame costs 1 energy per 2 hp
        assertTrue(a.getEnergy(0) < 50, "healing costs energy: " + a.getEnergy(0));
    }

    @Test
    void groundUnitsDoNotOverlapAndStackedAirUnitsDriftApart() {
        String red = Duel.unit("Terran_Marine", 500, 500) + "\n" + Duel.unit("Terran_Wraith", 500, 700);
        String blue = Duel.unit("Terran_Marine", 600, 1500) + "\n" + Duel.unit("Terran_Wraith", 600, 1700);
        Arena a = new Arena(Duel.scenario(red + "\n" + Duel.unit("Terran_Marine", 560, 500) + "\n" + Duel.unit("Terran_Wraith", 560, 700), blue), data);
        a.reset(1);
        // units 0,1 marine+wraith; 2,3 second marine+wraith: send each pair onto the same point
        a.commands(0).move(0, 530, 500);
        a.commands(0).move(2, 530, 500);
        a.commands(0).move(1, 530, 700);
        a.commands(0).move(3, 530, 700);
        a.commands(1).holdPosition(4);
        a.commands(1).holdPosition(5);
        for (int f = 0; f < 60; f++) {
            a.step();
            assertTrue(Math.abs(a.posX(0) - a.posX(2)) >= 17 || Math.abs(a.posY(0) - a.posY(2)) >= 20,
                    "marines overlap at frame " + f + ": " + a.posX(0) + "," + a.posY(0) + " / " + a.posX(2) + "," + a.posY(2));
        }
        // both Wraiths were sent to one point; BW's repulse field pushes them apart, slowly (a quarter
        // pixel a frame each once two stand in one cell: BroodWarUnitAiTest checks the speed)
        double apart = Math.hypot(a.posX(1) - a.posX(3), a.posY(1) - a.posY(3));
        assertTrue(apart >= 3, "stacked wraiths drift apart: " + apart);
    }

    @Test
    void damageLandsAfterTheWeaponsDelayAndShotsAtTheDeadAreWasted() {
        var rifle = data.require("Terran_Marine").groundWeapon();
        assertTrue(rifle.hitDelay() > 0);
        // two marines shoot a third one; both shots are in flight before either lands
        String red = Duel.unit("Terran_Marine", 500, 500) + "\n" + Duel.unit("Terran_Marine", 500, 530);
        Arena a = new Arena(Duel.scenario(red, Duel.unit("Terran_Marine", 600, 515)), data);
        a.reset(1);
        a.commands(0).attack(0, 2);
        a.commands(0).attack(1, 2);
        a.commands(1).move(2, 600, 515);
        for (int f = 0; f < rifle.hitDelay(); f++) {
            a.step();
            assertEquals(40, a.getHitPoints(2), "not yet landed at frame " + f);
        }
        a.step();
        assertEquals(40 - 12, a.getHitPoints(2));
    }

    @Test
    void unitsTurnToFaceTheirTargetBeforeFiring() {
        assertEquals(0, Movement.direction(1, 0));
        assertEquals(64, Movement.direction(0, 1));
        assertEquals(128, Movement.direction(-1, 0));
        assertEquals(192, Movement.direction(0, -1));
        assertEquals(32, Movement.direction(1, 1));
        // a red marine faces east; its target is due west: 128 steps to turn at 40 per frame
        Arena a = new Arena(Duel.scenario(Duel.unit("Terran_Marine", 500, 500), Duel.unit("Terran_Marine", 400, 500)), data);
        a.reset(1);
        a.commands(0).attack(0, 1);
        a.commands(1).move(1, 400, 500);
        int fired = -1;
        for (int f = 0; f < 10 && fired < 0; f++) {
            a.step();
            if (a.getCooldown(0) > 0) fired = f;
        }
        assertEquals(2, fired, "turned to 40, 80, then 120 (within 8 of 128) and fired in that third frame");
        assertEquals(128, a.facing(0), 8);
    }

    @Test
    void unitObjectsReadLikeBwapi() {
        Arena a = new Arena(Duel.scenario(Duel.unit("Protoss_Zealot", 500, 500), Duel.unit("Zerg_Zergling", 700, 500)), data);
        a.reset(1);
        Unit z = a.getUnit(0);
        assertEquals("Protoss_Zealot", z.getType().name());
        assertEquals(100, z.getHitPoints());
        assertEquals(60, z.getShields());
        assertEquals(Order.STOP, z.getOrder());
        assertEquals(List.of(a.getUnit(1)), a.getUnits(1));
        assertEquals(a.getDistance(0, 1), z.getDistance(a.getUnit(1)));
        assertNull(z.getTarget());
    }

    @Test
    void idleUnitsFightBack() {
        // a marine attacked by a hydralisk from outside its acquisition range turns on it
        Arena a = new Arena(Duel.scenario(Duel.unit("Terran_Marine", 500, 500), Duel.unit("Zerg_Hydralisk", 500, 660)), data);
        a.reset(1);
        a.commands(1).attack(1, 0);
        for (int f = 0; f < 200 && a.exists(0) && a.exists(1); f++) a.step();
        assertTrue(a.getHitPoints(1) < 80, "the marine shot back");
    }
}
