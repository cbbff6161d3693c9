package tsunami.net;

/** A node could not be reached, did not answer in time, or went down while a request was pending. */
public class NodeUnreachableException extends RuntimeException {
    public NodeUnreachableException(String message) {
        super(message);
    }
}
