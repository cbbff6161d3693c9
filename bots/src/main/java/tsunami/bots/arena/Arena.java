package tsunami.bots.arena;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.BadInputException;
import tsunami.bots.data.DamageType;
import tsunami.bots.data.GameData;
import tsunami.bots.data.SplashKind;
import tsunami.bots.data.UnitSize;
import tsunami.bots.data.UnitType;
import tsunami.bots.data.WeaponType;
import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;
import tsunami.bots.heuristic.Heuristic;
import tsunami.bots.heuristic.Order;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.UnitGroup;

import java.util.Arrays;
import java.util.List;

/**
 * The built-in Brood War combat simulator: one game of a {@link Scenario}, advanced one logical
 * frame at a time by {@link #step()}.
 *
 * <p>State is kept as structure-of-arrays indexed by unit id, sized once per scenario, so that
 * stepping allocates nothing. Everything is deterministic: integer hit points (×256, as BW keeps
 * them), float positions updated in a fixed order, and the only randomness (start jitter, BW's
 * cooldown variation) comes from a seeded xorshift generator of our own.
 *
 * <p>Rules follow BW: per hit, shields absorb first at full damage; what passes loses the target's
 * armor, then is scaled by the damage-type × size ratio, with a minimum of half a point; multi-hit
 * weapons (Zealot) repeat this per hit; Firebat splash hits enemies around the target at
 * 100/50/25%; Mutalisk glaives bounce twice for 1/3 and 1/9; Medics heal organic ground allies.
 * Range is measured between unit boxes with BW's approximate distance. Ground units do not
 * overlap; air units do. Damage lands a weapon-specific number of frames after the shot (attack
 * animation and projectile flight), so units firing together at one target can overkill it.
 * Units turn at their BW turn rate and fire only when facing their target. Units BW moves with
 * acceleration (Vulture, Wraith, Mutalisk) accelerate, brake onto move points and glide to a halt.
 */
public final class Arena implements GameView {
    private static final Logger LOG = LoggerFactory.getLogger(Arena.class);

    /**
     * Version of the game rules: bumped whenever a change makes the same scenario, seed and commands
     * play differently, so that replays recorded under other rules are refused rather than failing
     * to reproduce. 2 (2026-12): BW's shield and regeneration rules, flying bullets, the Zealot's
     * two blows, allies alarmed by a hit, flyer separation. 3 (2026-12): BW's unit AI (auto targets set
     * by hits, 15-frame target search, target priorities and retargeting), weapon attack angles,
     * BW's repulse field for flyers.
     */
    public static final int RULES_VERSION = 3;

    /** Outcome codes of {@link #winner()}. */
    public static final int NO_WINNER = -1;
    public static final int DRAW = 2;

    // Orders are kept as Order's stable codes (int arrays, no allocation per step); replays store them too.
    private static final int STOP = Order.STOP.code(), MOVE = Order.MOVE.code(), ATTACK_UNIT = Order.ATTACK_UNIT.code(),
            ATTACK_MOVE = Order.ATTACK_MOVE.code(), HOLD = Order.HOLD_POSITION.code();
    private static final int[] NO_RADII = new int[0];

    private final GameData data;
    private final Scenario scenario;
    private final int n;
    /** Id of blue's first unit (red's units come first). */
    private final int firstBlue;
    private final int mapW, mapH;
    private final int decisionInterval;

    // static per unit (set at construction from the scenario)
    private final int[] player;
    private final UnitType[] type;
    private final int[] dimL, dimU, dimR, dimD;
    private final boolean[] flyer;
    private final float[] topSpeed, accel;
    private final int[] turnRate;
    private final int[] maxHp256, maxSh256;
    private final boolean[] regeneratesHp;
    private final boolean hasFlyers;
    private final int[] armor;
    private final int[] sizeOrd;
    private final int[] acquireRange;
    private final int[] holdRange;
    private final boolean[] healer, organic, canFire;
    private final float[] startX, startY;
    private final int[][] ratio; // [damageType][size]

    // dynamic per unit
    private final float[] x, y, speed;
    /** Direction of the unit's last step (unit vector): units with BW acceleration glide on along it when they stop. */
    private final float[] dirX, dirY;
    /** Facing in BW's 256-step compass: 0 east, 64 south (y grows downward), 128 west. */
    private final int[] facing;
    private final int[] hp256, sh256, energy256, cooldown;
    private final int[] order, target;
    private final float[] orderX, orderY;
    private final boolean[] alive;
    /**
     * BW holds a unit in its attack animation (the iscript's no-break section): orders given before
     * {@code busyUntil} wait (the latest one kept) and take effect when the animation ends.
     */
    private final int[] busyUntil, deferredOrder, deferredTarget;
    private final float[] deferredX, deferredY;
    // Living ground units in a uniform grid (doubly linked lists per cell): collision checks look
    // at the 3 x 3 cells around a unit instead of every unit. Cells are wider than any two
    // half-widths together, so an overlapping unit is always in a neighbouring cell.
    private static final int CELL_SHIFT = 6; // 64 px
    private final int gridW, gridH;
    private final int[] cellHead;
    private final int[] cellNext, cellPrev, cellOf;
    private final int[] aliveCount = new int[2];
    private final long[] damageDealt256 = new long[2];
    /** Per unit: damage (×256) its hits dealt, damage it suffered, and the enemies its hits killed, this game. */
    private final long[] unitDealt256, unitTaken256;
    private final int[] unitKills;
    private final int[] kills = new int[2];
    private final long[] startArmy256 = new long[2];
    private final int[] bounceHit = new int[4];
    // shots on their way: damage lands hitDelay frames after firing, on the target if it still lives
    private final int[] pendDue, pendAttacker, pendTarget, pendHits;
    private final WeaponType[] pendWeapon;
    /** Flying bullets: the frame they leave the attacker (-1 for shots that land at pendDue), position, speed, aim. */
    private final int[] pendLaunch;
    private final float[] pendX, pendY, pendSpeed, pendAimX, pendAimY;
    private int pendCount;
    /** A shot without hit delay was fired this frame: it lands once every unit has acted. */
    private boolean landAfterUpdates;

    // Fairness: neither side may systematically act first (docs/arena.md, "Fair mirror matches").
    /** The order units act in, drawn per game (BW processes units in its list order, which favours no side). */
    private final int[] updateOrder;
    /** A Medic's phase (0..7) of its periodic patient search, drawn per game. */
    private final int[] searchPhase;
    /**
     * BW's main order timer (OpenBW {@code main_order_timer}): an idle (guarding), attack-moving or
     * holding unit looks for a target when it reaches 0, then waits {@link #ACQUIRE_PERIOD} frames;
     * it starts at a random 0..15 (OpenBW {@code order_Guard}: {@code lcg_rand(29, 0, 15)}).
     */
    private final int[] acquireTimer;
    /**
     * BW's {@code auto_target_unit}: the enemy a hit suggests to this unit (the attacker, set by
     * {@code on_unit_damage} on the victim and its allies within 96 px); -1 for none. An idle unit
     * attacks it, an attack-moving one turns on it, a unit fighting an enemy of its own choosing
     * switches to it only when that enemy is out of range and this one is not.
     */
    private final int[] autoTarget;
    /** BW's repulse field: flyer counts per cell, each flyer's repulse direction and renewal timer. */
    private final int repulseW, repulseH;
    private final int[] repulseCount, repulseDir, repulseTimer;
    /** Whether a unit moved toward a destination this frame, and that destination (for the repulse field). */
    private final boolean[] travelling;
    private final float[] travelX, travelY;

    private int frame;
    private int winner = NO_WINNER;
    private long rng;

    private final Heuristic[] controllers = new Heuristic[2];
    private final String[] controllerFailure = new String[2];
    private final PlayerCommands[] commands = {new PlayerCommands(0), new PlayerCommands(1)};
    private Observer observer;

    /** Sees every accepted command and every frame (replay recording). */
    public interface Observer {
        /** @param order the order's {@link Order#code()} */
        void onCommand(int frame, int unit, int order, int target, int x, int y);

        /** After {@link #reset} and after every {@link #step}. */
        default void afterFrame(Arena arena) {
        }

        /** Once, right after the {@link #afterFrame} of the frame that decided the game. */
        default void gameOver(Arena arena) {
        }
    }

    public Arena(Scenario scenario, GameData data) {
        this.data = data;
        this.scenario = scenario;
        this.mapW = scenario.mapWidth();
        this.mapH = scenario.mapHeight();
        this.decisionInterval = scenario.decisionInterval();
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
        x = new float[n]; y = new float[n]; speed = new float[n]; facing = new int[n];
        dirX = new float[n]; dirY = new float[n];
        hp256 = new int[n]; sh256 = new int[n]; energy256 = new int[n]; cooldown = new int[n];
        order = new int[n]; target = new int[n]; orderX = new float[n]; orderY = new float[n];
        unitDealt256 = new long[n]; unitTaken256 = new long[n]; unitKills = new int[n];
        alive = new boolean[n];
        busyUntil = new int[n];
        deferredOrder = new int[n];
        deferredTarget = new int[n];
        deferredX = new float[n];
        deferredY = new float[n];
        gridW = (mapW >> CELL_SHIFT) + 1;
        gridH = (mapH >> CELL_SHIFT) + 1;
        cellHead = new int[gridW * gridH];
        cellNext = new int[n];
        cellPrev = new int[n];
        cellOf = new int[n];
        pendDue = new int[4 * n];
        pendAttacker = new int[4 * n];
        pendTarget = new int[4 * n];
        pendWeapon = new WeaponType[4 * n];
        pendHits = new int[4 * n];
        pendLaunch = new int[4 * n];
        pendX = new float[4 * n];
        pendY = new float[4 * n];
        pendSpeed = new float[4 * n];
        pendAimX = new float[4 * n];
        pendAimY = new float[4 * n];
        updateOrder = new int[n];
        searchPhase = new int[n];
        acquireTimer = new int[n];
        autoTarget = new int[n];
        repulseW = mapW / REPULSE_CELL + 1;
        repulseH = mapH / REPULSE_CELL + 1;
        repulseCount = new int[repulseW * repulseH];
        repulseDir = new int[n];
        repulseTimer = new int[n];
        travelling = new boolean[n];
        travelX = new float[n];
        travelY = new float[n];
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
        for (int i = 0; i < n; i++) {
            startArmy256[player[i]] += maxHp256[i] + maxSh256[i];
            if (Math.max(Math.max(dimL[i], dimR[i]), Math.max(dimU[i], dimD[i])) >= (1 << CELL_SHIFT) / 2 - 1) {
                throw new IllegalArgumentException(type[i].name() + " is too large for the arena's collision grid");
            }
        }
        reset(1);
    }

    /** Restarts the game from the scenario's starting positions, jittered from {@code seed}. */
    public void reset(long seed) {
        rng = mix(seed);
        frame = 0;
        winner = NO_WINNER;
        aliveCount[0] = aliveCount[1] = 0;
        damageDealt256[0] = damageDealt256[1] = 0;
        kills[0] = kills[1] = 0;
        Arrays.fill(unitDealt256, 0);
        Arrays.fill(unitTaken256, 0);
        Arrays.fill(unitKills, 0);
        Arrays.fill(cellHead, -1);
        pendCount = 0;
        float j = (float) scenario.jitter();
        for (int i = 0; i < n; i++) {
            float jx = j == 0 ? 0 : (nextFloat() * 2 - 1) * j;
            float jy = j == 0 ? 0 : (nextFloat() * 2 - 1) * j;
            x[i] = clampX(i, startX[i] + jx);
            y[i] = clampY(i, startY[i] + jy);
            speed[i] = 0;
            dirX[i] = dirY[i] = 0;
            facing[i] = player[i] == 0 ? 0 : 128; // the sides face each other
            hp256[i] = maxHp256[i];
            sh256[i] = maxSh256[i];
            energy256[i] = type[i].startEnergy() * 256;
            cooldown[i] = 0;
            order[i] = STOP;
            target[i] = -1;
            orderX[i] = x[i];
            orderY[i] = y[i];
            alive[i] = true;
            busyUntil[i] = 0;
            deferredOrder[i] = -1;
            aliveCount[player[i]]++;
            cellOf[i] = -1;
            if (!flyer[i]) gridInsert(i);
        }
        // after the jitter, so that positions come from the seed as before
        for (int i = 0; i < n; i++) {
            int k = (int) ((nextLong() >>> 33) % (i + 1)); // Fisher-Yates, inside out
            updateOrder[i] = updateOrder[k];
            updateOrder[k] = i;
            searchPhase[i] = (int) (nextLong() >>> 61);
            acquireTimer[i] = (int) ((nextLong() >>> 33) % (ACQUIRE_PERIOD + 1));
            autoTarget[i] = -1;
            repulseDir[i] = (int) (nextLong() >>> 56);
            repulseTimer[i] = 0;
            travelling[i] = false;
        }
        landAfterUpdates = false;
        controllerFailure[0] = controllerFailure[1] = null;
        for (int p = 0; p < 2; p++) {
            if (controllers[p] != null) callStart(p);
        }
        if (observer != null) observer.afterFrame(this);
    }

    /** Who plays each side; null leaves a side to external commands (a learning agent, a replay). */
    public void setController(int side, Heuristic h) {
        controllers[side] = h;
        controllerFailure[side] = null;
        if (h != null && frame == 0) callStart(side);
    }

    /** Attaches an observer (null detaches); attach it before {@link #reset} to see the whole game. */
    public void setObserver(Observer o) {
        this.observer = o;
    }

    /** Orders for {@code side}'s units, issued now. */
    public Commands commands(int side) {
        return commands[side];
    }

    /** Why a side's heuristic was disabled during this game, or null. */
    public String controllerFailure(int side) {
        return controllerFailure[side];
    }

    // ------------------------------------------------------------------ the frame

    /**
     * Advances one logical frame: heuristics (on decision frames, the side that decides first drawn
     * each time: the second sees the first's new orders), shots due, then every living unit in this
     * game's update order.
     */
    public void step() {
        int first = beginFrame();
        if (first >= 0) {
            decide(first);
            decide(1 - first);
        }
        finishFrame();
    }

    /**
     * The first half of {@link #step}, for hosts that interleave external players with the
     * controllers: on a decision frame, draws which side decides first and returns it (the caller
     * then lets both sides decide in that order, through {@link #decide} for controlled sides);
     * -1 on other frames or once the game is over. {@link #finishFrame} completes the frame.
     */
    public int beginFrame() {
        if (winner != NO_WINNER || frame % decisionInterval != 0) return -1;
        return (int) (nextLong() >>> 63); // drawn with or without controllers, so replays stay in step
    }

    /** Lets {@code side}'s controller, if it has one, give its orders for this frame. */
    public void decide(int side) {
        if (winner == NO_WINNER && controllers[side] != null) callFrame(side);
    }

    /** The second half of {@link #step}: shots land, every living unit acts, the frame ends. */
    public void finishFrame() {
        if (winner != NO_WINNER) return;
        if (pendCount > 0) landShots(true);
        for (int k = 0; k < n; k++) {
            int i = updateOrder[k];
            if (alive[i]) update(i);
        }
        if (hasFlyers) repulseFlyers();
        if (landAfterUpdates) {
            landAfterUpdates = false;
            landShots(false);
        }
        frame++;
        if (aliveCount[0] == 0 || aliveCount[1] == 0) {
            winner = aliveCount[0] == 0 && aliveCount[1] == 0 ? DRAW : aliveCount[0] == 0 ? BLUE : RED;
        } else if (frame >= scenario.timeLimitFrames()) {
            winner = DRAW;
        }
        if (observer != null) {
            observer.afterFrame(this);
            if (winner != NO_WINNER) observer.gameOver(this);
        }
    }

    /** Plays until the game ends; returns {@link #winner()}. */
    public int playOut() {
        while (winner == NO_WINNER) step();
        return winner;
    }

    private void callStart(int p) {
        try {
            controllers[p].onStart(this, p);
        } catch (Exception | LinkageError e) {
            disable(p, e);
        }
    }

    private void callFrame(int p) {
        try {
            controllers[p].onFrame(this, p, commands[p]);
        } catch (Exception | LinkageError e) {
            disable(p, e);
        }
    }

    private void disable(int p, Throwable e) {
        String name;
        try {
            name = controllers[p].name();
        } catch (RuntimeException ignored) {
            name = controllers[p].getClass().getName();
        }
        controllerFailure[p] = "heuristic '" + name + "' failed at frame " + frame + ": " + e;
        LOG.warn("{}; its units keep their last orders for the rest of the game", controllerFailure[p]);
        controllers[p] = null;
    }

    private void update(int i) {
        travelling[i] = false;
        if (cooldown[i] > 0) cooldown[i]--;
        regenerate(i);
        if (deferredOrder[i] >= 0 && frame >= busyUntil[i]) {
            int o = deferredOrder[i], t = deferredTarget[i];
            deferredOrder[i] = -1;
            if (o != ATTACK_UNIT || alive[t]) applyOrder(i, o, t, deferredX[i], deferredY[i]);
        }
        if (healer[i]) {
            updateHealer(i);
            return;
        }
        int o = order[i];
        int t = target[i];
        if (t >= 0 && !alive[t]) {
            t = target[i] = -1;
            if (o == ATTACK_UNIT) order[i] = o = STOP;
        }
        if (o == MOVE) {
            if (moveToward(i, orderX[i], orderY[i], 0)) order[i] = STOP;
            return;
        }
        if (o != ATTACK_UNIT && canFire[i]) t = target[i] = unitAi(i, o, t);
        if (t >= 0) {
            WeaponType w = type[i].weaponAgainst(flyer[t]);
            if (w == null) {
                target[i] = -1;
                if (o == ATTACK_UNIT) order[i] = STOP;
                speed[i] = 0;
                return;
            }
            int d = getDistance(i, t);
            if (d <= w.maxRange() && d >= w.minRange()) {
                halt(i);
                // a unit turns to face its target when ready to fire, and fires once it faces it
                if (cooldown[i] == 0 && turnToward(i, x[t] - x[i], y[t] - y[i])) fire(i, t, w);
                return;
            }
            if (o == HOLD) {
                target[i] = -1;
                return;
            }
            moveToward(i, x[t], y[t], 0);
            return;
        }
        if (o == ATTACK_MOVE) {
            if (moveToward(i, orderX[i], orderY[i], 0)) order[i] = STOP;
        } else {
            halt(i);
        }
    }

    /** Frames between two target searches of an idle, attack-moving or holding unit (OpenBW: main_order_timer = 15). */
    static final int ACQUIRE_PERIOD = 15;

    /**
     * BW's unit AI for a unit without a player-given target (OpenBW order_PlayerGuard, order_AttackMove,
     * order_HoldPosition, attack_unit_reacquire_target); returns the unit's target (-1 for none).
     * <ul>
     * <li>No target: a valid auto target (the attacker a hit suggested) is taken at once (an
     * attack-moving unit uses it up); otherwise, every {@link #ACQUIRE_PERIOD} frames, the nearest
     * enemy of the best priority within acquisition range (holding units: weapon range).</li>
     * <li>A target of its own choosing: kept while it is in weapon range (priority 0, in range);
     * otherwise the unit takes the auto target or the nearest enemy within acquisition range when
     * that one ranks better (an out-of-range target ranks 1, an in-range one 0), every frame.</li>
     * </ul>
     */
    private int unitAi(int i, int o, int t) {
        int a = autoTarget[i];
        if (a >= 0 && (!alive[a] || type[i].weaponAgainst(flyer[a]) == null)) a = autoTarget[i] = -1;
        if (acquireTimer[i] > 0) acquireTimer[i]--;
        if (t < 0) {
            if (a >= 0 && (o != HOLD || isInWeaponRange(i, a))) {
                if (o == ATTACK_MOVE) autoTarget[i] = -1; // attack_move_movement uses the suggestion up
                return a;
            }
            if (acquireTimer[i] != 0) return -1;
            acquireTimer[i] = ACQUIRE_PERIOD;
            return acquire(i, o == HOLD ? holdRange[i] : acquireRange[i]);
        }
        int rank = attackPriority(i, t);
        if (rank == 0) {
            if (inWeaponMovementRange(i, t)) return t;
            rank = 1;
        }
        int best = t;
        if (a >= 0 && a != t) {
            int ra = attackPriority(i, a);
            if (ra == 0 && !inWeaponMovementRange(i, a)) ra = 1;
            if (ra < rank) {
                rank = ra;
                best = a;
            }
        }
        if (rank != 0) {
            int nt = acquire(i, o == HOLD ? holdRange[i] : acquireRange[i]);
            if (nt >= 0 && attackPriority(i, nt) < rank) best = nt;
        }
        return best;
    }

    /**
     * BW's attack priority of target t for unit i (OpenBW unit_target_attack_priority), for the units
     * the arena has: 0 for an enemy that can attack i, 2 for one that is armed but cannot, 3 for an
     * unarmed one.
     */
    private int attackPriority(int i, int t) {
        if (type[t].weaponAgainst(flyer[i]) != null) return 0;
        return canFire[t] ? 2 : 3;
    }

    /**
     * OpenBW unit_target_in_weapon_movement_range: within weapon range, widened by the unit's halt
     * distance while it moves (unless the target moves within 45 degrees of its own course).
     */
    private boolean inWeaponMovementRange(int i, int t) {
        WeaponType w = type[i].weaponAgainst(flyer[t]);
        if (w == null) return false;
        int d = getDistance(i, t);
        if (w.minRange() > 0 && d <= w.minRange()) return false;
        int max = w.maxRange();
        float v = speed[i];
        if (v > 0 && accel[i] != Float.MAX_VALUE) {
            boolean sameCourse = speed[t] > 0 && dirX[i] * dirX[t] + dirY[i] * dirY[t] >= 0.70710677f;
            if (!sameCourse) max += (int) (v * v / (2 * accel[i]));
        }
        return d <= max;
    }

    private void updateHealer(int i) {
        int o = order[i];
        if (o == MOVE) {
            if (moveToward(i, orderX[i], orderY[i], 0)) order[i] = STOP;
            return;
        }
        energy256[i] = Math.min(energy256[i] + 8, type[i].maxEnergy() * 256);
        int t = target[i];
        if (t >= 0 && (!alive[t] || hp256[t] >= maxHp256[t])) t = target[i] = -1;
        if (t < 0 && ((frame + searchPhase[i]) & 3) == 0) t = target[i] = findPatient(i, o == HOLD ? type[i].healRange() : type[i].sightRange());
        UnitType ht = type[i];
        int cost = ht.healPerFrame256() / 2; // 1 energy per 2 hit points
        if (t >= 0) {
            if (getDistance(i, t) <= ht.healRange()) {
                speed[i] = 0;
                if (energy256[i] >= cost) {
                    energy256[i] -= cost;
                    hp256[t] = Math.min(maxHp256[t], hp256[t] + ht.healPerFrame256());
                }
                return;
            }
            if (o != HOLD) moveToward(i, x[t], y[t], 0);
            return;
        }
        if (o == ATTACK_MOVE) {
            if (moveToward(i, orderX[i], orderY[i], 0)) order[i] = STOP;
        } else {
            speed[i] = 0;
        }
    }

    private int findPatient(int i, int range) {
        int best = -1, bestD = Integer.MAX_VALUE;
        int p = player[i];
        for (int j = 0; j < n; j++) {
            if (j == i || !alive[j] || player[j] != p || !organic[j] || flyer[j] || hp256[j] >= maxHp256[j]) continue;
            int d = getDistance(i, j);
            if (d <= range && d < bestD) {
                bestD = d;
                best = j;
            }
        }
        return best;
    }

    /**
     * Nearest enemy this unit can hit within {@code range}, from the best of BW's priority groups
     * (OpenBW find_acquire_target: enemies that can shoot back first).
     */
    private int acquire(int i, int range) {
        int best = -1, bestScore = Integer.MAX_VALUE;
        int p = player[i];
        UnitType ti = type[i];
        for (int j = 0; j < n; j++) {
            if (!alive[j] || player[j] == p) continue;
            if (ti.weaponAgainst(flyer[j]) == null) continue;
            int d = getDistance(i, j);
            if (d > range) continue;
            int score = d + attackPriority(i, j) * 1_000_000; // BW's priority groups first, then the nearest
            if (score < bestScore) {
                bestScore = score;
                best = j;
            }
        }
        return best;
    }

    // ------------------------------------------------------------------ combat

    private void fire(int i, int t, WeaponType w) {
        // BW varies each cooldown by -1..+2 frames
        cooldown[i] = w.cooldown() + (nextInt4() - 1);
        busyUntil[i] = frame + w.hitDelay();
        int hits = type[i].hitsAgainst(flyer[t]) * w.factor();
        if (w.bullet() != WeaponType.Bullet.INSTANT) {
            // a flying bullet leaves after the attack animation's delay and lands when it reaches the target
            int k = enqueue(i, t, w, hits, Integer.MAX_VALUE);
            if (k < 0) land(i, t, w, hits);
            else {
                pendLaunch[k] = frame + w.hitDelay();
                pendX[k] = x[i];
                pendY[k] = y[i];
                pendSpeed[k] = 0;
                pendAimX[k] = x[t];
                pendAimY[k] = y[t];
            }
            return;
        }
        // multi-hit melee (Zealot): BW's attack animation strikes once per hit, hitGap frames apart
        int per = w.hitGap() > 0 ? 1 : hits;
        for (int h = 0; h < hits; h += per) {
            int due = frame + w.hitDelay() + (per == 1 ? h * w.hitGap() : 0);
            // a shot without delay lands after every unit has acted this frame, so that two units
            // firing at each other in the same frame both hit, whichever acted first
            if (due == frame) landAfterUpdates = true;
            if (enqueue(i, t, w, per, due) < 0) land(i, t, w, per);
        }
    }

    /** Adds a shot on its way; returns its slot, or -1 when the queue is full (the caller lands it at once). */
    private int enqueue(int i, int t, WeaponType w, int hits, int due) {
        if (pendCount >= pendDue.length) return -1;
        int k = pendCount++;
        pendDue[k] = due;
        pendAttacker[k] = i;
        pendTarget[k] = t;
        pendWeapon[k] = w;
        pendHits[k] = hits;
        pendLaunch[k] = -1;
        pendX[k] = pendY[k] = pendSpeed[k] = pendAimX[k] = pendAimY[k] = 0; // hashed: no stale values from a reused slot
        return k;
    }

    /**
     * Lands the shots due this frame, in the order they were fired. At the start of a frame
     * ({@code startOfFrame}) flying bullets also move one frame; the pass after the units' updates
     * lands only the shots fired without delay.
     */
    private void landShots(boolean startOfFrame) {
        int kept = 0;
        for (int k = 0; k < pendCount; k++) {
            boolean lands;
            if (pendLaunch[k] < 0) lands = pendDue[k] <= frame;
            else lands = startOfFrame && pendLaunch[k] <= frame && flyBullet(k);
            if (lands) {
                int t = pendTarget[k];
                if (alive[t]) land(pendAttacker[k], t, pendWeapon[k], pendHits[k]); // a shot at a dead unit is wasted (overkill)
            } else {
                if (kept != k) copyShot(k, kept);
                kept++;
            }
        }
        pendCount = kept;
    }

    private void copyShot(int from, int to) {
        pendDue[to] = pendDue[from];
        pendAttacker[to] = pendAttacker[from];
        pendTarget[to] = pendTarget[from];
        pendWeapon[to] = pendWeapon[from];
        pendHits[to] = pendHits[from];
        pendLaunch[to] = pendLaunch[from];
        pendX[to] = pendX[from];
        pendY[to] = pendY[from];
        pendSpeed[to] = pendSpeed[from];
        pendAimX[to] = pendAimX[from];
        pendAimY[to] = pendAimY[from];
    }

    /**
     * Moves flying bullet k one frame, as BW moves a bullet's flingy: its speed grows by the
     * flingy's acceleration up to its top speed; a following bullet steers to its target's current
     * position. Returns true when it reaches its aim this frame.
     */
    private boolean flyBullet(int k) {
        WeaponType w = pendWeapon[k];
        int t = pendTarget[k];
        if (w.bullet() == WeaponType.Bullet.FOLLOW && alive[t]) {
            pendAimX[k] = x[t];
            pendAimY[k] = y[t];
        }
        float s = Math.min(pendSpeed[k] + w.bulletAccel256() / 256f, w.bulletSpeed256() / 256f);
        pendSpeed[k] = s;
        float dx = pendAimX[k] - pendX[k], dy = pendAimY[k] - pendY[k];
        float d = (float) Math.sqrt(dx * dx + dy * dy);
        if (d <= s) return true;
        pendX[k] += dx / d * s;
        pendY[k] += dy / d * s;
        return false;
    }

    private void land(int i, int t, WeaponType w, int hits) {
        for (int h = 0; h < hits && alive[t]; h++) hit(i, t, w.damage() * 256, w.type());
        if (w.splash() == SplashKind.ENEMY) splash(i, t, w);
        else if (w.splash() == SplashKind.BOUNCE) bounce(i, t, w);
    }

    private void splash(int i, int t, WeaponType w) {
        int[] r = w.splashRadii();
        int p = player[i];
        int cx = (int) x[t], cy = (int) y[t];
        int hits = type[i].hitsAgainst(false) * w.factor();
        for (int j = 0; j < n; j++) {
            if (j == t || !alive[j] || player[j] == p || flyer[j]) continue;
            int d = distanceToPoint(j, cx, cy);
            int dmg;
            if (d <= r[0]) dmg = w.damage() * 256;
            else if (d <= r[1]) dmg = w.damage() * 128;
            else if (d <= r[2]) dmg = w.damage() * 64;
            else continue;
            for (int h = 0; h < hits && alive[j]; h++) hit(i, j, dmg, w.type());
        }
    }

    private void bounce(int i, int first, WeaponType w) {
        int p = player[i];
        int prev = first;
        bounceHit[0] = first;
        int dmg = w.damage() * 256;
        for (int b = 1; b <= w.bounces(); b++) {
            dmg /= 3;
            int best = -1, bestD = Integer.MAX_VALUE;
            for (int j = 0; j < n; j++) {
                if (!alive[j] || player[j] == p || wasBounced(j, b)) continue;
                if (type[i].weaponAgainst(flyer[j]) == null) continue;
                int d = getDistance(prev, j);
                if (d <= w.bounceRange() && d < bestD) {
                    bestD = d;
                    best = j;
                }
            }
            if (best < 0) return;
            hit(i, best, dmg, w.type());
            bounceHit[b] = best;
            prev = best;
        }
    }

    private boolean wasBounced(int j, int count) {
        for (int k = 0; k < count; k++) if (bounceHit[k] == j) return true;
        return false;
    }

    /**
     * One hit of {@code dmg256} (×256) damage, in the order of BW's weapon_deal_damage (OpenBW): the
     * damage is at least ½; shields of at least one point absorb first, at full value; what passes
     * loses the armor (down to 0) and is scaled by the type ratio; the ½-point minimum applies again
     * only when the shields took none of the hit. Every hit alarms the victim and its allies around
     * it (BW's on_unit_damage), even one the shields absorb entirely.
     */
    private void hit(int attacker, int t, int dmg256, DamageType dt) {
        int ap = player[attacker];
        long split = damage(dmg256, maxSh256[t] > 0 ? sh256[t] : 0, armor[t] * 256, ratio[dt.ordinal()][sizeOrd[t]]);
        int shieldDamage = (int) (split >>> 32), d = (int) split;
        onUnitDamage(t, attacker);
        sh256[t] -= shieldDamage;
        int hp = hp256[t];
        long dealt = shieldDamage + Math.min(d, hp);
        damageDealt256[ap] += dealt;
        unitDealt256[attacker] += dealt;
        unitTaken256[t] += dealt;
        if (d >= hp) {
            hp256[t] = 0;
            kill(t);
            kills[ap]++;
            unitKills[attacker]++;
        } else {
            hp256[t] = hp - d;
        }
    }

    /**
     * BW's damage arithmetic for one hit (OpenBW weapon_deal_damage), all figures ×256: returns the
     * shield damage in the high 32 bits and the hit-point damage in the low 32 bits.
     */
    static long damage(int dmg256, int shields256, int armor256, int ratio256) {
        int d = Math.max(dmg256, 128);
        int shieldDamage = 0;
        if (shields256 >= 256) { // shields under one point absorb nothing
            shieldDamage = Math.min(d, shields256);
            d -= shieldDamage;
        }
        d = d > armor256 ? d - armor256 : 0;
        d = (d * ratio256) >> 8;
        if (shieldDamage == 0 && d < 128) d = 128; // the half-point minimum, skipped when shields took part
        return ((long) shieldDamage << 32) | d;
    }

    /**
     * BW's on_unit_damage (OpenBW): the attacker becomes the victim's auto target when
     * {@link #shouldChangeAutoTarget} allows and the victim can hit it; every ally of the victim
     * within a 96 px box around its centre that can attack at all gets the same suggestion under
     * the same condition (on_hit_aoe_change_target). Nothing else changes here: the unit AI acts on
     * the suggestion ({@link #unitAi}).
     */
    private void onUnitDamage(int victim, int attacker) {
        int p = player[victim];
        if (player[attacker] == p) return;
        if (canFire[victim] && !healer[victim] && shouldChangeAutoTarget(victim, attacker)
                && type[victim].weaponAgainst(flyer[attacker]) != null) {
            autoTarget[victim] = attacker;
        }
        float vx = x[victim], vy = y[victim];
        for (int j = 0; j < n; j++) {
            if (j == victim || !alive[j] || player[j] != p || !canFire[j] || healer[j]) continue;
            if (Math.abs(x[j] - vx) <= 96 && Math.abs(y[j] - vy) <= 96 && shouldChangeAutoTarget(j, attacker)) {
                autoTarget[j] = attacker;
            }
        }
    }

    /**
     * OpenBW on_hit_should_change_target: a new attacker replaces unit u's auto target when u has
     * none, when u can no longer attack the old one, or when the attacker is within u's weapon
     * (movement) range and the old one is not.
     */
    private boolean shouldChangeAutoTarget(int u, int attacker) {
        int old = autoTarget[u];
        if (old == attacker) return false;
        if (old < 0 || !alive[old] || type[u].weaponAgainst(flyer[old]) == null) return true;
        return inWeaponMovementRange(u, attacker) && !inWeaponMovementRange(u, old);
    }

    /** BW's per-frame regeneration (OpenBW update_unit_values): shields +7/256, Zerg hit points +4/256. */
    private void regenerate(int i) {
        int ms = maxSh256[i];
        if (ms > 0 && sh256[i] != ms) sh256[i] = Math.min(ms, sh256[i] + 7);
        if (regeneratesHp[i] && hp256[i] != maxHp256[i]) hp256[i] = Math.min(maxHp256[i], hp256[i] + 4);
    }

    private void kill(int t) {
        alive[t] = false;
        aliveCount[player[t]]--;
        speed[t] = 0;
        target[t] = -1;
        autoTarget[t] = -1;
        if (!flyer[t]) gridRemove(t);
    }

    // ------------------------------------------------------------------ movement

    /**
     * Moves one frame toward (tx, ty); returns true on arrival. Ground units may not step into
     * another ground unit: they try to side-step (±45°, ±90°) and otherwise wait.
     */
    private boolean moveToward(int i, float tx, float ty, float stopAt) {
        float dx = tx - x[i], dy = ty - y[i];
        float d = (float) Math.sqrt(dx * dx + dy * dy);
        if (d <= stopAt + 0.5f) {
            speed[i] = 0;
            return true;
        }
        travelling[i] = true;
        travelX[i] = tx;
        travelY[i] = ty;
        float a = accel[i], v = speed[i], s;
        if (a != Float.MAX_VALUE && v * v > 2 * a * (d - stopAt)) {
            // BW slows a unit with acceleration within its halt distance (v^2 / 2a) of the point, so
            // that it stops there; it keeps a crawl of one acceleration step until it arrives
            s = Math.max(a, v - a);
        } else {
            s = v + a;
            if (s > topSpeed[i]) s = topSpeed[i];
        }
        speed[i] = s;
        float step = Math.min(s, d - stopAt);
        float ux = dx / d, uy = dy / d;
        dirX[i] = ux;
        dirY[i] = uy;
        turnToward(i, ux, uy); // units face where they go (turning does not slow them here)
        if (flyer[i]) {
            x[i] = clampX(i, x[i] + ux * step);
            y[i] = clampY(i, y[i] + uy * step);
            return false;
        }
        if (tryStep(i, ux * step, uy * step)) return false;
        // side-steps; the preferred side alternates along a side's units so that crowds spread, and
        // is mirrored for blue so that the two sides of a mirrored scenario turn alike
        float sgn = (((player[i] == 0 ? i : i - firstBlue) ^ player[i]) & 1) == 0 ? 1f : -1f;
        final float c45 = 0.70710677f;
        for (int k = 0; k < 4; k++) {
            float rs = (k & 1) == 0 ? sgn : -sgn;
            float rx, ry;
            if (k < 2) { rx = (ux - rs * uy) * c45; ry = (uy + rs * ux) * c45; }
            else { rx = -rs * uy; ry = rs * ux; }
            if (tryStep(i, rx * step, ry * step)) {
                dirX[i] = rx;
                dirY[i] = ry;
                return false;
            }
        }
        speed[i] = 0;
        return false;
    }

    /**
     * A unit that stops moving (target in range, order done): units BW moves with acceleration
     * (Vulture, Wraith, Mutalisk) glide on along their last heading, slowing by their acceleration
     * each frame, as BW halts them (BWAPI haltDistance = v^2 / 2a: a Wraith at top speed glides about
     * 85 px); units moved by their animation (acceleration 1 in BWAPI) stop at once.
     */
    private void halt(int i) {
        float s = speed[i];
        if (s <= 0) return;
        float a = accel[i];
        if (a == Float.MAX_VALUE || s <= a) {
            speed[i] = 0;
            return;
        }
        s -= a;
        speed[i] = s;
        if (flyer[i]) {
            x[i] = clampX(i, x[i] + dirX[i] * s);
            y[i] = clampY(i, y[i] + dirY[i] * s);
        } else if (!tryStep(i, dirX[i] * s, dirY[i] * s)) {
            speed[i] = 0;
        }
    }

    /** Side of a repulse-field cell in px (OpenBW repulse_index, as we read it: 48 px cells). */
    private static final int REPULSE_CELL = 48;
    /** Frames between two updates of a flyer's repulse direction (OpenBW: repulse_flags counts 7 down). */
    private static final int REPULSE_PERIOD = 7;
    /** Unit vectors of the arena's 256-step compass (0 east, 64 south). */
    private static final float[] COMPASS_X = new float[256], COMPASS_Y = new float[256];
    static {
        for (int k = 0; k < 256; k++) {
            COMPASS_X[k] = (float) Math.cos(k * Math.PI / 128);
            COMPASS_Y[k] = (float) Math.sin(k * Math.PI / 128);
        }
    }

    /**
     * BW's repulse field (OpenBW apply_repulse_field, update_repulse_direction): the map is cut into
     * {@link #REPULSE_CELL}-px cells that count the flyers in them; a flyer in a cell holding two or
     * more is pushed half a pixel a frame along its own repulse direction, and a standing one by
     * (count / 4 + 1) / 2 times that (a quarter pixel for 2 or 3 flyers, half for 4 to 7). Every
     * {@link #REPULSE_PERIOD} + 1 frames the direction is renewed: a travelling flyer's is turned to
     * lie 45 to 90 degrees off its course, on the side it already leans to; near a map edge it is
     * mirrored away from the edge. No push during an attack animation (BW: iscript nobrk). What we
     * leave out: BW's small per-unit jitter table (under 0.02 px) and the initial direction, which
     * we draw from the game's seed.
     */
    private void repulseFlyers() {
        Arrays.fill(repulseCount, 0);
        for (int i = 0; i < n; i++) if (alive[i] && flyer[i]) repulseCount[repulseCell(i)]++;
        for (int k = 0; k < n; k++) {
            int i = updateOrder[k];
            if (!alive[i] || !flyer[i] || frame < busyUntil[i]) continue;
            int strength = repulseCount[repulseCell(i)];
            if (strength <= 1) {
                repulseTimer[i] = 0;
                continue;
            }
            if (repulseTimer[i] > 0) repulseTimer[i]--;
            else {
                repulseTimer[i] = REPULSE_PERIOD;
                updateRepulseDirection(i);
            }
            float push = 0.5f;
            if (!travelling[i]) push = push * (strength / 4 + 1) / 2;
            int dir = repulseDir[i];
            x[i] = clampX(i, x[i] + COMPASS_X[dir] * push);
            y[i] = clampY(i, y[i] + COMPASS_Y[dir] * push);
        }
    }

    private int repulseCell(int i) {
        int cx = Math.min(repulseW - 1, (int) x[i] / REPULSE_CELL), cy = Math.min(repulseH - 1, (int) y[i] / REPULSE_CELL);
        return cy * repulseW + cx;
    }

    /** OpenBW update_repulse_direction, in the arena's compass (0 east, 64 south). */
    private void updateRepulseDirection(int i) {
        int r = repulseDir[i];
        if (travelling[i]) {
            int course = direction(travelX[i] - x[i], travelY[i] - y[i]);
            int index = (r - course) & 255;
            r = (course + index % 32 + (index < 128 ? 32 : -64)) & 255;
        }
        float left = x[i] - dimL[i], right = x[i] + dimR[i] + 1, top = y[i] - dimU[i], bottom = y[i] + dimD[i] + 1;
        float cx = COMPASS_X[r], cy = COMPASS_Y[r];
        if ((left < 32 && cx < 0) || (right > mapW - 32 && cx > 0)) r = (128 - r) & 255; // mirror east-west
        if ((top < 32 && cy < 0) || (bottom > mapH - 32 && cy > 0)) r = (-r) & 255; // mirror north-south
        repulseDir[i] = r;
    }

    private boolean tryStep(int i, float sx, float sy) {
        float nx = clampX(i, x[i] + sx), ny = clampY(i, y[i] + sy);
        float l = nx - dimL[i], r = nx + dimR[i] + 1, u = ny - dimU[i], b = ny + dimD[i] + 1;
        float ox = x[i], oy = y[i];
        int cx = (int) nx >> CELL_SHIFT, cy = (int) ny >> CELL_SHIFT;
        int x0 = Math.max(0, cx - 1), x1 = Math.min(gridW - 1, cx + 1);
        int y0 = Math.max(0, cy - 1), y1 = Math.min(gridH - 1, cy + 1);
        for (int gy = y0; gy <= y1; gy++) {
            for (int gx = x0; gx <= x1; gx++) {
                for (int j = cellHead[gy * gridW + gx]; j >= 0; j = cellNext[j]) {
                    if (j == i) continue;
                    float xj = x[j], yj = y[j];
                    float jl = xj - dimL[j], jr = xj + dimR[j] + 1, ju = yj - dimU[j], jb = yj + dimD[j] + 1;
                    if (l < jr && r > jl && u < jb && b > ju) {
                        // overlapping after the step: allowed only for units already overlapping (e.g. placed so
                        // at the start) and only when the step moves them apart, so they can separate
                        boolean overlapped = ox - dimL[i] < jr && ox + dimR[i] + 1 > jl && oy - dimU[i] < jb && oy + dimD[i] + 1 > ju;
                        if (!overlapped) return false;
                        float before = (ox - xj) * (ox - xj) + (oy - yj) * (oy - yj);
                        float after = (nx - xj) * (nx - xj) + (ny - yj) * (ny - yj);
                        if (after <= before) return false;
                    }
                }
            }
        }
        x[i] = nx;
        y[i] = ny;
        int cell = cy * gridW + cx;
        if (cell != cellOf[i]) {
            gridRemove(i);
            gridInsert(i);
        }
        return true;
    }

    private void gridInsert(int i) {
        int cell = ((int) y[i] >> CELL_SHIFT) * gridW + ((int) x[i] >> CELL_SHIFT);
        int head = cellHead[cell];
        cellNext[i] = head;
        cellPrev[i] = -1;
        if (head >= 0) cellPrev[head] = i;
        cellHead[cell] = i;
        cellOf[i] = cell;
    }

    private void gridRemove(int i) {
        int cell = cellOf[i];
        if (cell < 0) return;
        int p = cellPrev[i], nx = cellNext[i];
        if (p >= 0) cellNext[p] = nx;
        else cellHead[cell] = nx;
        if (nx >= 0) cellPrev[nx] = p;
        cellOf[i] = -1;
    }

    private float clampX(int i, float v) {
        return Math.max(dimL[i], Math.min(mapW - 1 - dimR[i], v));
    }

    private float clampY(int i, float v) {
        return Math.max(dimU[i], Math.min(mapH - 1 - dimD[i], v));
    }

    /** Largest facing error (of 256) at which a unit fires: about 11°. */
    private static final int FACING_TOLERANCE = 8;

    /** Turns unit i by at most its turn rate toward direction (dx, dy); true when it then faces it. */
    private boolean turnToward(int i, float dx, float dy) {
        if (dx == 0 && dy == 0) return true;
        int want = direction(dx, dy);
        int diff = ((want - facing[i] + 128) & 255) - 128;
        int rate = turnRate[i];
        if (diff > rate) diff = rate;
        else if (diff < -rate) diff = -rate;
        facing[i] = (facing[i] + diff) & 255;
        int left = ((want - facing[i] + 128) & 255) - 128;
        return left <= FACING_TOLERANCE && left >= -FACING_TOLERANCE;
    }

    /** Direction of (dx, dy) in BW's 256-step compass, with a polynomial arctangent (no Math.atan2 per frame). */
    static int direction(float dx, float dy) {
        float ax = Math.abs(dx), ay = Math.abs(dy);
        float a = Math.min(ax, ay) / Math.max(ax, ay);
        float s = a * a;
        float r = ((-0.0464964749f * s + 0.15931422f) * s - 0.327622764f) * s * a + a; // atan(a), a in [0, 1]
        if (ay > ax) r = 1.5707964f - r;
        if (dx < 0) r = 3.1415927f - r;
        if (dy < 0) r = -r;
        return Math.round(r * (128f / 3.1415927f)) & 255;
    }

    /** Facing of a unit in BW's 256-step compass (0 east, 64 south). */
    public int facing(int u) {
        return facing[u];
    }

    // ------------------------------------------------------------------ distances

    @Override
    public int getDistance(int a, int b) {
        return GameView.boxDistance(type[a], (int) x[a], (int) y[a], type[b], (int) x[b], (int) y[b]);
    }

    private int distanceToPoint(int a, int px, int py) {
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

    // ------------------------------------------------------------------ commands

    private void issue(int p, int unit, int o, int t, float tx, float ty) {
        if (unit < 0 || unit >= n || player[unit] != p || !alive[unit] || winner != NO_WINNER) return;
        if (o == ATTACK_UNIT) {
            if (t < 0 || t >= n || !alive[t] || player[t] == p || type[unit].weaponAgainst(flyer[t]) == null) return;
        }
        if (observer != null) observer.onCommand(frame, unit, o, t, (int) tx, (int) ty);
        if (frame < busyUntil[unit]) {
            deferredOrder[unit] = o;
            deferredTarget[unit] = t;
            deferredX[unit] = tx;
            deferredY[unit] = ty;
            return;
        }
        deferredOrder[unit] = -1;
        applyOrder(unit, o, t, tx, ty);
    }

    private void applyOrder(int unit, int o, int t, float tx, float ty) {
        order[unit] = o;
        target[unit] = o == ATTACK_UNIT ? t : -1;
        orderX[unit] = o == MOVE || o == ATTACK_MOVE ? Math.max(0, Math.min(mapW - 1, tx)) : x[unit];
        orderY[unit] = o == MOVE || o == ATTACK_MOVE ? Math.max(0, Math.min(mapH - 1, ty)) : y[unit];
    }

    /** Applies a recorded command (replays): the same checks as a live one. */
    public void applyRecorded(int unit, int o, int t, int tx, int ty) {
        if (!Order.isCode(o)) throw new BadInputException("replay: unknown order code " + o + " at frame " + frame);
        if (unit < 0 || unit >= n) throw new BadInputException("replay: no unit " + unit + " at frame " + frame);
        issue(player[unit], unit, o, t, tx, ty);
    }

    private final class PlayerCommands implements Commands {
        private final int p;

        PlayerCommands(int p) {
            this.p = p;
        }

        @Override public void move(int unit, int x, int y) { issue(p, unit, MOVE, -1, x, y); }
        @Override public void attack(int unit, int t) { issue(p, unit, ATTACK_UNIT, t, 0, 0); }
        @Override public void attackMove(int unit, int x, int y) { issue(p, unit, ATTACK_MOVE, -1, x, y); }
        @Override public void stop(int unit) { issue(p, unit, STOP, -1, 0, 0); }
        @Override public void holdPosition(int unit) { issue(p, unit, HOLD, -1, 0, 0); }
    }

    // ------------------------------------------------------------------ random numbers (xorshift64*)

    private static long mix(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return z == 0 ? 0x2545F4914F6CDD1DL : z;
    }

    private long nextLong() {
        long s = rng;
        s ^= s >>> 12;
        s ^= s << 25;
        s ^= s >>> 27;
        rng = s;
        return s * 0x2545F4914F6CDD1DL;
    }

    private float nextFloat() {
        return (nextLong() >>> 40) * 0x1.0p-24f;
    }

    private int nextInt4() {
        return (int) (nextLong() >>> 62);
    }

    // ------------------------------------------------------------------ read view

    @Override public int getFrameCount() { return frame; }
    @Override public int mapWidth() { return mapW; }
    @Override public int mapHeight() { return mapH; }
    @Override public int getUnitCount() { return n; }
    @Override public boolean exists(int u) { return alive[u]; }
    @Override public int getPlayer(int u) { return player[u]; }
    @Override public UnitType getType(int u) { return type[u]; }
    @Override public int getX(int u) { return (int) x[u]; }
    @Override public int getY(int u) { return (int) y[u]; }
    /** Hit points rounded up, as BWAPI shows them (a unit at 0.5 hp shows 1). */
    @Override public int getHitPoints(int u) { return (hp256[u] + 255) >> 8; }
    @Override public int getShields(int u) { return (sh256[u] + 255) >> 8; }
    @Override public int getEnergy(int u) { return energy256[u] >> 8; }
    @Override public int getCooldown(int u) { return cooldown[u]; }
    @Override public Order getOrder(int u) { return Order.of(order[u]); }
    @Override public int getTarget(int u) { return target[u]; }
    @Override public boolean isFlying(int u) { return flyer[u]; }
    @Override public int countAlive(int p) { return aliveCount[p]; }

    // fast accessors for the environment and replays (no boxing, exact values)
    @Override public float positionX(int u) { return x[u]; }
    @Override public float positionY(int u) { return y[u]; }
    @Override public float hitPointRatio(int u) { return (float) hp256[u] / maxHp256[u]; }
    @Override public float shieldRatio(int u) { return maxSh256[u] == 0 ? 0f : (float) sh256[u] / maxSh256[u]; }
    public float posX(int u) { return x[u]; }
    public float posY(int u) { return y[u]; }
    public int hitPoints256(int u) { return hp256[u]; }
    public int shields256(int u) { return sh256[u]; }
    public int maxHitPoints256(int u) { return maxHp256[u]; }
    public int maxShields256(int u) { return maxSh256[u]; }
    public int orderCode(int u) { return order[u]; }
    /** Velocity in px per frame (BWAPI velocityX/Y). */
    public float velocityX(int u) { return speed[u] * dirX[u]; }
    public float velocityY(int u) { return speed[u] * dirY[u]; }
    /** Where a move or attack-move order leads (BWAPI orderTargetPosition). */
    public int orderTargetX(int u) { return (int) orderX[u]; }
    public int orderTargetY(int u) { return (int) orderY[u]; }

    public Scenario scenario() { return scenario; }
    public GameData data() { return data; }
    public int decisionInterval() { return decisionInterval; }

    /** {@link #RED}, {@link #BLUE}, {@link #DRAW}, or {@link #NO_WINNER} while the game goes on. */
    public int winner() { return winner; }
    public boolean isOver() { return winner != NO_WINNER; }

    /** Damage (hp + shields, ×256) dealt by {@code p} so far this game. */
    public long damageDealt256(int p) { return damageDealt256[p]; }
    public int kills(int p) { return kills[p]; }

    /** Damage (×256, hit points + shields) unit {@code u}'s hits dealt this game. */
    public long unitDamageDealt256(int u) { return unitDealt256[u]; }

    /** Damage (×256, hit points + shields) unit {@code u} suffered this game. */
    public long unitDamageTaken256(int u) { return unitTaken256[u]; }

    /** Enemy units that unit {@code u}'s hits killed this game. */
    public int unitKills(int u) { return unitKills[u]; }
    /** Total hp + shields (×256) of {@code p}'s army at the start. */
    public long startArmy256(int p) { return startArmy256[p]; }
    /** Current hp + shields (×256) of {@code p}'s living units. */
    public long army256(int p) {
        long s = 0;
        for (int i = 0; i < n; i++) if (alive[i] && player[i] == p) s += hp256[i] + sh256[i];
        return s;
    }

    /** A hash of the whole game state (positions, hit points, orders...), for determinism checks and replays. */
    public long stateHash() {
        long h = 0xcbf29ce484222325L ^ frame;
        for (int i = 0; i < n; i++) {
            h = (h ^ Float.floatToIntBits(x[i])) * 0x100000001b3L;
            h = (h ^ Float.floatToIntBits(y[i])) * 0x100000001b3L;
            h = (h ^ hp256[i]) * 0x100000001b3L;
            h = (h ^ sh256[i]) * 0x100000001b3L;
            h = (h ^ (cooldown[i] | (order[i] << 8) | ((target[i] + 1) << 12))) * 0x100000001b3L;
            h = (h ^ energy256[i] ^ ((long) facing[i] << 40)) * 0x100000001b3L;
            h = (h ^ busyUntil[i] ^ ((long) deferredOrder[i] << 32)) * 0x100000001b3L;
            h = (h ^ acquireTimer[i] ^ ((long) (autoTarget[i] + 1) << 32)) * 0x100000001b3L;
            h = (h ^ repulseDir[i] ^ ((long) repulseTimer[i] << 32)) * 0x100000001b3L;
        }
        for (int k = 0; k < pendCount; k++) {
            h = (h ^ (pendDue[k] * 31L + pendAttacker[k] * 7919L + pendTarget[k] + ((long) pendLaunch[k] << 40))) * 0x100000001b3L;
            h = (h ^ Float.floatToIntBits(pendX[k]) ^ ((long) Float.floatToIntBits(pendY[k]) << 32)) * 0x100000001b3L;
        }
        return h ^ rng;
    }

    /** Ids of the units of side {@code p}: units are numbered red first, then blue. */
    public int firstUnit(int p) { return p == 0 ? 0 : scenario.unitCount(0); }
    public int unitCount(int p) { return scenario.unitCount(p); }

    /** The scenario's unit types, for callers that index types. */
    public List<UnitType> scenarioTypes() { return scenario.unitTypes(); }
}
