package tsunami.bots.heuristic;

/** The order a unit is carrying out, as in BWAPI's {@code Unit.getOrder()} (a subset). Codes are stable: replays store them. */
public enum Order {
    STOP, MOVE, ATTACK_UNIT, ATTACK_MOVE, HOLD_POSITION;

    private static final Order[] VALUES = values();

    public static Order of(int code) {
        return VALUES[code];
    }
}
