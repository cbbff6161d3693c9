package tsunami.bots.bwapi;

/**
 * A bot written against {@link BwapiClient}: callbacks on BWAPI's events, in the order they
 * arrive each frame. Orders go through the {@link BwapiGame} passed in.
 */
public interface BwapiBot {
    /** A game starts (BWAPI's MatchStart); static data (players, map) is readable from here. */
    default void onStart(BwapiGame game) {
    }

    /** Every frame of a game, after that frame's other events. */
    void onFrame(BwapiGame game);

    /** The game ended (MatchEnd). */
    default void onEnd(BwapiGame game, boolean isWinner) {
    }

    /** Any other event: BWAPI's event type id and its two values (a unit id for unit events). */
    default void onEvent(BwapiGame game, int type, int v1, int v2) {
    }
}
