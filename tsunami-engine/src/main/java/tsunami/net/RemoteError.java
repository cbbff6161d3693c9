package tsunami.net;

/**
 * A crash that happened on another node, as it arrives here: the exception's class name and
 * message travel as text (exceptions are never deserialised), so a supervisor or caller can
 * still see what went wrong over there.
 */
public final class RemoteError extends RuntimeException {
    private final String remoteType;

    public RemoteError(String remoteType, String message) {
        super(remoteType + (message == null ? "" : ": " + message), null, false, false);
        this.remoteType = remoteType;
    }

    /** Fully qualified class name of the exception on the remote node (text only; never loaded). */
    public String remoteType() {
        return remoteType;
    }

    String remoteMessage() {
        String m = getMessage();
        int i = m.indexOf(": ");
        return i < 0 || !m.startsWith(remoteType) ? null : m.substring(remoteType.length() + 2);
    }
}
