package tsunami.actor;

/** A skeleton (pmap, pipeline, farm) failed: a worker or stage exited abnormally or timed out. */
public final class SkeletonException extends RuntimeException {
    private final transient ExitReason reason;

    public SkeletonException(String message, ExitReason reason) {
        super(message, reason instanceof ExitReason.Crash c ? c.error() : null);
        this.reason = reason;
    }

    public ExitReason reason() { return reason; }
}
