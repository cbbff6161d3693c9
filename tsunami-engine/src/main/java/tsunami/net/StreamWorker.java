package tsunami.net;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.time.Duration;

/**
 * The consuming end of a {@link Streamer}: grants the streamer a window of {@code window} tasks
 * and grants more only as it takes them, so at most {@code window} tasks wait here and a slow
 * worker slows the whole stream down to its pace. Use from one thread at a time.
 */
public final class StreamWorker implements AutoCloseable {
    private final ZContext context;
    private final boolean ownsContext;
    private final ZMQ.Socket socket;
    private final int regrantEvery;
    private int taken;
    private long received;

    public StreamWorker(String streamerBackend, NetSecurity security, int window) {
        this(null, streamerBackend, security, window);
    }

    public StreamWorker(ZContext shared, String streamerBackend, NetSecurity security, int window) {
        if (window < 1) throw new IllegalArgumentException("window must be positive");
        this.ownsContext = shared == null;
        this.context = ownsContext ? new ZContext(1) : shared;
        this.regrantEvery = Math.max(1, window / 2);
        socket = SocketDefaults.withIdentity(SocketDefaults.apply(context.createSocket(SocketType.DEALER)));
        socket.setLinger(0);
        socket.setRcvHWM(window * 2 + 16); // above the window the streamer may fill: never reached (SocketDefaults)
        socket.setMaxMsgSize(SocketDefaults.MAX_MESSAGE_BYTES); // big tasks come in parts (FrameParts)
        security.configureClient(socket);
        socket.connect(streamerBackend);
        socket.send(StreamProtocol.HELLO_FRAME, 0);
        grant(window);
    }

    private void grant(int n) {
        socket.send(StreamProtocol.credit(n), 0);
    }

    /** The next task, or null if none arrived within {@code timeout}. */
    public byte[] take(Duration timeout) {
        socket.setReceiveTimeOut((int) Math.max(0, Math.min(timeout.toMillis(), Integer.MAX_VALUE)));
        while (true) {
            byte[] frame = FrameParts.receive(socket, 0);
            if (frame == null) return null;
            if (StreamProtocol.kind(frame) != StreamProtocol.TASK) continue; // not ours: ignore
            byte[] body = StreamProtocol.taskBody(frame);
            received++;
            if (++taken >= regrantEvery) {
                grant(taken);
                taken = 0;
            }
            return body;
        }
    }

    public long received() {
        return received;
    }

    @Override
    public void close() {
        context.destroySocket(socket);
        if (ownsContext) context.close();
    }
}
