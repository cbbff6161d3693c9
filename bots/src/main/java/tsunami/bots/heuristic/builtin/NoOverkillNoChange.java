package tsunami.bots.heuristic.builtin;

import tsunami.bots.heuristic.Heuristic;

import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;

/**
 * Usunier et al. (2016)'s "nok-nc", as their baseline code defines it (TorchCraft examples,
 * {@code get_weakest_in_range_slack_no_overkill} without target changes): a unit whose target is
 * alive keeps it (no change); the others take the weakest enemy (hit points + shields) within weapon
 * range, widening the search one tile at a time up to 8 tiles beyond it, skipping enemies that the
 * side's chosen attacks already kill (no overkill: each choice adds its attack's damage to the
 * enemy's expected damage). A unit with nothing within reach gets no order, so the game's own unit
 * AI acts for it, as with the original baseline. Units are visited in id order.
 */
public final class NoOverkillNoChange implements Heuristic {
    private static final int TILE = 32, MAX_SLACK = 8 * TILE;
    private int[] expected = new int[0];

    @Override public String name() { return "no-overkill-no-change"; }
    @Override public String description() { return "weakest within reach (weapon range + up to 8 tiles), no overkill, keeps a living target (Usunier et al. nok-nc)"; }

    @Override
    public void onFrame(GameView g, int player, Commands c) {
        int n = g.getUnitCount();
        if (expected.length < n) expected = new int[n];
        java.util.Arrays.fill(expected, 0, n, 0);
        for (int u = 0; u < n; u++) {
            if (!g.exists(u) || g.getPlayer(u) != player || !g.getType(u).canAttack()) continue;
            int t = g.getTarget(u);
            if (t >= 0 && g.exists(t) && g.getPlayer(t) != player) { // no change
                expected[t] += Targets.damagePerAttack(g, u, t);
                continue;
            }
            int pick = -1;
            for (int slack = 0; slack <= MAX_SLACK && pick < 0; slack += TILE) {
                int bestHp = Integer.MAX_VALUE;
                for (int j = 0; j < n; j++) {
                    if (!g.exists(j) || g.getPlayer(j) == player || !g.canAttack(u, j)) continue;
                    int hp = g.getHitPoints(j) + g.getShields(j);
                    if (expected[j] >= hp) continue; // no overkill
                    var w = g.getType(u).weaponAgainst(g.isFlying(j));
                    if (g.getDistance(u, j) > w.maxRange() + slack) continue;
                    if (hp < bestHp) {
                        bestHp = hp;
                        pick = j;
                    }
                }
            }
            if (pick >= 0) {
                expected[pick] += Targets.damagePerAttack(g, u, pick);
                Targets.attack(g, c, u, pick);
            }
        }
    }
}
