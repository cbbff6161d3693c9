package tsunami.net;

/**
 * Connections accepted on a node's or a device's endpoints and how they fared before authenticating (counts
 * since the node started).
 *
 * @param accepted TCP connections accepted
 * @param proved   connections over which an authenticated message arrived
 * @param failed   connections closed during their handshake (bad protocol, an oversized frame, a refused key)
 * @param timedOut connections the node closed for sending no authenticated message within the deadline
 * @param evicted  connections the node closed because too many waited to authenticate at once
 * @param waiting  connections waiting now
 */
public record HandshakeStats(long accepted, long proved, long failed, long timedOut, long evicted, int waiting) {
    public static final HandshakeStats NONE = new HandshakeStats(0, 0, 0, 0, 0, 0);

    /** Both counts together (a device's sockets, each with its own guard). */
    public HandshakeStats plus(HandshakeStats o) {
        return new HandshakeStats(accepted + o.accepted, proved + o.proved, failed + o.failed, timedOut + o.timedOut,
                evicted + o.evicted, waiting + o.waiting);
    }
}
