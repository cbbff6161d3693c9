package tsunami.actor;

import java.time.Duration;

/** No reply within the call's timeout; any later reply is discarded. */
public final class CallTimeoutException extends CallException {
    public CallTimeoutException(Pid target, Duration timeout) {
        super(target, ExitReason.custom("timeout"), "call to " + target + " timed out after " + timeout.toMillis() + " ms");
    }
}
