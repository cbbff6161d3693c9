package tsunami.net;

import org.zeromq.ZMQ;

/**
 * Options every Tsunami socket gets, and what we learnt about JeroMQ 0.6.0 that they work around.
 *
 * <p><b>CURVE and full receive queues.</b> When a receive queue is at its high-water mark, JeroMQ's
 * StreamEngine keeps the decrypted message aside and, on restarting input, pushes the decoder's
 * undecrypted frame (byte 7, "MESSAGE", nonce, box) to the application instead: the message is lost
 * (bare PUSH/PULL, CURVE, rcvhwm 100, 20,000 messages, a reader slow at first: 391 raw frames and 391
 * messages lost; none in plaintext or with rcvhwm 0). So a CURVE socket's receive queue must never
 * fill: its limit sits above what the protocol lets a correct peer send (the streamer's credit), or
 * is unlimited where the application drains it itself (a node's ROUTER). "Above" means with room:
 * the I/O thread learns of the application's reads in batches (up to half the limit, at most 1024
 * messages), so a queue counts as full before it holds its limit; twice the bound plus 1024 is safe.
 */
final class SocketDefaults {
    /**
     * JeroMQ 0.6.0 now and then leaves a fresh TCP connection stuck before the ZMTP greeting
     * (measured here: ~5% of connects on a loaded 2-core box, both ends connected, no handshake
     * ever). With a handshake deadline the stuck connection is dropped and the connecting side
     * reconnects, so the worst case is a couple of seconds
     * instead of a lost link. A reconnect gets a new ROUTER identity unless the client sets its own:
     * clients that a ROUTER tracks (stream feeders and workers) therefore carry a fixed random identity.
     */
    static final int HANDSHAKE_MS = 2000;

    /**
     * Largest ZeroMQ message part a node sends; a bigger frame goes out as a multipart message of
     * parts this size or smaller ({@link FrameParts}). Small because of the limit below.
     */
    static final int MAX_PART_BYTES = 256 << 10;

    /**
     * ZMQ_MAXMSGSIZE of a node's sockets. JeroMQ 0.6.0 allocates a whole message as soon as its
     * header has arrived (a direct buffer above 1 KiB), and it applies this one limit from the first
     * frame of the handshake on, before the peer has proved anything: a stranger that sends a ZMTP
     * greeting and a header announcing 60 MiB made the node allocate 60 MiB. So the limit is one
     * part plus CURVE's framing (a MESSAGE command adds 33 bytes to the part it carries), with room.
     */
    static final int MAX_MESSAGE_BYTES = MAX_PART_BYTES + 1024;

    private SocketDefaults() {
    }

    static ZMQ.Socket apply(ZMQ.Socket socket) {
        socket.setHandshakeIvl(HANDSHAKE_MS);
        return socket;
    }

    /** A fixed identity for a client socket, so a ROUTER knows it again after a reconnect. */
    static ZMQ.Socket withIdentity(ZMQ.Socket socket) {
        byte[] id = new byte[16];
        java.util.concurrent.ThreadLocalRandom.current().nextBytes(id);
        id[0] = (byte) (id[0] | 0x01); // identities must not start with a zero byte
        socket.setIdentity(id);
        return socket;
    }
}
