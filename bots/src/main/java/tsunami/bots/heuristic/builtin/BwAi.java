package tsunami.bots.heuristic.builtin;

import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;
import tsunami.bots.heuristic.Heuristic;
import tsunami.bots.heuristic.Order;

/**
 * Units of a computer player on a micro map, as BW's own unit AI runs them with no script: each
 * unit guards its post. The engine does the fighting (the arena's unit AI, after BW's as OpenBW has
 * it: search every 15 frames for the nearest enemy within acquisition range, enemies that can shoot
 * back first; a hit makes the attacker the auto target of the victim and of its allies within 96 px,
 * which idle units attack at once). What this adds is the computer's
 * guard duty: a unit that has chased an enemy and is left without a target more than
 * {@link #LEASH} px from its post attack-moves back to it (BW's computer units return to their
 * guard position; human units left alone stay where the fight ended, see {@link Guard}).
 */
public final class BwAi implements Heuristic {
    /** Distance from its post beyond which an idle unit walks back (our choice: one and a half tiles). */
    static final int LEASH = 48;

    private int[] postX = new int[0], postY = new int[0];

    @Override public String name() { return "bw-ai"; }
    @Override public String description() { return "BW's computer player: units guard their posts with the game's unit AI, return to them when idle"; }

    @Override
    public void onStart(GameView g, int player) {
        int n = g.getUnitCount();
        postX = new int[n];
        postY = new int[n];
        for (int u = 0; u < n; u++) {
            postX[u] = g.getX(u);
            postY[u] = g.getY(u);
        }
    }

    @Override
    public void onFrame(GameView g, int player, Commands c) {
        if (postX.length != g.getUnitCount()) onStart(g, player);
        for (int u = 0; u < g.getUnitCount(); u++) {
            if (!g.exists(u) || g.getPlayer(u) != player) continue;
            if (g.getOrder(u) != Order.STOP || g.getTarget(u) >= 0) continue;
            long dx = g.getX(u) - postX[u], dy = g.getY(u) - postY[u];
            if (dx * dx + dy * dy > (long) LEASH * LEASH) c.attackMove(u, postX[u], postY[u]);
        }
    }
}
