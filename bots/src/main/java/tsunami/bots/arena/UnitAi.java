package tsunami.bots.arena;

import tsunami.bots.data.UnitType;
import tsunami.bots.data.WeaponType;
import tsunami.bots.heuristic.GameView;

import static tsunami.bots.arena.ArenaState.*;

/**
 * BW's unit AI in the arena: how a unit without a player-given target picks one (auto targets set
 * by hits, the periodic target search, attack priorities, retargeting), how hits alarm a victim's
 * allies, and the Medic's patient search.
 */
final class UnitAi {
    private final ArenaState s;
    private final Movement movement;
    private final GameView view;

    UnitAi(ArenaState s, Movement movement, GameView view) {
        this.s = s;
        this.movement = movement;
        this.view = view;
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
    int unitAi(int i, int o, int t) {
        int a = s.autoTarget[i];
        if (a >= 0 && (!s.alive[a] || s.type[i].weaponAgainst(s.flyer[a]) == null)) a = s.autoTarget[i] = -1;
        if (s.acquireTimer[i] > 0) s.acquireTimer[i]--;
        if (t < 0) {
            if (a >= 0 && (o != HOLD || view.isInWeaponRange(i, a))) {
                if (o == ATTACK_MOVE) s.autoTarget[i] = -1; // attack_move_movement uses the suggestion up
                return a;
            }
            if (s.acquireTimer[i] != 0) return -1;
            s.acquireTimer[i] = ACQUIRE_PERIOD;
            return acquire(i, o == HOLD ? s.holdRange[i] : s.acquireRange[i]);
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
            int nt = acquire(i, o == HOLD ? s.holdRange[i] : s.acquireRange[i]);
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
        if (s.type[t].weaponAgainst(s.flyer[i]) != null) return 0;
        return s.canFire[t] ? 2 : 3;
    }

    /**
     * OpenBW unit_target_in_weapon_movement_range: within weapon range, widened by the unit's halt
     * distance while it moves (unless the target moves within 45 degrees of its own course).
     */
    private boolean inWeaponMovementRange(int i, int t) {
        WeaponType w = s.type[i].weaponAgainst(s.flyer[t]);
        if (w == null) return false;
        int d = s.distance(i, t);
        if (w.minRange() > 0 && d <= w.minRange()) return false;
        int max = w.maxRange();
        float v = s.speed[i];
        if (v > 0 && s.accel[i] != Float.MAX_VALUE) {
            boolean sameCourse = s.speed[t] > 0 && s.dirX[i] * s.dirX[t] + s.dirY[i] * s.dirY[t] >= 0.70710677f;
            if (!sameCourse) max += (int) (v * v / (2 * s.accel[i]));
        }
        return d <= max;
    }

    void updateHealer(int i) {
        int o = s.order[i];
        if (o == MOVE) {
            if (movement.moveToPoint(i)) s.order[i] = STOP;
            return;
        }
        s.energy256[i] = Math.min(s.energy256[i] + 8, s.type[i].maxEnergy() * 256);
        int t = s.target[i];
        if (t >= 0 && (!s.alive[t] || s.hp256[t] >= s.maxHp256[t])) t = s.target[i] = -1;
        if (t < 0 && ((s.frame + s.searchPhase[i]) & 3) == 0) t = s.target[i] = findPatient(i, o == HOLD ? s.type[i].healRange() : s.type[i].sightRange());
        UnitType ht = s.type[i];
        int cost = ht.healPerFrame256() / 2; // 1 energy per 2 hit points
        if (t >= 0) {
            if (s.distance(i, t) <= ht.healRange()) {
                s.speed[i] = 0;
                if (s.energy256[i] >= cost) {
                    s.energy256[i] -= cost;
                    s.hp256[t] = Math.min(s.maxHp256[t], s.hp256[t] + ht.healPerFrame256());
                }
                return;
            }
            if (o != HOLD) movement.moveToward(i, s.x[t], s.y[t], 0);
            return;
        }
        if (o == ATTACK_MOVE) {
            if (movement.moveToPoint(i)) s.order[i] = STOP;
        } else {
            s.speed[i] = 0;
        }
    }

    private int findPatient(int i, int range) {
        int best = -1, bestD = Integer.MAX_VALUE;
        int p = s.player[i];
        for (int j = 0; j < s.n; j++) {
            if (j == i || !s.alive[j] || s.player[j] != p || !s.organic[j] || s.flyer[j] || s.hp256[j] >= s.maxHp256[j]) continue;
            int d = s.distance(i, j);
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
        int p = s.player[i];
        UnitType ti = s.type[i];
        for (int j = 0; j < s.n; j++) {
            if (!s.alive[j] || s.player[j] == p) continue;
            if (ti.weaponAgainst(s.flyer[j]) == null) continue;
            int d = s.distance(i, j);
            if (d > range) continue;
            int score = d + attackPriority(i, j) * 1_000_000; // BW's priority groups first, then the nearest
            if (score < bestScore) {
                bestScore = score;
                best = j;
            }
        }
        return best;
    }


    /**
     * BW's on_unit_damage (OpenBW): the attacker becomes the victim's auto target when
     * {@link #shouldChangeAutoTarget} allows and the victim can hit it; every ally of the victim
     * within a 96 px box around its centre that can attack at all gets the same suggestion under
     * the same condition (on_hit_aoe_change_target). Nothing else changes here: the unit AI acts on
     * the suggestion ({@link #unitAi}).
     */
    void onUnitDamage(int victim, int attacker) {
        int p = s.player[victim];
        if (s.player[attacker] == p) return;
        if (s.canFire[victim] && !s.healer[victim] && shouldChangeAutoTarget(victim, attacker)
                && s.type[victim].weaponAgainst(s.flyer[attacker]) != null) {
            s.autoTarget[victim] = attacker;
        }
        float vx = s.x[victim], vy = s.y[victim];
        for (int j = 0; j < s.n; j++) {
            if (j == victim || !s.alive[j] || s.player[j] != p || !s.canFire[j] || s.healer[j]) continue;
            if (Math.abs(s.x[j] - vx) <= 96 && Math.abs(s.y[j] - vy) <= 96 && shouldChangeAutoTarget(j, attacker)) {
                s.autoTarget[j] = attacker;
            }
        }
    }

    /**
     * OpenBW on_hit_should_change_target: a new attacker replaces unit u's auto target when u has
     * none, when u can no longer attack the old one, or when the attacker is within u's weapon
     * (movement) range and the old one is not.
     */
    private boolean shouldChangeAutoTarget(int u, int attacker) {
        int old = s.autoTarget[u];
        if (old == attacker) return false;
        if (old < 0 || !s.alive[old] || s.type[u].weaponAgainst(s.flyer[old]) == null) return true;
        return inWeaponMovementRange(u, attacker) && !inWeaponMovementRange(u, old);
    }
}
