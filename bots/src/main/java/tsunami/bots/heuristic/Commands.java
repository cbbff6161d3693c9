package tsunami.bots.heuristic;

/**
 * Orders for the units of one side, shaped like BWAPI's unit commands. Orders for units the side
 * does not own, dead units or invalid targets are ignored (BWAPI would answer them with an error).
 * Unit ids are those of {@link GameView}.
 */
public interface Commands {
    /** Move to a position without fighting (BWAPI {@code move}). */
    void move(int unit, int x, int y);

    /** Attack one unit until it dies (BWAPI {@code attack(Unit)}). */
    void attack(int unit, int target);

    /** Walk to a position, fighting every enemy met on the way (BWAPI {@code attack(Position)}). */
    void attackMove(int unit, int x, int y);

    /** Stop: stand, but acquire targets that come near and fight back (BWAPI {@code stop}). */
    void stop(int unit);

    /** Hold position: never move, shoot what comes into weapon range (BWAPI {@code holdPosition}). */
    void holdPosition(int unit);
}
