package tsunami.bots.heuristic.builtin;

import tsunami.bots.heuristic.Heuristic;

import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;

/** Every unit attacks the enemy with the fewest hit points + shields, wherever it is. */
public final class AttackWeakest implements Heuristic {
    @Override public String name() { return "attack-weakest"; }
    @Override public String description() { return "each unit attacks the enemy with the fewest hit points + shields, wherever it is"; }

    @Override
    public void onFrame(GameView g, int player, Commands c) {
        for (int u = 0, n = g.getUnitCount(); u < n; u++) {
            if (g.exists(u) && g.getPlayer(u) == player) Targets.attack(g, c, u, Targets.weakest(g, u, false));
        }
    }
}
