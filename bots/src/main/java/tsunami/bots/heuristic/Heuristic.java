package tsunami.bots.heuristic;

import tsunami.bots.heuristic.Commands;
import tsunami.bots.heuristic.GameView;

/**
 * A scripted behaviour for one side of an arena game: reads the game, issues orders. Found
 * through {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/tsunami.bots.heuristic.Heuristic}); needs a public no-argument constructor.
 *
 * <p>The arena calls {@link #onFrame} every decision interval (8 frames unless the scenario says
 * otherwise). One instance may play many games, one frame at a time: keep per-game state out of
 * fields or reset it in {@link #onStart}. An exception disables the heuristic for the rest of that
 * game (its units keep their last orders) and is reported with its name.
 */
public interface Heuristic {
    /** Short name used on the command line, e.g. {@code attack-closest}. */
    String name();

    /** One line for {@code monkey heuristics list}. */
    String description();

    /** A game starts; {@code player} is the side this heuristic plays. */
    default void onStart(GameView game, int player) {
    }

    /** Issue orders for {@code player}'s units. */
    void onFrame(GameView game, int player, Commands commands);
}
