package tsunami.bots.heuristic.builtin;

import tsunami.bots.heuristic.Heuristic;

import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;

/**
 * The whole side shoots one enemy at a time: the one that is cheapest to kill from where the army
 * stands (hit points + shields weighted by distance to the army's centre). Units that cannot
 * reach it within a step attack the weakest enemy in their range, else the closest.
 */
public final class FocusFire implements Heuristic {
    @Override public String name() { return "focus-fire"; }
    @Override public String description() { return "all units shoot one enemy at a time: the weakest near the army's centre"; }

    @Override
    public void onFrame(GameView g, int player, Commands c) {
        int n = g.getUnitCount();
        long sx = 0, sy = 0;
        int count = 0;
        for (int u = 0; u < n; u++) {
            if (g.exists(u) && g.getPlayer(u) == player) { sx += g.getX(u); sy += g.getY(u); count++; }
        }
        if (count == 0) return;
        int cx = (int) (sx / count), cy = (int) (sy / count);
        int focus = -1;
        double bestScore = Double.MAX_VALUE;
        for (int j = 0; j < n; j++) {
            if (!g.exists(j) || g.getPlayer(j) == player) continue;
            double d = Math.hypot(g.getX(j) - cx, g.getY(j) - cy);
            double score = (g.getHitPoints(j) + g.getShields(j)) * (64 + d);
            if (score < bestScore) { bestScore = score; focus = j; }
        }
        for (int u = 0; u < n; u++) {
            if (!g.exists(u) || g.getPlayer(u) != player) continue;
            // units that would have to walk far to reach the focus shoot what they can reach instead
            boolean reach = focus >= 0 && g.canAttack(u, focus)
                    && g.getDistance(u, focus) <= g.getType(u).weaponAgainst(g.isFlying(focus)).maxRange() + 32;
            Targets.attack(g, c, u, reach ? focus : Targets.weakestInRangeElseClosest(g, u));
        }
    }
}
