package tsunami.actor;

/**
 * A call that got no reply: the callee did not exist ({@code noproc}, at once), exited before
 * replying (its exit reason), or the timeout passed ({@link CallTimeoutException}).
 */
public class CallException extends RuntimeException {
    private final transient Pid target;
    private final transient ExitReason reason;

    public CallException(Pid target, ExitReason reason, String message) {
        super(message);
        this.target = target;
        this.reason = reason;
    }

    public Pid target() { return target; }

    public ExitReason reason() { return reason; }
}
