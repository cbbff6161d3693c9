package tsunami.net;

/**
 * Frames of the {@link Streamer}'s credit protocol. Every message is two ZeroMQ frames,
 * [kind][body]: HELLO (feeder or worker introduces itself, empty body), CREDIT (body: i32 count of
 * further tasks the receiver may send), TASK (body: the task's bytes).
 */
final class StreamProtocol {
    static final byte HELLO = 1, CREDIT = 2, TASK = 3;
    static final byte[] HELLO_FRAME = {HELLO};
    static final byte[] CREDIT_FRAME = {CREDIT};
    static final byte[] TASK_FRAME = {TASK};

    private StreamProtocol() {
    }

    static byte[] credit(int n) {
        return new byte[]{(byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)};
    }

    /** Reads a CREDIT body; -1 if malformed. */
    static int readCredit(byte[] body) {
        if (body == null || body.length != 4) return -1;
        int n = (body[0] & 0xff) | (body[1] & 0xff) << 8 | (body[2] & 0xff) << 16 | (body[3] & 0xff) << 24;
        return n < 0 ? -1 : n;
    }
}
