package tsunami.net;

import org.zeromq.ZMQ;

/** Options every Tsunami socket gets. */
final class SocketDefaults {
    /**
     * JeroMQ 0.6.0 now and then leaves a fresh TCP connection stuck before the ZMTP greeting
     * (measured here: ~5% of connects on a loaded 2-core box, both ends connected, no handshake
     * ever). With a handshake deadline the stuck connection is dropped and the connecting side
     * reconnects, so the worst case is one extra second instead of a lost link.
     */
    static final int HANDSHAKE_MS = 1000;

    private SocketDefaults() {
    }

    static ZMQ.Socket apply(ZMQ.Socket socket) {
        socket.setHandshakeIvl(HANDSHAKE_MS);
        return socket;
    }
}
