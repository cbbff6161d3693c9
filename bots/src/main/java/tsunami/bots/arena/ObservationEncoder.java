package tsunami.bots.arena;

import tsunami.bots.data.UnitType;
import tsunami.bots.data.WeaponType;
import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;

import java.util.Arrays;
import java.util.List;

import static tsunami.bots.arena.ObservationLayout.*;

/**
 * One agent's observation and legal actions in the {@link ObservationLayout}, read from any
 * {@link GameView}: the arena while training, a BWAPI game when a trained policy plays as a bot.
 * Reading through the view is what lets a policy leave the arena with the inputs it learned on
 * (the arena gives sub-pixel positions and hit points in 256ths, BWAPI whole ones).
 */
public final class ObservationEncoder {
    private final ObservationLayout layout;
    private final List<UnitType> types;
    private final java.util.IdentityHashMap<UnitType, Integer> typeIndexById = new java.util.IdentityHashMap<>();
    private final int[] nearIdx;
    private final float[] nearDist;
    /** Per unit of the game: how many of the agent's other units target it (grown to the unit count). */
    private int[] targetedBy = new int[0];

    /** @param scenarioTypes the scenario's unit types, in the order of the type one-hot */
    public ObservationEncoder(ObservationLayout layout, List<UnitType> scenarioTypes) {
        if (scenarioTypes.size() != layout.unitTypes()) {
            throw new IllegalArgumentException(layout + " expects " + layout.unitTypes() + " unit types, got " + scenarioTypes.size());
        }
        this.layout = layout;
        this.types = List.copyOf(scenarioTypes);
        int maxK = Math.max(layout.nearestAllies(), layout.nearestEnemies()) + 1;
        nearIdx = new int[maxK];
        nearDist = new float[maxK];
    }

    public ObservationLayout layout() {
        return layout;
    }

    /**
     * Writes unit {@code u}'s observation at {@code obs[o..]}, its action mask at {@code mask[m..]}
     * and the unit in each enemy slot at {@code slotEnemy[s..]} (-1 for empty). A dead or absent unit
     * reads all zeros with only no-op legal. Returns whether the unit is alive.
     */
    public boolean encode(GameView g, int u, float[] obs, int o, byte[] mask, int m, int[] slotEnemy, int s) {
        int ke = layout.nearestEnemies();
        Arrays.fill(obs, o, o + layout.size(), 0f);
        Arrays.fill(slotEnemy, s, s + ke, -1);
        Arrays.fill(mask, m, m + layout.numActions(), (byte) 0);
        if (!g.exists(u)) {
            mask[m + NO_OP] = 1;
            return false;
        }
        int me = g.getPlayer(u);
        float ux = g.positionX(u), uy = g.positionY(u);
        float invR = 1f / DISTANCE_SCALE;
        obs[o + SELF_ALIVE] = 1f;
        writeUnitState(g, u, obs, o + SELF_STATE);
        obs[o + SELF_X] = ux * (1f / g.mapWidth());
        obs[o + SELF_Y] = uy * (1f / g.mapHeight());
        obs[o + SELF_TARGETED] = countTargeting(g, u, me);
        obs[o + SELF_TYPE + typeIndex(g, u)] = 1f;
        int na = nearest(g, u, me, true, layout.nearestAllies());
        for (int k = 0; k < na; k++) {
            int j = nearIdx[k];
            int b = o + layout.allyOffset(k);
            writeNeighbour(g, j, ux, uy, nearDist[k], invR, obs, b);
            obs[b + ALLY_TYPE + typeIndex(g, j)] = 1f;
        }
        int ne = nearest(g, u, me, false, ke);
        mask[m + NO_OP] = 1;
        mask[m + STOP] = 1;
        for (int d = 0; d < MOVE_DIRECTIONS; d++) mask[m + move(d)] = 1;
        for (int k = 0; k < ne; k++) {
            int j = nearIdx[k];
            int b = o + layout.enemyOffset(k);
            writeNeighbour(g, j, ux, uy, nearDist[k], invR, obs, b);
            obs[b + IN_RANGE] = g.isInWeaponRange(u, j) ? 1f : 0f;
            obs[b + MY_TARGET] = g.getTarget(u) == j ? 1f : 0f;
            obs[b + ALLIES_TARGETING] = Math.min(1f, targetedBy[j] / TARGETING_SCALE);
            obs[b + ENEMY_TYPE + typeIndex(g, j)] = 1f;
            slotEnemy[s + k] = j;
            if (g.canAttack(u, j)) mask[m + attack(k)] = 1;
        }
        return true;
    }

    /**
     * Carries out action {@code act} for unit {@code u}: no-op, stop, a move {@code moveDistance} px
     * ahead in one of 8 directions, or an attack on the enemy in slot k as {@link #encode} filled
     * {@code slotEnemy[s..]}.
     */
    public void act(GameView g, Commands c, int u, int act, int[] slotEnemy, int s, int moveDistance) {
        if (act <= NO_OP || act >= layout.numActions() || !g.exists(u)) return;
        if (act == STOP) {
            c.stop(u);
        } else if (act < FIRST_ATTACK) {
            int d = act - FIRST_MOVE;
            c.move(u, (int) (g.positionX(u) + moveX(d) * moveDistance), (int) (g.positionY(u) + moveY(d) * moveDistance));
        } else {
            int t = slotEnemy[s + act - FIRST_ATTACK];
            if (t >= 0) c.attack(u, t);   // a target that died meanwhile is ignored
        }
    }

    /**
     * Counts, for every unit, how many of {@code me}'s units other than {@code u} target it (into
     * {@link #targetedBy}), and returns the feature of how many enemies target {@code u}.
     */
    private float countTargeting(GameView g, int u, int me) {
        int n = g.getUnitCount();
        if (targetedBy.length < n) targetedBy = new int[n];
        Arrays.fill(targetedBy, 0, n, 0);
        int onMe = 0;
        for (int j = 0; j < n; j++) {
            if (j == u || !g.exists(j)) continue;
            int t = g.getTarget(j);
            if (t < 0 || t >= n) continue;
            if (g.getPlayer(j) == me) targetedBy[t]++;
            else if (t == u) onMe++;
        }
        return Math.min(1f, onMe / TARGETING_SCALE);
    }

    private int typeIndex(GameView g, int u) {
        return typeIndex(g.getType(u));
    }

    /** Where type {@code t} sits in the scenario's type one-hot. */
    int typeIndex(UnitType t) {
        // the views hand out GameData's own UnitType objects: an identity look-up, no record equals on the hot path
        Integer cached = typeIndexById.get(t);
        if (cached != null) return cached;
        int i = types.indexOf(t);
        if (i < 0) throw new IllegalStateException(t.name() + " is not one of the scenario's unit types " + types);
        typeIndexById.put(t, i);
        return i;
    }

    /** The fields ally and enemy slots share: present, offset from the agent, distance, unit state. */
    private static void writeNeighbour(GameView g, int j, float ux, float uy, float distSq, float invR, float[] obs, int b) {
        obs[b + PRESENT] = 1f;
        obs[b + DX] = (g.positionX(j) - ux) * invR;
        obs[b + DY] = (g.positionY(j) - uy) * invR;
        obs[b + DISTANCE] = (float) Math.sqrt(distSq) * invR;
        writeUnitState(g, j, obs, b + NEIGHBOUR_STATE);
    }

    /** hp/max, shields/max, cooldown/max of unit {@code j} at {@code obs[b..b+3)} ({@link ObservationLayout#STATE_FEATURES}). */
    static void writeUnitState(GameView g, int j, float[] obs, int b) {
        obs[b] = g.hitPointRatio(j);
        obs[b + 1] = g.shieldRatio(j);
        UnitType t = g.getType(j);
        WeaponType w = t.groundWeapon() != null ? t.groundWeapon() : t.airWeapon();
        obs[b + 2] = w == null ? 0f : Math.min(1f, (float) g.getCooldown(j) / w.cooldown());
    }

    /** Up to k living units of {@code me}'s side (allies) or the others (enemies) nearest to u, u excluded, into nearIdx/nearDist. */
    private int nearest(GameView g, int u, int me, boolean allies, int k) {
        if (k == 0) return 0;
        float ux = g.positionX(u), uy = g.positionY(u);
        int found = 0;
        for (int j = 0, end = g.getUnitCount(); j < end; j++) {
            if (j == u || !g.exists(j) || (g.getPlayer(j) == me) != allies) continue;
            float dx = g.positionX(j) - ux, dy = g.positionY(j) - uy;
            float d = dx * dx + dy * dy;
            if (found == k && d >= nearDist[k - 1]) continue;
            int pos = found < k ? found++ : k - 1;
            while (pos > 0 && nearDist[pos - 1] > d) {
                nearDist[pos] = nearDist[pos - 1];
                nearIdx[pos] = nearIdx[pos - 1];
                pos--;
            }
            nearDist[pos] = d;
            nearIdx[pos] = j;
        }
        return found;
    }
}
