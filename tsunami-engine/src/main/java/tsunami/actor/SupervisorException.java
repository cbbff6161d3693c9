package tsunami.actor;

/** A supervisor operation failed: a child could not start, an unknown child id, a bad request. */
public final class SupervisorException extends RuntimeException {
    public SupervisorException(String message) {
        super(message);
    }

    public SupervisorException(String message, Throwable cause) {
        super(message, cause);
    }
}
