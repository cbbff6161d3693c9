package tsunami.bots.heuristic.builtin;

import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;
import tsunami.bots.heuristic.Order;
import tsunami.bots.data.GameData;
import tsunami.bots.data.UnitType;
import tsunami.bots.data.WeaponType;

/** Target choices shared by the built-in heuristics. Ties break on the lower id, so choices are deterministic. */
public final class Targets {
    private Targets() {
    }

    /** Nearest living enemy of {@code unit} that it can attack, or -1. */
    public static int closest(GameView g, int unit) {
        int best = -1, bestD = Integer.MAX_VALUE;
        int p = g.getPlayer(unit);
        for (int j = 0, n = g.getUnitCount(); j < n; j++) {
            if (!g.exists(j) || g.getPlayer(j) == p || !g.canAttack(unit, j)) continue;
            int d = g.getDistance(unit, j);
            if (d < bestD) {
                bestD = d;
                best = j;
            }
        }
        return best;
    }

    /** Enemy with the fewest hit points + shields that {@code unit} can attack (nearest on ties), or -1. */
    public static int weakest(GameView g, int unit, boolean inRangeOnly) {
        int best = -1, bestHp = Integer.MAX_VALUE, bestD = Integer.MAX_VALUE;
        int p = g.getPlayer(unit);
        for (int j = 0, n = g.getUnitCount(); j < n; j++) {
            if (!g.exists(j) || g.getPlayer(j) == p || !g.canAttack(unit, j)) continue;
            if (inRangeOnly && !g.isInWeaponRange(unit, j)) continue;
            int hp = g.getHitPoints(j) + g.getShields(j);
            int d = g.getDistance(unit, j);
            if (hp < bestHp || (hp == bestHp && d < bestD)) {
                bestHp = hp;
                bestD = d;
                best = j;
            }
        }
        return best;
    }

    /**
     * Usunier et al.'s "wc" as their baseline code defines it (TorchCraft examples,
     * {@code targeting_heuristics.lua get_weakest_and_closest}): the enemy with the fewest hit points
     * + shields anywhere, ties broken by the squared distance to the centre of mass of {@code player}'s
     * living units. The same for every unit of the side, so the side focuses fire.
     */
    public static int weakestNearCentre(GameView g, int player) {
        int n = g.getUnitCount();
        long sx = 0, sy = 0;
        int count = 0;
        for (int u = 0; u < n; u++) {
            if (g.exists(u) && g.getPlayer(u) == player) {
                sx += g.getX(u);
                sy += g.getY(u);
                count++;
            }
        }
        if (count == 0) return -1;
        long cx = sx / count, cy = sy / count;
        int best = -1, bestHp = Integer.MAX_VALUE;
        long bestD = Long.MAX_VALUE;
        for (int j = 0; j < n; j++) {
            if (!g.exists(j) || g.getPlayer(j) == player) continue;
            int hp = g.getHitPoints(j) + g.getShields(j);
            long dx = g.getX(j) - cx, dy = g.getY(j) - cy;
            long d = dx * dx + dy * dy;
            if (hp < bestHp || (hp == bestHp && d < bestD)) {
                bestHp = hp;
                bestD = d;
                best = j;
            }
        }
        return best;
    }

    /** The weakest enemy in weapon range, else the closest (the local choice of kiting and focus-fire). */
    public static int weakestInRangeElseClosest(GameView g, int unit) {
        int t = weakest(g, unit, true);
        return t >= 0 ? t : closest(g, unit);
    }

    /**
     * Damage one attack of {@code unit} does to {@code target} as BW applies it (per hit: shields take
     * it whole, else armor then the type ratio, at least ½), in whole points rounded down.
     */
    public static int damagePerAttack(GameView g, int unit, int target) {
        UnitType ut = g.getType(unit), tt = g.getType(target);
        boolean flies = g.isFlying(target);
        WeaponType w = ut.weaponAgainst(flies);
        if (w == null) return 0;
        int hits = ut.hitsAgainst(flies) * w.factor();
        int perHit256;
        if (g.getShields(target) > 0) {
            perHit256 = w.damage() * 256;
        } else {
            perHit256 = ((w.damage() - tt.armor()) * 256 * GameData.standard().damageRatio(w.type(), tt.size())) >> 8;
            if (perHit256 < 128) perHit256 = 128;
        }
        return (hits * perHit256) >> 8;
    }

    /** Orders an attack unless the unit already attacks that target (no needless re-issuing). */
    static void attack(GameView g, Commands c, int unit, int target) {
        if (target < 0) return;
        if (g.getTarget(unit) == target && g.getOrder(unit) == Order.ATTACK_UNIT) return;
        c.attack(unit, target);
    }
}
