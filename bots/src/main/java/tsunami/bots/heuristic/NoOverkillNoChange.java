package tsunami.bots.heuristic;

import tsunami.bots.arena.Commands;
import tsunami.bots.arena.GameView;

/**
 * Usunier et al.'s "nok-nc": weakest-closest, but a unit keeps a living target it can shoot
 * (no change), and no more damage is sent at an enemy than it takes to kill it (no overkill).
 */
public final class NoOverkillNoChange implements Heuristic {
    private int[] assigned = new int[0];

    @Override public String name() { return "no-overkill-no-change"; }
    @Override public String description() { return "weakest-closest that keeps targets in range and sends no more damage than needed to kill (Usunier et al. nok-nc)"; }

    @Override
    public void onFrame(GameView g, int player, Commands c) {
        int n = g.getUnitCount();
        if (assigned.length < n) assigned = new int[n];
        java.util.Arrays.fill(assigned, 0, n, 0);
        // units that keep their target first: their damage is already on the way
        for (int u = 0; u < n; u++) {
            if (!g.exists(u) || g.getPlayer(u) != player) continue;
            int t = g.getTarget(u);
            if (t >= 0 && g.exists(t) && g.isInWeaponRange(u, t)) assigned[t] += damagePerShot(g, u, t);
        }
        for (int u = 0; u < n; u++) {
            if (!g.exists(u) || g.getPlayer(u) != player) continue;
            int t = g.getTarget(u);
            if (t >= 0 && g.exists(t) && g.isInWeaponRange(u, t)) continue; // no change
            int best = -1, bestHp = Integer.MAX_VALUE, bestD = Integer.MAX_VALUE;
            int closest = -1, closestD = Integer.MAX_VALUE;
            for (int j = 0; j < n; j++) {
                if (!g.exists(j) || g.getPlayer(j) == player || !g.canAttack(u, j)) continue;
                int hp = g.getHitPoints(j) + g.getShields(j);
                if (assigned[j] >= hp) continue; // no overkill
                int d = g.getDistance(u, j);
                if (d < closestD) { closestD = d; closest = j; }
                if (g.isInWeaponRange(u, j) && (hp < bestHp || (hp == bestHp && d < bestD))) {
                    bestHp = hp;
                    bestD = d;
                    best = j;
                }
            }
            int pick = best >= 0 ? best : closest >= 0 ? closest : Targets.closest(g, u);
            if (pick >= 0) {
                assigned[pick] += damagePerShot(g, u, pick);
                Targets.attack(g, c, u, pick);
            }
        }
    }

    private static int damagePerShot(GameView g, int u, int t) {
        var w = g.getType(u).weaponAgainst(g.isFlying(t));
        return w == null ? 0 : w.damage() * w.factor() * g.getType(u).hitsAgainst(g.isFlying(t));
    }
}
