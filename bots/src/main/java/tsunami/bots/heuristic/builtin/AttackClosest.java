package tsunami.bots.heuristic.builtin;

import tsunami.bots.heuristic.Heuristic;

import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;

/** Every unit attacks the enemy nearest to it, re-chosen at each decision (Usunier et al. "c"). */
public final class AttackClosest implements Heuristic {
    @Override public String name() { return "attack-closest"; }
    @Override public String description() { return "each unit attacks the enemy nearest to it, re-chosen every decision"; }

    @Override
    public void onFrame(GameView g, int player, Commands c) {
        for (int u = 0, n = g.getUnitCount(); u < n; u++) {
            if (g.exists(u) && g.getPlayer(u) == player) Targets.attack(g, c, u, Targets.closest(g, u));
        }
    }
}
