package tsunami.bots.heuristic.builtin;

import tsunami.bots.heuristic.Heuristic;

import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;

/**
 * Hit and run for ranged units: while the weapon cools down, step away from the nearest enemy
 * that threatens the unit; when ready, attack the weakest enemy in range (else the closest).
 * Melee units (range under 2 tiles) simply attack the closest enemy.
 */
public final class Kiting implements Heuristic {
    private static final int MELEE_RANGE = 64;

    @Override public String name() { return "kiting"; }
    @Override public String description() { return "ranged units step back from threats while reloading, then shoot the weakest in range"; }

    @Override
    public void onFrame(GameView g, int player, Commands c) {
        int n = g.getUnitCount();
        for (int u = 0; u < n; u++) {
            if (!g.exists(u) || g.getPlayer(u) != player) continue;
            var type = g.getType(u);
            if (!type.canAttack()) continue;
            if (type.maxRange() < MELEE_RANGE) {
                Targets.attack(g, c, u, Targets.closest(g, u));
                continue;
            }
            int threat = nearestThreat(g, u);
            boolean reloading = g.getCooldown(u) > 8; // the next decision comes in 8 frames
            if (reloading && threat >= 0) {
                var tw = g.getType(threat).weaponAgainst(g.isFlying(u));
                int danger = (tw == null ? 0 : tw.maxRange()) + 48;
                if (g.getDistance(u, threat) <= danger) {
                    int dx = g.getX(u) - g.getX(threat), dy = g.getY(u) - g.getY(threat);
                    double len = Math.max(1, Math.hypot(dx, dy));
                    c.move(u, g.getX(u) + (int) (dx / len * 64), g.getY(u) + (int) (dy / len * 64));
                    continue;
                }
            }
            Targets.attack(g, c, u, Targets.weakestInRangeElseClosest(g, u));
        }
    }

    private static int nearestThreat(GameView g, int u) {
        int best = -1, bestD = Integer.MAX_VALUE;
        int p = g.getPlayer(u);
        for (int j = 0, n = g.getUnitCount(); j < n; j++) {
            if (!g.exists(j) || g.getPlayer(j) == p || !g.canAttack(j, u)) continue;
            int d = g.getDistance(u, j);
            if (d < bestD) { bestD = d; best = j; }
        }
        return best;
    }
}
