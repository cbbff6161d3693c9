package tsunami.net;

import org.zeromq.ZMQ;

import java.util.List;

/**
 * A node frame on a ZeroMQ socket: one message part when it fits in
 * {@link SocketDefaults#MAX_PART_BYTES}, else a multipart message of parts that size or smaller,
 * joined back on receipt. ZeroMQ delivers a multipart message whole or not at all, so a frame
 * is never seen half; the parts only keep every message under the socket's small receive limit
 * (see {@link SocketDefaults#MAX_MESSAGE_BYTES}).
 */
final class FrameParts {
    private FrameParts() {
    }

    /**
     * Sends {@code frame}; false if the socket could take none of it now (its high-water mark).
     * Only the first part is sent without blocking: ZeroMQ checks the limit at the start of a
     * message, so the others are taken at once, and a refused one would leave half a message behind.
     */
    static boolean send(ZMQ.Socket socket, byte[] frame) {
        return send(socket, frame, SocketDefaults.MAX_PART_BYTES);
    }

    static boolean send(ZMQ.Socket socket, byte[] frame, int partBytes) {
        if (frame.length <= partBytes) return socket.send(frame, ZMQ.DONTWAIT);
        for (int at = 0; at < frame.length; at += partBytes) {
            int len = Math.min(partBytes, frame.length - at);
            int more = at + len < frame.length ? ZMQ.SNDMORE : 0;
            if (at == 0) {
                if (!socket.send(frame, 0, len, ZMQ.DONTWAIT | more)) return false;
            } else {
                socket.send(frame, at, len, more);
            }
        }
        return true;
    }

    /** Sends {@code frame}, blocking while the socket is at its high-water mark (for senders that credit bounds). */
    static void sendBlocking(ZMQ.Socket socket, byte[] frame) {
        for (int at = 0; at == 0 || at < frame.length; at += SocketDefaults.MAX_PART_BYTES) {
            int len = Math.min(SocketDefaults.MAX_PART_BYTES, frame.length - at);
            socket.send(frame, at, len, at + len < frame.length ? ZMQ.SNDMORE : 0);
        }
    }

    /** Receives a whole message of parts as one frame (null when none came within the socket's receive timeout). */
    static byte[] receive(ZMQ.Socket socket, int flags) {
        byte[] first = socket.recv(flags);
        if (first == null || !socket.hasReceiveMore()) return first;
        List<byte[]> parts = new java.util.ArrayList<>();
        parts.add(first);
        while (socket.hasReceiveMore()) parts.add(socket.recv(0));
        return join(parts);
    }

    /** The frame the received {@code parts} carry (the parts themselves when there is one). */
    static byte[] join(List<byte[]> parts) {
        if (parts.size() == 1) return parts.getFirst();
        int total = 0;
        for (byte[] p : parts) total = Math.addExact(total, p.length);
        byte[] frame = new byte[total];
        int at = 0;
        for (byte[] p : parts) {
            System.arraycopy(p, 0, frame, at, p.length);
            at += p.length;
        }
        return frame;
    }
}
