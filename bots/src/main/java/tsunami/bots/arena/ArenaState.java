package tsunami.bots.arena;

import tsunami.bots.data.DamageType;
import tsunami.bots.data.GameData;
import tsunami.bots.data.UnitSize;
import tsunami.bots.data.UnitType;
import tsunami.bots.heuristic.GameView;
import tsunami.bots.heuristic.Order;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.UnitGroup;

/**
 * The arena's game state, shared by the parts that change it ({@link Arena}'s frame loop,
 * {@link UnitAi}, {@link Combat}, {@link Movement}, {@link RepulseField}): structure-of-arrays
 * indexed by unit id, sized once per scenario so that stepping allocates nothing, plus the frame
 * counter, the per-side tallies and the game's random generator. Fields are package-private on
 * purpose: the simulator's inner loops read them directly.
 */
final class ArenaState {
    // Orders are kept as Order's stable codes (int arrays, no allocation per step); replays store them too.
    static final int STOP = Order.STOP.code(), MOVE = Order.MOVE.code(), ATTACK_UNIT = Order.ATTACK_UNIT.code(),
            ATTACK_MOVE = Order.ATTACK_MOVE.code(), HOLD = Order.HOLD_POSITION.code();

    final int n;
    /** Id of blue's first unit (red's units come first). */
    final int firstBlue;
    final int mapW, mapH;

    // static per unit (set at construction from the scenario)
    final int[] player;
    final UnitType[] type;
    final int[] dimL, dimU, dimR, dimD;
    final boolean[] flyer;
    final float[] topSpeed, accel;
    final int[] turnRate;
    final int[] maxHp256, maxSh256;
    final boolean[] regeneratesHp;
    final int[] armor;
    final int[] sizeOrd;
    final int[] acquireRange;
    final int[] holdRange;
    final boolean[] healer, organic, canFire;
    final float[] startX, startY;
    final int[][] ratio; // [damageType][size]
    final boolean hasFlyers;

    // dynamic per unit
    final float[] x, y, speed;
    /** Direction of the unit's last step (unit vector): units with BW acceleration glide on along it when they stop. */
    final float[] dirX, dirY;
    /** Facing in BW's 256-step compass: 0 east, 64 south (y grows downward), 128 west. */
    final int[] facing;
    /** Course of a unit BW moves with acceleration (compass): it turns more slowly than the heading. */
    final int[] moveDir;
    final int[] hp256, sh256, energy256, cooldown;
    final int[] order, target;
    final float[] orderX, orderY;
    final boolean[] alive;
    /**
     * BW holds a unit in its attack animation (the iscript's no-break section): orders given before
     * {@code busyUntil} wait (the latest one kept) and take effect when the animation ends.
     */
    final int[] busyUntil, deferredOrder, deferredTarget;
    /** A blocked ground unit's side of detour (+1 clockwise, -1 counter-clockwise) and until which frame it keeps it. */
    final int[] detourSide, detourUntil;
    final float[] deferredX, deferredY;

    // Fairness: neither side may systematically act first (docs/arena.md, "Fair mirror matches").
    /** The order units act in, drawn per game (BW processes units in its list order, which favours no side). */
    final int[] updateOrder;
    /** A Medic's phase (0..7) of its periodic patient search, drawn per game. */
    final int[] searchPhase;
    /**
     * BW's main order timer (OpenBW {@code main_order_timer}): an idle (guarding), attack-moving or
     * holding unit looks for a target when it reaches 0, then waits {@link UnitAi#ACQUIRE_PERIOD} frames;
     * it starts at a random 0..15 (OpenBW {@code order_Guard}: {@code lcg_rand(29, 0, 15)}).
     */
    final int[] acquireTimer;
    /**
     * BW's {@code auto_target_unit}: the enemy a hit suggests to this unit (the attacker, set by
     * {@code on_unit_damage} on the victim and its allies within 96 px); -1 for none. An idle unit
     * attacks it, an attack-moving one turns on it, a unit fighting an enemy of its own choosing
     * switches to it only when that enemy is out of range and this one is not.
     */
    final int[] autoTarget;
    /** A flyer's repulse direction (compass) and the frames until it is renewed ({@link RepulseField}). */
    final int[] repulseDir, repulseTimer;
    /** Whether a unit moved toward a destination this frame, and that destination (for the repulse field). */
    final boolean[] travelling;
    final float[] travelX, travelY;
    /**
     * A point move's progress ({@link Movement#moveToPoint}): the point, the nearest the unit has come
     * to it, the frames since it last came nearer, and the last frame it moved toward it.
     */
    final float[] pointX, pointY, pointBest;
    final int[] pointStall, pointFrame;

    final int[] aliveCount = new int[2];
    final long[] damageDealt256 = new long[2];
    final int[] kills = new int[2];
    /** Per unit: damage (×256) its hits dealt, damage it suffered, and the enemies its hits killed, this game. */
    final long[] unitDealt256, unitTaken256;
    final int[] unitKills;
    final long[] startArmy256 = new long[2];

    int frame;
    final Xorshift random = new Xorshift();

    ArenaState(Scenario scenario, GameData data) {
        mapW = scenario.mapWidth();
        mapH = scenario.mapHeight();
        int nr = scenario.unitCount(0), nb = scenario.unitCount(1);
        n = nr + nb;
        firstBlue = nr;
        player = new int[n];
        type = new UnitType[n];
        dimL = new int[n]; dimU = new int[n]; dimR = new int[n]; dimD = new int[n];
        flyer = new boolean[n];
        topSpeed = new float[n]; accel = new float[n]; turnRate = new int[n];
        maxHp256 = new int[n]; maxSh256 = new int[n]; regeneratesHp = new boolean[n]; armor = new int[n]; sizeOrd = new int[n];
        acquireRange = new int[n]; holdRange = new int[n];
        healer = new boolean[n]; organic = new boolean[n]; canFire = new boolean[n];
        startX = new float[n]; startY = new float[n];
        x = new float[n]; y = new float[n]; speed = new float[n]; facing = new int[n]; moveDir = new int[n];
        dirX = new float[n]; dirY = new float[n];
        hp256 = new int[n]; sh256 = new int[n]; energy256 = new int[n]; cooldown = new int[n];
        order = new int[n]; target = new int[n]; orderX = new float[n]; orderY = new float[n];
        unitDealt256 = new long[n]; unitTaken256 = new long[n]; unitKills = new int[n];
        alive = new boolean[n];
        busyUntil = new int[n];
        deferredOrder = new int[n];
        deferredTarget = new int[n];
        detourSide = new int[n];
        detourUntil = new int[n];
        deferredX = new float[n];
        deferredY = new float[n];
        updateOrder = new int[n];
        searchPhase = new int[n];
        acquireTimer = new int[n];
        autoTarget = new int[n];
        repulseDir = new int[n];
        repulseTimer = new int[n];
        travelling = new boolean[n];
        travelX = new float[n];
        travelY = new float[n];
        pointX = new float[n];
        pointY = new float[n];
        pointBest = new float[n];
        pointStall = new int[n];
        pointFrame = new int[n];
        ratio = new int[DamageType.values().length][3];
        for (DamageType dt : DamageType.values()) {
            for (UnitSize s : UnitSize.values()) ratio[dt.ordinal()][s.ordinal()] = data.damageRatio(dt, s);
        }
        int id = 0;
        for (int p = 0; p < 2; p++) {
            double[] pos = scenario.formationPositions(p);
            int k = 0;
            for (UnitGroup g : scenario.side(p)) {
                for (int i = 0; i < g.count(); i++, id++, k++) {
                    UnitType t = g.type();
                    player[id] = p;
                    type[id] = t;
                    dimL[id] = t.dimLeft(); dimU[id] = t.dimUp(); dimR[id] = t.dimRight(); dimD[id] = t.dimDown();
                    flyer[id] = t.flyer();
                    topSpeed[id] = (float) t.topSpeed();
                    turnRate[id] = Math.max(1, t.turnRate());
                    // acceleration ≤ 1 marks units moved by their animation: full speed at once
                    accel[id] = t.acceleration() <= 1 ? Float.MAX_VALUE : t.acceleration() / 256f;
                    maxHp256[id] = t.hitPoints() * 256;
                    maxSh256[id] = t.shields() * 256;
                    regeneratesHp[id] = t.regeneratesHp();
                    armor[id] = t.armor();
                    sizeOrd[id] = t.size().ordinal();
                    acquireRange[id] = Math.max(t.seekRange(), t.maxRange());
                    holdRange[id] = t.maxRange();
                    healer[id] = t.isHealer();
                    organic[id] = t.organic();
                    canFire[id] = t.canAttack();
                    startX[id] = (float) pos[2 * k];
                    startY[id] = (float) pos[2 * k + 1];
                }
            }
        }
        boolean anyFlyer = false;
        for (int i = 0; i < n; i++) anyFlyer |= flyer[i];
        hasFlyers = anyFlyer;
        for (int i = 0; i < n; i++) startArmy256[player[i]] += maxHp256[i] + maxSh256[i];
    }

    /** Keeps unit i's box on the map. */
    float clampX(int i, float v) {
        return Math.max(dimL[i], Math.min(mapW - 1 - dimR[i], v));
    }

    float clampY(int i, float v) {
        return Math.max(dimU[i], Math.min(mapH - 1 - dimD[i], v));
    }

    /** BW's approximate distance between the boxes of units a and b. */
    int distance(int a, int b) {
        return GameView.boxDistance(type[a], (int) x[a], (int) y[a], type[b], (int) x[b], (int) y[b]);
    }

    /** BW's approximate distance from unit a's box to a point. */
    int distanceToPoint(int a, int px, int py) {
        int ax = (int) x[a], ay = (int) y[a];
        int xd = (ax - dimL[a]) - px;
        if (xd < 0) {
            xd = px - (ax + dimR[a]);
            if (xd < 0) xd = 0;
        }
        int yd = (ay - dimU[a]) - py;
        if (yd < 0) {
            yd = py - (ay + dimD[a]);
            if (yd < 0) yd = 0;
        }
        return GameView.approxDistance(xd, yd);
    }
}
