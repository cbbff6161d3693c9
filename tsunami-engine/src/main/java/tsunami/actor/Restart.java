package tsunami.actor;

/** When a supervisor restarts a child that exited. */
public enum Restart {
    /** Always. */
    PERMANENT,
    /** Only after an abnormal exit (not normal, not shutdown). */
    TRANSIENT,
    /** Never; the child is forgotten when it exits. */
    TEMPORARY;

    boolean restartsAfter(ExitReason reason) {
        return switch (this) {
            case PERMANENT -> true;
            case TRANSIENT -> !reason.isOrderly();
            case TEMPORARY -> false;
        };
    }
}
