package tsunami.bots.heuristic;

import tsunami.bots.arena.Commands;
import tsunami.bots.arena.GameView;

/** Usunier et al.'s "wc": the weakest enemy within weapon range, else the closest. */
public final class WeakestClosest implements Heuristic {
    @Override public String name() { return "weakest-closest"; }
    @Override public String description() { return "each unit attacks the weakest enemy in weapon range, else the closest (Usunier et al. wc)"; }

    @Override
    public void onFrame(GameView g, int player, Commands c) {
        for (int u = 0, n = g.getUnitCount(); u < n; u++) {
            if (g.exists(u) && g.getPlayer(u) == player) Targets.attack(g, c, u, Targets.weakestClosest(g, u));
        }
    }
}
