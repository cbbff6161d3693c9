package tsunami.actor;

/** OTP restart strategies. */
public enum Strategy {
    /** Restart only the child that exited. */
    ONE_FOR_ONE,
    /** Stop all other children (reverse order), then restart all (start order). */
    ONE_FOR_ALL,
    /** Stop the children started after the one that exited (reverse order), restart it and them (start order). */
    REST_FOR_ONE,
    /** One template child spec; children are added at run time with startChild(arg), each restarted on its own. */
    SIMPLE_ONE_FOR_ONE
}
