package tsunami.bots.heuristic.builtin;

import tsunami.bots.heuristic.Heuristic;

import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;

/**
 * Usunier et al. (2016)'s "wc", as their baseline code defines it (TorchCraft examples,
 * {@code get_weakest_and_closest}): every unit attacks the enemy with the fewest hit points +
 * shields anywhere, ties broken by distance to the centre of mass of the side's units. It is a
 * global choice, so the whole side focuses one enemy and most units walk to reach it.
 */
public final class WeakestClosest implements Heuristic {
    @Override public String name() { return "weakest-closest"; }
    @Override public String description() { return "all units attack the weakest enemy anywhere, ties: nearest the army's centre (Usunier et al. wc)"; }

    @Override
    public void onFrame(GameView g, int player, Commands c) {
        int target = Targets.weakestNearCentre(g, player);
        if (target < 0) return;
        for (int u = 0, n = g.getUnitCount(); u < n; u++) {
            if (g.exists(u) && g.getPlayer(u) == player && g.canAttack(u, target)) Targets.attack(g, c, u, target);
        }
    }
}
