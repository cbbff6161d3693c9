package tsunami.bots.arena;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tsunami.BadInputException;
import tsunami.bots.data.GameData;
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

import static tsunami.bots.arena.ArenaState.*;

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
 * overlap (a blocked one slides round the unit in its way); air units do, and drift apart. Damage lands a weapon-specific number of frames after the shot (attack
 * animation and projectile flight), so units firing together at one target can overkill it.
 * Units turn at their BW turn rate and fire only when facing their target; a walking ground unit
 * turns before it walks. Units BW moves with acceleration (Vulture, Wraith, Mutalisk) accelerate,
 * steer in arcs, brake onto move points and glide to a halt.
 *
 * <p>This class runs the frame loop, carries out each unit's order, takes commands and answers the
 * read view; the state lives in {@link ArenaState}, and the rules in {@link UnitAi} (target
 * choice), {@link Combat} (shots and damage), {@link Movement} (walking, turning, collision) and
 * {@link RepulseField} (flyer separation).
 */
public final class Arena implements GameView {
    private static final Logger LOG = LoggerFactory.getLogger(Arena.class);

    /**
     * Version of the game rules: bumped whenever a change makes the same scenario, seed and commands
     * play differently, so that replays recorded under other rules are refused rather than failing
     * to reproduce. 2 (2026-12): BW's shield and regeneration rules, flying bullets, the Zealot's
     * two blows, allies alarmed by a hit, flyer separation. 3 (2026-12): BW's unit AI (auto targets set
     * by hits, 15-frame target search, target priorities and retargeting), weapon attack angles,
     * BW's repulse field for flyers. 4 (2026-12): BW's turning (ground units moved by their animation
     * turn on the spot before they walk; units with acceleration steer at half their turn rate), and
     * blocked ground units slide round the units in their way. 5 (2026-12): a ground unit's move or
     * attack-move to a point ends once it has come no nearer for a second (units sent to one point
     * stop round the first to arrive instead of walking on the spot for ever).
     */
    public static final int RULES_VERSION = 5;

    /** Outcome codes of {@link #winner()}. */
    public static final int NO_WINNER = -1;
    public static final int DRAW = 2;

    private final GameData data;
    private final Scenario scenario;
    private final int decisionInterval;
    private final ArenaState s;
    private final Movement movement;
    private final UnitAi ai;
    private final Combat combat;
    private final RepulseField repulse;
    private int winner = NO_WINNER;

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
        this.decisionInterval = scenario.decisionInterval();
        s = new ArenaState(scenario, data);
        for (int i = 0; i < s.n; i++) {
            if (Math.max(Math.max(s.dimL[i], s.dimR[i]), Math.max(s.dimU[i], s.dimD[i])) >= (1 << Movement.CELL_SHIFT) / 2 - 1) {
                throw new IllegalArgumentException(s.type[i].name() + " is too large for the arena's collision grid");
            }
        }
        movement = new Movement(s);
        ai = new UnitAi(s, movement, this);
        combat = new Combat(s, ai, movement);
        repulse = new RepulseField(s);
        reset(1);
    }

    /** Restarts the game from the scenario's starting positions, jittered from {@code seed}. */
    public void reset(long seed) {
        s.random.seed(seed);
        s.frame = 0;
        winner = NO_WINNER;
        s.aliveCount[0] = s.aliveCount[1] = 0;
        s.damageDealt256[0] = s.damageDealt256[1] = 0;
        s.kills[0] = s.kills[1] = 0;
        Arrays.fill(s.unitDealt256, 0);
        Arrays.fill(s.unitTaken256, 0);
        Arrays.fill(s.unitKills, 0);
        movement.clearGrid();
        combat.reset();
        float j = (float) scenario.jitter();
        for (int i = 0; i < s.n; i++) {
            float jx = j == 0 ? 0 : (s.random.nextFloat() * 2 - 1) * j;
            float jy = j == 0 ? 0 : (s.random.nextFloat() * 2 - 1) * j;
            s.x[i] = s.clampX(i, s.startX[i] + jx);
            s.y[i] = s.clampY(i, s.startY[i] + jy);
            s.speed[i] = 0;
            s.dirX[i] = s.dirY[i] = 0;
            s.facing[i] = s.player[i] == 0 ? 0 : 128; // the sides face each other
            s.moveDir[i] = s.facing[i];
            s.hp256[i] = s.maxHp256[i];
            s.sh256[i] = s.maxSh256[i];
            s.energy256[i] = s.type[i].startEnergy() * 256;
            s.cooldown[i] = 0;
            s.order[i] = STOP;
            s.target[i] = -1;
            s.orderX[i] = s.x[i];
            s.orderY[i] = s.y[i];
            s.alive[i] = true;
            s.busyUntil[i] = 0;
            s.deferredOrder[i] = -1;
            s.detourSide[i] = 0;
            s.detourUntil[i] = 0;
            s.pointFrame[i] = -2;
            s.pointStall[i] = 0;
            s.aliveCount[s.player[i]]++;
            if (!s.flyer[i]) movement.gridInsert(i);
        }
        // after the jitter, so that positions come from the seed as before
        for (int i = 0; i < s.n; i++) {
            int k = (int) ((s.random.nextLong() >>> 33) % (i + 1)); // Fisher-Yates, inside out
            s.updateOrder[i] = s.updateOrder[k];
            s.updateOrder[k] = i;
            s.searchPhase[i] = (int) (s.random.nextLong() >>> 61);
            s.acquireTimer[i] = (int) ((s.random.nextLong() >>> 33) % (UnitAi.ACQUIRE_PERIOD + 1));
            s.autoTarget[i] = -1;
            s.repulseDir[i] = (int) (s.random.nextLong() >>> 56);
            s.repulseTimer[i] = 0;
            s.travelling[i] = false;
        }
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
        if (h != null && s.frame == 0) callStart(side);
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
        if (winner != NO_WINNER || s.frame % decisionInterval != 0) return -1;
        return (int) (s.random.nextLong() >>> 63); // drawn with or without controllers, so replays stay in step
    }

    /** Lets {@code side}'s controller, if it has one, give its orders for this frame. */
    public void decide(int side) {
        if (winner == NO_WINNER && controllers[side] != null) callFrame(side);
    }

    /** The second half of {@link #step}: shots land, every living unit acts, the frame ends. */
    public void finishFrame() {
        if (winner != NO_WINNER) return;
        combat.beginFrame();
        for (int k = 0; k < s.n; k++) {
            int i = s.updateOrder[k];
            if (s.alive[i]) update(i);
        }
        if (s.hasFlyers) repulse.apply();
        combat.endFrame();
        s.frame++;
        if (s.aliveCount[0] == 0 || s.aliveCount[1] == 0) {
            winner = s.aliveCount[0] == 0 && s.aliveCount[1] == 0 ? DRAW : s.aliveCount[0] == 0 ? BLUE : RED;
        } else if (s.frame >= scenario.timeLimitFrames()) {
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
        controllerFailure[p] = "heuristic '" + name + "' failed at s.frame " + s.frame + ": " + e;
        LOG.warn("{}; its units keep their last orders for the rest of the game", controllerFailure[p]);
        controllers[p] = null;
    }

    private void update(int i) {
        s.travelling[i] = false;
        if (s.cooldown[i] > 0) s.cooldown[i]--;
        combat.regenerate(i);
        if (s.deferredOrder[i] >= 0 && s.frame >= s.busyUntil[i]) {
            int o = s.deferredOrder[i], t = s.deferredTarget[i];
            s.deferredOrder[i] = -1;
            if (o != ATTACK_UNIT || s.alive[t]) applyOrder(i, o, t, s.deferredX[i], s.deferredY[i]);
        }
        if (s.healer[i]) {
            ai.updateHealer(i);
            return;
        }
        int o = s.order[i];
        int t = s.target[i];
        if (t >= 0 && !s.alive[t]) {
            t = s.target[i] = -1;
            if (o == ATTACK_UNIT) s.order[i] = o = STOP;
        }
        if (o == MOVE) {
            if (movement.moveToPoint(i)) s.order[i] = STOP;
            return;
        }
        if (o != ATTACK_UNIT && s.canFire[i]) t = s.target[i] = ai.unitAi(i, o, t);
        if (t >= 0) {
            WeaponType w = s.type[i].weaponAgainst(s.flyer[t]);
            if (w == null) {
                s.target[i] = -1;
                if (o == ATTACK_UNIT) s.order[i] = STOP;
                s.speed[i] = 0;
                return;
            }
            int d = s.distance(i, t);
            if (d <= w.maxRange() && d >= w.minRange()) {
                movement.halt(i);
                // a unit turns to face its target when ready to fire, and fires once it faces it
                if (s.cooldown[i] == 0 && movement.turnToward(i, s.x[t] - s.x[i], s.y[t] - s.y[i])) combat.fire(i, t, w);
                return;
            }
            if (o == HOLD) {
                s.target[i] = -1;
                return;
            }
            movement.moveToward(i, s.x[t], s.y[t], 0);
            return;
        }
        if (o == ATTACK_MOVE) {
            if (movement.moveToPoint(i)) s.order[i] = STOP;
        } else {
            movement.halt(i);
        }
    }


    /** Facing of a unit in BW's 256-step compass (0 east, 64 south). */
    public int facing(int u) {
        return s.facing[u];
    }

    @Override
    public int getDistance(int a, int b) {
        return s.distance(a, b);
    }

    // ------------------------------------------------------------------ commands

    private void issue(int p, int unit, int o, int t, float tx, float ty) {
        if (unit < 0 || unit >= s.n || s.player[unit] != p || !s.alive[unit] || winner != NO_WINNER) return;
        if (o == ATTACK_UNIT) {
            if (t < 0 || t >= s.n || !s.alive[t] || s.player[t] == p || s.type[unit].weaponAgainst(s.flyer[t]) == null) return;
        }
        if (observer != null) observer.onCommand(s.frame, unit, o, t, (int) tx, (int) ty);
        if (s.frame < s.busyUntil[unit]) {
            s.deferredOrder[unit] = o;
            s.deferredTarget[unit] = t;
            s.deferredX[unit] = tx;
            s.deferredY[unit] = ty;
            return;
        }
        s.deferredOrder[unit] = -1;
        applyOrder(unit, o, t, tx, ty);
    }

    private void applyOrder(int unit, int o, int t, float tx, float ty) {
        s.order[unit] = o;
        s.target[unit] = o == ATTACK_UNIT ? t : -1;
        s.orderX[unit] = o == MOVE || o == ATTACK_MOVE ? Math.max(0, Math.min(s.mapW - 1, tx)) : s.x[unit];
        s.orderY[unit] = o == MOVE || o == ATTACK_MOVE ? Math.max(0, Math.min(s.mapH - 1, ty)) : s.y[unit];
    }

    /** Applies a recorded command (replays): the same checks as a live one. */
    public void applyRecorded(int unit, int o, int t, int tx, int ty) {
        if (!Order.isCode(o)) throw new BadInputException("replay: unknown s.order code " + o + " at s.frame " + s.frame);
        if (unit < 0 || unit >= s.n) throw new BadInputException("replay: no unit " + unit + " at s.frame " + s.frame);
        issue(s.player[unit], unit, o, t, tx, ty);
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

    // ------------------------------------------------------------------ read view

    @Override public int getFrameCount() { return s.frame; }
    @Override public int mapWidth() { return s.mapW; }
    @Override public int mapHeight() { return s.mapH; }
    @Override public int getUnitCount() { return s.n; }
    @Override public boolean exists(int u) { return s.alive[u]; }
    @Override public int getPlayer(int u) { return s.player[u]; }
    @Override public UnitType getType(int u) { return s.type[u]; }
    @Override public int getX(int u) { return (int) s.x[u]; }
    @Override public int getY(int u) { return (int) s.y[u]; }
    /** Hit points rounded up, as BWAPI shows them (a unit at 0.5 hp shows 1). */
    @Override public int getHitPoints(int u) { return (s.hp256[u] + 255) >> 8; }
    @Override public int getShields(int u) { return (s.sh256[u] + 255) >> 8; }
    @Override public int getEnergy(int u) { return s.energy256[u] >> 8; }
    @Override public int getCooldown(int u) { return s.cooldown[u]; }
    @Override public Order getOrder(int u) { return Order.of(s.order[u]); }
    @Override public int getTarget(int u) { return s.target[u]; }
    @Override public boolean isFlying(int u) { return s.flyer[u]; }
    @Override public int countAlive(int p) { return s.aliveCount[p]; }

    // fast accessors for the environment and replays (no boxing, exact values)
    @Override public float positionX(int u) { return s.x[u]; }
    @Override public float positionY(int u) { return s.y[u]; }
    @Override public float hitPointRatio(int u) { return (float) s.hp256[u] / s.maxHp256[u]; }
    @Override public float shieldRatio(int u) { return s.maxSh256[u] == 0 ? 0f : (float) s.sh256[u] / s.maxSh256[u]; }
    public float posX(int u) { return s.x[u]; }
    public float posY(int u) { return s.y[u]; }
    public int hitPoints256(int u) { return s.hp256[u]; }
    public int shields256(int u) { return s.sh256[u]; }
    public int maxHitPoints256(int u) { return s.maxHp256[u]; }
    public int maxShields256(int u) { return s.maxSh256[u]; }
    public int orderCode(int u) { return s.order[u]; }
    /** Velocity in px per frame (BWAPI velocityX/Y). */
    public float velocityX(int u) { return s.speed[u] * s.dirX[u]; }
    public float velocityY(int u) { return s.speed[u] * s.dirY[u]; }
    /** Where a move or attack-move order leads (BWAPI orderTargetPosition). */
    public int orderTargetX(int u) { return (int) s.orderX[u]; }
    public int orderTargetY(int u) { return (int) s.orderY[u]; }

    public Scenario scenario() { return scenario; }
    public GameData data() { return data; }
    public int decisionInterval() { return decisionInterval; }

    /** {@link #RED}, {@link #BLUE}, {@link #DRAW}, or {@link #NO_WINNER} while the game goes on. */
    public int winner() { return winner; }
    public boolean isOver() { return winner != NO_WINNER; }

    /** Damage (hp + shields, ×256) dealt by {@code p} so far this game. */
    public long damageDealt256(int p) { return s.damageDealt256[p]; }
    public int kills(int p) { return s.kills[p]; }

    /** Damage (×256, hit points + shields) unit {@code u}'s hits dealt this game. */
    public long unitDamageDealt256(int u) { return s.unitDealt256[u]; }

    /** Damage (×256, hit points + shields) unit {@code u} suffered this game. */
    public long unitDamageTaken256(int u) { return s.unitTaken256[u]; }

    /** Enemy units that unit {@code u}'s hits killed this game. */
    public int unitKills(int u) { return s.unitKills[u]; }
    /** Total hp + shields (×256) of {@code p}'s army at the start. */
    public long startArmy256(int p) { return s.startArmy256[p]; }
    /** Current hp + shields (×256) of {@code p}'s living units. */
    public long army256(int p) {
        long sum = 0;
        for (int i = 0; i < s.n; i++) if (s.alive[i] && s.player[i] == p) sum += s.hp256[i] + s.sh256[i];
        return sum;
    }

    /** A hash of the whole game state (positions, hit points, orders...), for determinism checks and replays. */
    public long stateHash() {
        long h = 0xcbf29ce484222325L ^ s.frame;
        for (int i = 0; i < s.n; i++) {
            h = (h ^ Float.floatToIntBits(s.x[i])) * 0x100000001b3L;
            h = (h ^ Float.floatToIntBits(s.y[i])) * 0x100000001b3L;
            h = (h ^ s.hp256[i]) * 0x100000001b3L;
            h = (h ^ s.sh256[i]) * 0x100000001b3L;
            h = (h ^ (s.cooldown[i] | (s.order[i] << 8) | ((s.target[i] + 1) << 12))) * 0x100000001b3L;
            h = (h ^ s.energy256[i] ^ ((long) s.facing[i] << 40) ^ ((long) s.moveDir[i] << 48)) * 0x100000001b3L;
            h = (h ^ s.busyUntil[i] ^ ((long) s.deferredOrder[i] << 32)) * 0x100000001b3L;
            h = (h ^ s.acquireTimer[i] ^ ((long) (s.autoTarget[i] + 1) << 32)) * 0x100000001b3L;
            h = (h ^ s.repulseDir[i] ^ ((long) s.repulseTimer[i] << 32)) * 0x100000001b3L;
            h = (h ^ s.detourUntil[i] ^ ((long) s.detourSide[i] << 32)) * 0x100000001b3L;
            h = (h ^ s.pointStall[i] ^ ((long) s.pointFrame[i] << 32)) * 0x100000001b3L;
        }
        return combat.hash(h) ^ s.random.state();
    }

    /** Ids of the units of side {@code p}: units are numbered red first, then blue. */
    public int firstUnit(int p) { return p == 0 ? 0 : scenario.unitCount(0); }
    public int unitCount(int p) { return scenario.unitCount(p); }

    /** The scenario's unit types, for callers that index types. */
    public List<UnitType> scenarioTypes() { return scenario.unitTypes(); }
}