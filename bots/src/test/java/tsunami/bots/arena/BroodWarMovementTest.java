package tsunami.bots.arena;

import org.junit.jupiter.api.Test;
import tsunami.bots.data.GameData;

import static org.junit.jupiter.api.Assertions.*;

/** How units turn and find their way, after BW's movement rules (OpenBW bwgame.h), played out in the arena. */
class BroodWarMovementTest {
    private final GameData data = GameData.standard();

    @Test
    void aMarineTurnsOnTheSpotBeforeItWalksBack() {
        // red faces east at the start; a move order due west needs half a turn (128 of 256). At 40 a
        // frame the heading is 88, 48, then 8 off: the Marine walks once it is under 32 off, in its
        // third frame, and not before
        Arena a = new Arena(Duel.scenario(Duel.unit("Terran_Marine", 1000, 1000), Duel.unit("Terran_Marine", 1900, 1900)), data);
        a.reset(1);
        assertEquals(0, a.facing(0));
        a.commands(0).move(0, 600, 1000);
        int rate = data.require("Terran_Marine").turnRate();
        int framesStill = (128 - Movement.WALK_TURN_LIMIT + rate) / rate - 1; // frames whose turn leaves 32 or more
        for (int f = 0; f < framesStill; f++) {
            a.step();
            assertEquals(1000f, a.posX(0), 0f, "still turning at frame " + f);
        }
        a.step();
        assertTrue(a.posX(0) < 1000f, "walks once nearly facing its course");
        assertEquals(1000f - 4f, a.posX(0), 0.01f, "at its top speed");
    }

    @Test
    void aWraithArcsRoundInsteadOfReversingOnTheSpot() {
        // a Wraith at full speed eastward told to fly west: BW turns its course by half its turn rate
        // (20 of 256 a frame, about 28°), so it goes on eastward about 10 px before it comes back
        Arena a = new Arena(Duel.scenario(Duel.unit("Terran_Wraith", 300, 1000), Duel.unit("Terran_Marine", 1900, 1900)), data);
        a.reset(1);
        a.commands(0).move(0, 1500, 1000);
        for (int f = 0; f < 60; f++) a.step();
        float turnAt = a.posX(0);
        a.commands(0).move(0, 300, 1000);
        float furthest = turnAt;
        float maxOffCourse = 0;
        for (int f = 0; f < 20; f++) {
            a.step();
            furthest = Math.max(furthest, a.posX(0));
            maxOffCourse = Math.max(maxOffCourse, Math.abs(a.posY(0) - 1000f));
        }
        assertTrue(furthest > turnAt + 5, "carries on east while turning: " + (furthest - turnAt) + " px");
        assertTrue(maxOffCourse > 10, "the turn is an arc, off the straight line: " + maxOffCourse + " px");
        for (int f = 0; f < 300; f++) a.step();
        assertEquals(300f, a.posX(0), 1f, "and still ends on the point");
        assertEquals(1000f, a.posY(0), 1f);
    }

    @Test
    void marinesBehindALineOfStandingAlliesWalkRoundItsNearEnd() {
        // a line of 7 standing Marines across the way (x 500, y 434..566, 3 px gaps: nobody fits
        // through) and 3 Marines behind its upper part (y 445..489), ordered to points beyond it; each
        // goes round the line's nearer (upper) end and gets there, rather than waiting behind it or
        // taking the long way round its lower end
        StringBuilder red = new StringBuilder();
        for (int k = 0; k < 3; k++) red.append(Duel.unit("Terran_Marine", 440, 445 + 22 * k)).append('\n');
        for (int k = 0; k < 7; k++) red.append(Duel.unit("Terran_Marine", 500, 434 + 22 * k)).append('\n');
        Arena a = new Arena(Duel.scenario(red.toString().stripTrailing(), Duel.unit("Terran_Marine", 1900, 1900)), data);
        a.reset(1);
        for (int k = 3; k < 10; k++) a.commands(0).holdPosition(k);
        int[] arrived = {-1, -1, -1};
        float[] maxY = new float[3];
        for (int f = 0; f < 400; f++) {
            for (int k = 0; k < 3; k++) if (arrived[k] < 0) a.commands(0).move(k, 600, 445 + 22 * k);
            a.step();
            for (int k = 0; k < 3; k++) {
                maxY[k] = Math.max(maxY[k], a.posY(k));
                if (arrived[k] < 0 && Math.abs(a.posX(k) - 600) < 1 && Math.abs(a.posY(k) - (445 + 22 * k)) < 1) arrived[k] = f;
            }
        }
        for (int k = 0; k < 3; k++) {
            assertTrue(arrived[k] >= 0, "Marine " + k + " reaches the point behind the line");
            assertTrue(maxY[k] < 566, "Marine " + k + " goes round the upper end, not the lower: max y " + maxY[k]);
        }
        for (int k = 3; k < 10; k++) assertEquals(500f, a.posX(k), 0f, "the line stands");
    }

    @Test
    void marinesSentToOnePointStopRoundTheFirstToArriveAndAttackMoveOnAgain() {
        // five Marines attack-moved onto one point: one stands on it, the others crowd round it and
        // can get no nearer; each ends its order there (STOP) within a second of last gaining ground,
        // rather than walking on the spot for ever, so a side sent to an empty place comes on again
        StringBuilder red = new StringBuilder();
        for (int k = 0; k < 5; k++) red.append(Duel.unit("Terran_Marine", 400, 900 + 30 * k)).append('\n');
        Arena a = new Arena(Duel.scenario(red.toString().stripTrailing(), Duel.unit("Terran_Marine", 1900, 1900)), data);
        a.reset(1);
        for (int u = 0; u < 5; u++) a.commands(0).attackMove(u, 700, 960);
        int allStopped = -1;
        for (int f = 0; f < 400 && allStopped < 0; f++) {
            a.step();
            boolean all = true;
            for (int u = 0; u < 5; u++) all &= a.getOrder(u) == tsunami.bots.heuristic.Order.STOP;
            if (all) allStopped = f;
        }
        assertTrue(allStopped > 0, "every Marine's attack-move ends");
        for (int u = 0; u < 5; u++) {
            double d = Math.hypot(a.posX(u) - 700, a.posY(u) - 960);
            assertTrue(d < 60, "Marine " + u + " stopped in the crowd round the point, " + d + " px from it");
        }
        // a Marine walking round a standing one on its way keeps going: only a stall ends the order
        Arena b = new Arena(Duel.scenario(Duel.unit("Terran_Marine", 400, 1000) + "\n" + Duel.unit("Terran_Marine", 430, 1000),
                Duel.unit("Terran_Marine", 1900, 1900)), data);
        b.reset(1);
        b.commands(0).move(0, 900, 1000);
        for (int f = 0; f < 200; f++) b.step();
        assertEquals(900f, b.posX(0), 1f, "reaches a point beyond the standing Marine");
    }
}
