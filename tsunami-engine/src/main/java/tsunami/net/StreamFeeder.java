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
        this(shared, streamerFrontend, security, "");
    }

    /**
     * A feeder that tells the streamer its {@code name}, so that whoever learns the feeder's owner is
     * gone can give its credit back ({@link Streamer#forgetFeeders}).
     */
    public StreamFeeder(ZContext shared, String streamerFrontend, NetSecurity security, String name) {
        this.ownsContext = shared == null;
        this.context = ownsContext ? new ZContext(1) : shared;
        socket = SocketDefaults.withIdentity(SocketDefaults.apply(context.createSocket(SocketType.DEALER)));
        socket.setLinger(1000);
        // Unlimited here, bounded by the protocol: the streamer returns at most one credit message per task
        // this feeder sent. A limit could be reached, and with CURVE that loses credit (SocketDefaults).
        socket.setRcvHWM(0);
        socket.setMaxMsgSize(SocketDefaults.MAX_MESSAGE_BYTES); // the streamer sends credit only
        security.configureClient(socket);
        socket.connect(streamerFrontend);
        socket.send(name.isEmpty() ? StreamProtocol.HELLO_FRAME : StreamProtocol.hello(name), 0);
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
        FrameParts.sendBlocking(socket, StreamProtocol.task(task));
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
        byte[] frame = socket.recv(flags);
        if (frame == null) return false;
        boolean extra = false;
        while (socket.hasReceiveMore()) {
            socket.recv();
            extra = true;
        }
        int n = extra ? -1 : StreamProtocol.readCredit(frame);
        if (n > 0) credit += n;
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
