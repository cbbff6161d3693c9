package tsunami.bots.heuristic.builtin;

import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;
import tsunami.bots.heuristic.Heuristic;

/** Scratch probe: each unit attacks the weakest enemy in its own weapon range, else gives no order. */
public final class HoldWeakestInRange implements Heuristic {
    @Override public String name() { return "hold-weakest"; }
    @Override public String description() { return "probe"; }

    @Override
    public void onFrame(GameView g, int player, Commands c) {
        if (g.getFrameCount() % Integer.getInteger("probe.skip", 8) != 0) return;
        int mode = Integer.getInteger("probe.mode", 0);
        int n = g.getUnitCount();
        for (int u = 0; u < n; u++) {
            if (!g.exists(u) || g.getPlayer(u) != player) continue;
            int best = -1, bestHp = Integer.MAX_VALUE, bestT = -1, bestD = Integer.MAX_VALUE;
            for (int j = 0; j < n; j++) {
                if (!g.exists(j) || g.getPlayer(j) == player || !g.canAttack(u, j) || !g.isInWeaponRange(u, j)) continue;
                int hp = g.getHitPoints(j) + g.getShields(j);
                int t = 0;
                for (int a = 0; a < n; a++) {
                    if (a == u || !g.exists(a) || g.getPlayer(a) != player) continue;
                    if (mode == 1 && g.getTarget(a) == j) t++;
                    if (mode == 2 && g.isInWeaponRange(a, j)) t++;
                }
                int d = g.getDistance(u, j);
                if (hp < bestHp || (hp == bestHp && (t > bestT || (t == bestT && d < bestD)))) {
                    best = j; bestHp = hp; bestT = t; bestD = d;
                }
            }
            if (best < 0 && Boolean.getBoolean("probe.join")) {
                boolean fight = false;
                for (int a = 0; a < n; a++) {
                    if (a != u && g.exists(a) && g.getPlayer(a) == player && g.getCooldown(a) > 0) fight = true;
                }
                if (fight) best = Targets.closest(g, u);
            }
            Targets.attack(g, c, u, best);
        }
    }
}
