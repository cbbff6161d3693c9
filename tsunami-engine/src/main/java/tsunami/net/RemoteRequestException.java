package tsunami.net;

/** A node answered a request (remote spawn, whereis, ps) with a refusal, e.g. an unknown behaviour name. */
public class RemoteRequestException extends RuntimeException {
    public RemoteRequestException(String message) {
        super(message);
    }
}
