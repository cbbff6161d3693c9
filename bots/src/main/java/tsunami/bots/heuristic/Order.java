package tsunami.bots.heuristic;

/**
 * The order a unit is carrying out, as in BWAPI's {@code Unit.getOrder()} (a subset). Each order has
 * a stable {@link #code()}: replays store it and the arena keeps orders as these codes, so a code
 * never changes meaning and new orders take new codes.
 */
public enum Order {
    STOP(0), MOVE(1), ATTACK_UNIT(2), ATTACK_MOVE(3), HOLD_POSITION(4);

    private static final Order[] BY_CODE = new Order[values().length];

    static {
        for (Order o : values()) {
            if (BY_CODE[o.code] != null) throw new ExceptionInInitializerError("order code " + o.code + " used twice");
            BY_CODE[o.code] = o;
        }
    }

    private final int code;

    Order(int code) {
        this.code = code;
    }

    /** The stable number of this order (in replays and in the arena's state). */
    public int code() {
        return code;
    }

    /** Whether {@code code} names an order. */
    public static boolean isCode(int code) {
        return code >= 0 && code < BY_CODE.length && BY_CODE[code] != null;
    }

    /** The order with this code; throws IllegalArgumentException for an unknown one. */
    public static Order of(int code) {
        if (!isCode(code)) throw new IllegalArgumentException("no order has code " + code);
        return BY_CODE[code];
    }
}
