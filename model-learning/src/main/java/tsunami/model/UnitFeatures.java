package tsunami.model;

import tsunami.env.FightSpec;
import tsunami.env.FightState;

/**
 * How the world model reads and writes a fight. Units are a set: every living unit gets one input
 * row (its own state and action, the unit its action names, and a pooled summary of its allies and
 * enemies) and one target row (its change over the interval), so one network serves any unit count
 * and any order. A second, small row per transition (side totals before and after) feeds the
 * reward and episode-end head.
 *
 * <pre>
 * unit input:  side, type one-hot (T), x/W, y/H, vx/S, vy/S, hp/max, shields/max, cooldown/max,
 *              action one-hot (A, zeros for the other side), target: named, dx/R, dy/R, distance/R, hp/max,
 *              agents attacking me / agents, enemies whose nearest foe I am / enemies,
 *              allies: living/size, mean(dx/R, dy/R, distance/R, hp, cooldown, vx/S, vy/S), nearest(same 7),
 *              enemies: likewise
 * unit target: dx/M, dy/M, next vx/S, next vy/S, hp change/max × D, shield change/max × D, next cooldown/max, alive next
 * outcome in:  per side: living before, living after, hp+shields before, hp+shields after, killed (fractions); frame after / F
 * outcome out: reward, episode ended
 * </pre>
 * R = 384 px (the observation's distance scale), S = 4 px/frame, M = 32 px, D = 4, F = 10,000 frames.
 */
public final class UnitFeatures {
    static final float DISTANCE_SCALE = 384f, SPEED_SCALE = 4f, MOVE_SCALE = 32f, CHANGE_SCALE = 4f, FRAME_SCALE = 10_000f;
    private static final int CONTEXT = 7;
    public static final int OUT_DX = 0, OUT_DY = 1, OUT_VX = 2, OUT_VY = 3, OUT_DHP = 4, OUT_DSH = 5, OUT_CD = 6, OUT_ALIVE = 7;
    public static final int UNIT_OUTPUTS = 8;
    public static final int OUTCOME_INPUTS = 11, OUTCOME_OUTPUTS = 2;

    private final FightSpec spec;
    private final int frameSkip;
    private final int types, actions;
    private final int actionAt, targetAt, pressureAt, alliesAt, enemiesAt, inputSize;
    private final int[] nearestFoe;
    private final int[] attackers;

    public UnitFeatures(FightSpec spec, int frameSkip) {
        this.spec = spec;
        this.frameSkip = frameSkip;
        types = spec.unitTypes();
        actions = spec.numActions();
        actionAt = 1 + types + 7;
        targetAt = actionAt + actions;
        pressureAt = targetAt + 5;
        alliesAt = pressureAt + 2;
        enemiesAt = alliesAt + 1 + 2 * CONTEXT;
        inputSize = enemiesAt + 1 + 2 * CONTEXT;
        nearestFoe = new int[spec.units()];
        attackers = new int[spec.units()];
    }

    public FightSpec spec() {
        return spec;
    }

    public int frameSkip() {
        return frameSkip;
    }

    public int unitInputs() {
        return inputSize;
    }

    /** Rows a state takes: its living units. */
    public static int rows(FightState s) {
        int c = 0;
        for (boolean a : s.alive) if (a) c++;
        return c;
    }

    /**
     * Writes one input row per living unit of {@code s}, in slot order, from row {@code row} of
     * {@code in} (row-major, {@link #unitInputs()} wide); {@code acts} holds one action per agent.
     * Returns the rows written. Not thread-safe (scratch arrays).
     */
    public int encode(FightState s, int[] acts, float[] in, int row) {
        int n = spec.units(), learners = spec.learnerUnits();
        for (int i = 0; i < n; i++) {
            nearestFoe[i] = -1;
            attackers[i] = 0;
        }
        for (int i = 0; i < n; i++) {
            if (!s.alive[i]) continue;
            float best = Float.MAX_VALUE;
            for (int j = 0; j < n; j++) {
                if (!s.alive[j] || spec.side(j) == spec.side(i)) continue;
                float d = dist2(s, i, j);
                if (d < best) {
                    best = d;
                    nearestFoe[i] = j;
                }
            }
        }
        for (int a = 0; a < learners; a++) {
            int t = s.alive[a] ? s.targetOf(a, acts[a]) : -1;
            if (t >= 0) attackers[t]++;
        }
        int written = 0;
        for (int i = 0; i < n; i++) {
            if (!s.alive[i]) continue;
            int b = (row + written++) * inputSize;
            java.util.Arrays.fill(in, b, b + inputSize, 0f);
            int side = spec.side(i);
            in[b] = side;
            in[b + 1 + spec.unitType()[i]] = 1f;
            int o = b + 1 + types;
            in[o] = s.x[i] / spec.mapWidth();
            in[o + 1] = s.y[i] / spec.mapHeight();
            in[o + 2] = s.vx[i] / SPEED_SCALE;
            in[o + 3] = s.vy[i] / SPEED_SCALE;
            in[o + 4] = s.hitPoints[i] / spec.maxHitPoints()[i];
            in[o + 5] = ratio(s.shields[i], spec.maxShields()[i]);
            in[o + 6] = ratio(s.cooldown[i], spec.maxCooldown()[i]);
            if (side == 0) {
                int act = acts[i];
                if (act >= 0 && act < actions) in[b + actionAt + act] = 1f;
                int t = s.targetOf(i, act);
                if (t >= 0 && s.alive[t]) {
                    int tb = b + targetAt;
                    in[tb] = 1f;
                    in[tb + 1] = (s.x[t] - s.x[i]) / DISTANCE_SCALE;
                    in[tb + 2] = (s.y[t] - s.y[i]) / DISTANCE_SCALE;
                    in[tb + 3] = (float) Math.sqrt(dist2(s, i, t)) / DISTANCE_SCALE;
                    in[tb + 4] = s.hitPoints[t] / spec.maxHitPoints()[t];
                }
            }
            in[b + pressureAt] = attackers[i] / (float) learners;
            int hunters = 0, foes = side == 0 ? spec.opponentUnits() : learners;
            for (int j = 0; j < n; j++) if (nearestFoe[j] == i) hunters++;
            in[b + pressureAt + 1] = hunters / (float) foes;
            group(s, i, true, in, b + alliesAt);
            group(s, i, false, in, b + enemiesAt);
        }
        return written;
    }

    /** Living count, mean and nearest of unit i's allies (or enemies), relative to i. */
    private void group(FightState s, int i, boolean allies, float[] in, int b) {
        int n = spec.units(), side = spec.side(i), count = 0, nearest = -1;
        float best = Float.MAX_VALUE;
        int mean = b + 1, near = b + 1 + CONTEXT;
        for (int j = 0; j < n; j++) {
            if (j == i || !s.alive[j] || (spec.side(j) == side) != allies) continue;
            count++;
            addContext(s, i, j, in, mean);
            float d = dist2(s, i, j);
            if (d < best) {
                best = d;
                nearest = j;
            }
        }
        int size = allies ? (side == 0 ? spec.learnerUnits() : spec.opponentUnits()) - 1
                : (side == 0 ? spec.opponentUnits() : spec.learnerUnits());
        in[b] = size == 0 ? 0f : count / (float) size;
        if (count == 0) return;
        for (int k = 0; k < CONTEXT; k++) in[mean + k] /= count;
        addContext(s, i, nearest, in, near);
    }

    private void addContext(FightState s, int i, int j, float[] in, int b) {
        in[b] += (s.x[j] - s.x[i]) / DISTANCE_SCALE;
        in[b + 1] += (s.y[j] - s.y[i]) / DISTANCE_SCALE;
        in[b + 2] += (float) Math.sqrt(dist2(s, i, j)) / DISTANCE_SCALE;
        in[b + 3] += s.hitPoints[j] / spec.maxHitPoints()[j];
        in[b + 4] += ratio(s.cooldown[j], spec.maxCooldown()[j]);
        in[b + 5] += s.vx[j] / SPEED_SCALE;
        in[b + 6] += s.vy[j] / SPEED_SCALE;
    }

    /** Target rows: how each unit living in {@code s} changed by {@code next}, in the order of {@link #encode}. */
    public int targets(FightState s, FightState next, float[] out, int row) {
        int written = 0;
        for (int i = 0; i < spec.units(); i++) {
            if (!s.alive[i]) continue;
            int b = (row + written++) * UNIT_OUTPUTS;
            boolean lives = next.alive[i];
            out[b + OUT_DX] = (next.x[i] - s.x[i]) / MOVE_SCALE;
            out[b + OUT_DY] = (next.y[i] - s.y[i]) / MOVE_SCALE;
            out[b + OUT_VX] = lives ? next.vx[i] / SPEED_SCALE : 0f;
            out[b + OUT_VY] = lives ? next.vy[i] / SPEED_SCALE : 0f;
            float hpNext = lives ? next.hitPoints[i] : 0f, shNext = lives ? next.shields[i] : 0f;
            out[b + OUT_DHP] = (hpNext - s.hitPoints[i]) / spec.maxHitPoints()[i] * CHANGE_SCALE;
            out[b + OUT_DSH] = ratio(shNext - s.shields[i], spec.maxShields()[i]) * CHANGE_SCALE;
            out[b + OUT_CD] = lives ? ratio(next.cooldown[i], spec.maxCooldown()[i]) : 0f;
            out[b + OUT_ALIVE] = lives ? 1f : 0f;
        }
        return written;
    }

    /** Applies predicted rows (as {@link #targets} writes them) to {@code s}, giving {@code next}; dead units stay dead. */
    public int apply(FightState s, float[] pred, int row, FightState next) {
        int written = 0;
        for (int i = 0; i < spec.units(); i++) {
            if (!s.alive[i]) {
                next.alive[i] = false;
                next.x[i] = s.x[i];
                next.y[i] = s.y[i];
                next.vx[i] = next.vy[i] = 0f;
                next.hitPoints[i] = next.shields[i] = next.cooldown[i] = 0f;
                continue;
            }
            int b = (row + written++) * UNIT_OUTPUTS;
            float maxHp = spec.maxHitPoints()[i], maxSh = spec.maxShields()[i], maxCd = spec.maxCooldown()[i];
            next.x[i] = clamp(s.x[i] + pred[b + OUT_DX] * MOVE_SCALE, 0f, spec.mapWidth() - 1);
            next.y[i] = clamp(s.y[i] + pred[b + OUT_DY] * MOVE_SCALE, 0f, spec.mapHeight() - 1);
            float hp = clamp(s.hitPoints[i] + pred[b + OUT_DHP] / CHANGE_SCALE * maxHp, 0f, maxHp);
            boolean lives = pred[b + OUT_ALIVE] >= 0.5f;
            next.alive[i] = lives;
            if (lives) {
                next.vx[i] = pred[b + OUT_VX] * SPEED_SCALE;
                next.vy[i] = pred[b + OUT_VY] * SPEED_SCALE;
                next.hitPoints[i] = Math.max(hp, 1f);
                next.shields[i] = clamp(s.shields[i] + pred[b + OUT_DSH] / CHANGE_SCALE * maxSh, 0f, maxSh);
                next.cooldown[i] = clamp(pred[b + OUT_CD] * maxCd, 0f, maxCd);
            } else {
                next.vx[i] = next.vy[i] = 0f;
                next.hitPoints[i] = next.shields[i] = next.cooldown[i] = 0f;
            }
        }
        next.frame = s.frame + frameSkip;
        return written;
    }

    /**
     * Who targets whom after an imagined step, which the model does not predict: an agent's attack
     * action sets its target, its other orders but no-op clear it, every other unit keeps its
     * target, and a dead unit or target leaves none. {@code actions[i]} is agent i's action.
     */
    public void carryTargets(FightState s, int[] actions, FightState next) {
        for (int i = 0; i < spec.units(); i++) {
            int t = s.target[i];
            if (i < spec.learnerUnits() && actions != null && actions[i] != 0) {
                int slot = actions[i] - spec.firstAttackAction();
                t = slot >= 0 && slot < spec.attackSlots() ? s.slotTarget[i * spec.attackSlots() + slot] : -1;
            }
            next.target[i] = next.alive[i] && t >= 0 && next.alive[t] ? t : -1;
        }
    }

    /** The outcome head's input for a step from {@code s} to {@code next}, at {@code in[b..]}. */
    public void outcome(FightState s, FightState next, float[] in, int b) {
        for (int side = 0; side < 2; side++) {
            int from = side == 0 ? 0 : spec.learnerUnits(), to = side == 0 ? spec.learnerUnits() : spec.units();
            float size = to - from, livingBefore = 0, livingAfter = 0, healthBefore = 0, healthAfter = 0, full = 0, killed = 0;
            for (int i = from; i < to; i++) {
                full += spec.maxHitPoints()[i] + spec.maxShields()[i];
                if (s.alive[i]) {
                    livingBefore++;
                    healthBefore += s.hitPoints[i] + s.shields[i];
                }
                if (next.alive[i]) {
                    livingAfter++;
                    healthAfter += next.hitPoints[i] + next.shields[i];
                }
                if (s.alive[i] && !next.alive[i]) killed++;
            }
            int o = b + side * 5;
            in[o] = livingBefore / size;
            in[o + 1] = livingAfter / size;
            in[o + 2] = healthBefore / full;
            in[o + 3] = healthAfter / full;
            in[o + 4] = killed / size;
        }
        in[b + 10] = next.frame / FRAME_SCALE;
    }

    private static float dist2(FightState s, int i, int j) {
        float dx = s.x[j] - s.x[i], dy = s.y[j] - s.y[i];
        return dx * dx + dy * dy;
    }

    private static float ratio(float v, float max) {
        return max == 0 ? 0f : v / max;
    }

    private static float clamp(float v, float lo, float hi) {
        return v < lo ? lo : Math.min(v, hi);
    }
}
