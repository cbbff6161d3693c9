package tsunami.bots.heuristic.builtin;

import tsunami.bots.heuristic.Heuristic;

import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;

/**
 * The game's own unit AI with no player orders, as units left standing on a map behave in BW: a
 * unit holds its ground until an enemy comes within its acquisition range (the larger of its seek
 * range and weapon range) or hits it, then attacks that enemy; it does not advance otherwise. This
 * is the opponent a scripted or learned side meets when the map's computer player sends no orders
 * (unlike {@link AttackMove}, whose units all advance at once). The arena's unit AI does the work,
 * so this heuristic issues nothing.
 */
public final class Guard implements Heuristic {
    @Override public String name() { return "guard"; }
    @Override public String description() { return "no orders: units hold ground, engage enemies that come within acquisition range, fight back when hit"; }

    @Override
    public void onFrame(GameView g, int player, Commands c) {
        // deliberately empty: every unit keeps BW's idle behaviour (see the class comment)
    }
}
