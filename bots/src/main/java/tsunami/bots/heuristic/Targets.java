package tsunami.bots.heuristic;

import tsunami.bots.arena.GameView;

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

    /** Usunier et al.'s weakest-closest: the weakest enemy in weapon range, else the closest. */
    public static int weakestClosest(GameView g, int unit) {
        int t = weakest(g, unit, true);
        return t >= 0 ? t : closest(g, unit);
    }

    /** Orders an attack unless the unit already attacks that target (no needless re-issuing). */
    static void attack(GameView g, tsunami.bots.arena.Commands c, int unit, int target) {
        if (target < 0) return;
        if (g.getTarget(unit) == target && g.getOrder(unit) == tsunami.bots.arena.Order.ATTACK_UNIT) return;
        c.attack(unit, target);
    }
}
