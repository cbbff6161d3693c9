package tsunami.model;

import tsunami.env.FightSpec;
import tsunami.env.FightState;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Hand-made deterministic fights of one unit against one still target, for checking that the
 * model can learn a rule exactly: a move action walks the unit 32 px in its direction over the
 * 8-frame interval; an attack action takes 6 hp off the target (killing it at 6 or less) and
 * leaves the attacker's cooldown at 7 frames; the target never moves or shoots.
 */
final class KnownTransitions {
    static final int FRAME_SKIP = 8, MOVES = 8, FIRST_MOVE = 2, FIRST_ATTACK = FIRST_MOVE + MOVES;
    static final float STEP_PX = 32f, DAMAGE = 6f, MAX_HP = 40f;
    static final FightSpec SPEC = new FightSpec(1, 1, 1, new int[]{0, 0}, new float[]{MAX_HP, MAX_HP}, new float[]{0, 0},
            new float[]{15, 15}, 1024, 1024, FIRST_ATTACK + 1, FIRST_ATTACK, 1);

    private KnownTransitions() {
    }

    static FightState start(SplittableRandom rnd) {
        FightState s = new FightState(SPEC);
        s.alive[0] = s.alive[1] = true;
        s.x[0] = 200 + rnd.nextInt(600);
        s.y[0] = 200 + rnd.nextInt(600);
        s.x[1] = s.x[0] + rnd.nextInt(-100, 101);
        s.y[1] = s.y[0] + rnd.nextInt(-100, 101);
        s.hitPoints[0] = MAX_HP;
        s.hitPoints[1] = 7 + rnd.nextInt(34);
        s.slotTarget[0] = 1;
        s.frame = rnd.nextInt(100) * FRAME_SKIP;
        return s;
    }

    /** Walking in a random direction (walk) or shooting the target (not walk), one interval. */
    static Transition transition(SplittableRandom rnd, boolean walk, long episode) {
        FightState s = start(rnd);
        FightState next = s.copy();
        next.frame = s.frame + FRAME_SKIP;
        int action;
        if (walk) {
            int d = rnd.nextInt(MOVES);
            double angle = d * Math.PI / 4;
            float ux = (float) Math.cos(angle), uy = (float) -Math.sin(angle);   // screen y grows downward
            next.x[0] = s.x[0] + STEP_PX * ux;
            next.y[0] = s.y[0] + STEP_PX * uy;
            next.vx[0] = 4 * ux;
            next.vy[0] = 4 * uy;
            action = FIRST_MOVE + d;
        } else {
            next.hitPoints[1] = s.hitPoints[1] - DAMAGE;
            if (next.hitPoints[1] <= 0) {
                next.alive[1] = false;
                next.hitPoints[1] = 0;
            }
            next.cooldown[0] = 7;
            action = FIRST_ATTACK;
        }
        return new Transition(s, new int[]{action}, next, walk ? 0f : DAMAGE / MAX_HP, !next.alive[1], episode);
    }

    static List<Transition> many(int n, boolean walk, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Transition> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(transition(rnd, walk, i));
        return out;
    }
}
