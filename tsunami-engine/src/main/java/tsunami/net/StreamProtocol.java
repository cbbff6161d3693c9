package tsunami.net;

import java.util.Arrays;

/**
 * Messages of the {@link Streamer}'s credit protocol. Every message is one ZeroMQ frame, a kind byte
 * then its body: HELLO (a feeder or worker introduces itself; a feeder may add its name, UTF-8, so
 * that its credit can be taken back once its owner is known to be gone), CREDIT (body: i32 count of
 * further tasks the receiver may send), TASK (body: the task's bytes). One frame rather than
 * [kind][body] parts because CURVE boxes every frame separately, and for small tasks the cost of a
 * box (about 8 us with JeroMQ's jnacl) does not depend on its size. A TASK frame over
 * {@link SocketDefaults#MAX_PART_BYTES} travels as a multipart message of parts that size or smaller
 * ({@link FrameParts}): the streamer's sockets refuse bigger parts before authentication.
 */
final class StreamProtocol {
    static final byte HELLO = 1, CREDIT = 2, TASK = 3;
    static final byte[] HELLO_FRAME = {HELLO};
    /** Longest feeder name a HELLO may carry, in bytes. */
    static final int MAX_NAME_BYTES = 256;

    private StreamProtocol() {
    }

    /** The kind of a frame, or -1 if it is empty. */
    static int kind(byte[] frame) {
        return frame == null || frame.length == 0 ? -1 : frame[0];
    }

    /** A feeder's HELLO carrying its name (cut to {@link #MAX_NAME_BYTES}). */
    static byte[] hello(String name) {
        byte[] n = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] frame = new byte[1 + Math.min(n.length, MAX_NAME_BYTES)];
        frame[0] = HELLO;
        System.arraycopy(n, 0, frame, 1, frame.length - 1);
        return frame;
    }

    /** The name a HELLO frame carries ("" for none), or null if the frame is not a well-formed HELLO. */
    static String helloName(byte[] frame) {
        if (frame == null || frame.length == 0 || frame[0] != HELLO || frame.length > 1 + MAX_NAME_BYTES) return null;
        return new String(frame, 1, frame.length - 1, java.nio.charset.StandardCharsets.UTF_8);
    }

    static byte[] credit(int n) {
        return new byte[]{CREDIT, (byte) n, (byte) (n >>> 8), (byte) (n >>> 16), (byte) (n >>> 24)};
    }

    /** Reads a CREDIT frame; -1 if it is not a well-formed one. */
    static int readCredit(byte[] frame) {
        if (frame == null || frame.length != 5 || frame[0] != CREDIT) return -1;
        int n = (frame[1] & 0xff) | (frame[2] & 0xff) << 8 | (frame[3] & 0xff) << 16 | (frame[4] & 0xff) << 24;
        return n < 0 ? -1 : n;
    }

    /** A TASK frame carrying a copy of {@code body} (the caller may reuse its array). */
    static byte[] task(byte[] body) {
        byte[] frame = new byte[body.length + 1];
        frame[0] = TASK;
        System.arraycopy(body, 0, frame, 1, body.length);
        return frame;
    }

    /** Bytes of the task a TASK frame's parts carry (its kind byte not counted). */
    static long bodyBytes(byte[][] parts) {
        long n = -1;
        for (byte[] p : parts) n += p.length;
        return n;
    }

    static byte[] taskBody(byte[] frame) {
        return Arrays.copyOfRange(frame, 1, frame.length);
    }
}
