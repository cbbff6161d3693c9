package tsunami.net;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.time.Duration;

/**
 * The producing end of a {@link Streamer}: sends a task only when it holds credit, and otherwise
 * waits for the streamer to grant more — this is where a slow consumer throttles producers.
 * Like every ZeroMQ socket, use one feeder from one thread at a time.
 */
public final class StreamFeeder implements AutoCloseable {
    private final ZContext context;
    private final boolean ownsContext;
    private final ZMQ.Socket socket;
    private int credit;
    private long sent;

    public StreamFeeder(String streamerFrontend, NetSecurity security) {
        this(null, streamerFrontend, security);
    }

    public StreamFeeder(ZContext shared, String streamerFrontend, NetSecurity security) {
        this.ownsContext = shared == null;
        this.context = ownsContext ? new ZContext(1) : shared;
        socket = SocketDefaults.withIdentity(SocketDefaults.apply(context.createSocket(SocketType.DEALER)));
        socket.setLinger(1000);
        security.configureClient(socket);
        socket.connect(streamerFrontend);
        socket.send(StreamProtocol.HELLO_FRAME, ZMQ.SNDMORE);
        socket.send(new byte[0], 0);
    }

    /** Sends {@code task}, waiting up to {@code timeout} for credit; false if none came (the consumers are behind). */
    public boolean send(byte[] task, Duration timeout) {
        if (credit == 0) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (credit == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                socket.setReceiveTimeOut((int) Math.max(1, Math.min(left / 1_000_000, Integer.MAX_VALUE)));
                readCredit(0);
            }
        }
        credit--;
        sent++;
        socket.send(StreamProtocol.TASK_FRAME, ZMQ.SNDMORE);
        socket.send(task, 0);
        if (credit == 0) drainCredit();
        return true;
    }

    /** Picks up credit already waiting, without blocking. */
    public void drainCredit() {
        while (readCredit(ZMQ.DONTWAIT)) {
            // keep reading
        }
    }

    private boolean readCredit(int flags) {
        byte[] kind = socket.recv(flags);
        if (kind == null) return false;
        byte[] body = socket.hasReceiveMore() ? socket.recv() : null;
        while (socket.hasReceiveMore()) socket.recv();
        if (kind.length == 1 && kind[0] == StreamProtocol.CREDIT) {
            int n = StreamProtocol.readCredit(body);
            if (n > 0) credit += n;
        }
        return true;
    }

    /** Credit currently held: tasks that can be sent without waiting. */
    public int credit() {
        return credit;
    }

    public long sent() {
        return sent;
    }

    @Override
    public void close() {
        context.destroySocket(socket);
        if (ownsContext) context.close();
    }
}
