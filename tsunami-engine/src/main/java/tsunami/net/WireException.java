package tsunami.net;

import tsunami.BadInputException;

/** A frame from the network is malformed, oversized or of an unknown kind; the message says where. */
public final class WireException extends BadInputException {
    public WireException(String message) {
        super(message);
    }

    /** No stack trace: hostile input can produce these in bulk, and the message says where it went wrong. */
    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
