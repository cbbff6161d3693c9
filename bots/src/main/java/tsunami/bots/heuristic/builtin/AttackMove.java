package tsunami.bots.heuristic.builtin;

import tsunami.bots.heuristic.Heuristic;

import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;
import tsunami.bots.heuristic.Order;

/**
 * The game's own AI as closely as the arena has it: idle units are sent with attack-move toward
 * the nearest enemy; the arena's BW unit behaviour does the rest (acquire the nearest threat,
 * fight back when hit, keep a target until it dies or a nearer one shows up while out of range).
 */
public final class AttackMove implements Heuristic {
    @Override public String name() { return "attack-move"; }
    @Override public String description() { return "idle units attack-move toward the nearest enemy; BW unit AI picks targets and fights back"; }

    @Override
    public void onFrame(GameView g, int player, Commands c) {
        for (int u = 0, n = g.getUnitCount(); u < n; u++) {
            if (!g.exists(u) || g.getPlayer(u) != player) continue;
            if (g.getOrder(u) != Order.STOP || g.getTarget(u) >= 0) continue;
            int e = nearestEnemy(g, u);
            if (e >= 0) c.attackMove(u, g.getX(e), g.getY(e));
        }
    }

    private static int nearestEnemy(GameView g, int u) {
        int best = -1, bestD = Integer.MAX_VALUE;
        int p = g.getPlayer(u);
        for (int j = 0, n = g.getUnitCount(); j < n; j++) {
            if (!g.exists(j) || g.getPlayer(j) == p) continue;
            int d = g.getDistance(u, j);
            if (d < bestD) { bestD = d; best = j; }
        }
        return best;
    }
}
