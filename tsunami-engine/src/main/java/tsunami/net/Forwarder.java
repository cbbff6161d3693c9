package tsunami.net;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The broadcast hub (XSUB/XPUB): publishers connect PUB sockets to {@code frontend}, subscribers
 * connect SUB sockets to {@code backend}; both sides come and go while the forwarder stays put.
 * Subscriptions flow upstream, messages downstream. Used for parameter broadcast.
 *
 * <p><b>Slow subscribers lose messages.</b> This is ZeroMQ's PUB semantics and it is deliberate:
 * when a subscriber's queue reaches its high-water mark ({@code subscriberHwm} messages), further
 * messages for that subscriber are dropped (the others still get them), so one stalled consumer
 * never stalls the broadcast or grows memory. That suits parameters, where only the newest
 * version matters. While paused, the forwarder reads nothing and publishers drop at their own
 * high-water mark. Data that must not be lost goes through a {@link Streamer}.
 *
 * <p>Under CURVE a queue that reaches its high-water mark (the forwarder's from a publisher faster
 * than it, or a slow subscriber's) loses the JeroMQ 0.6.0 way (see {@link SocketDefaults}): the
 * message is dropped and its undecrypted frame is handed on in its place. Subscribers must
 * therefore decode defensively (the wire codec rejects such a frame) and treat it as a drop.
 *
 * <p>Both endpoints face strangers with the node's small receive limit ({@link Device#guard}): publish
 * with {@link #publish} and receive with {@link #receive}, which carry a message bigger than
 * {@link SocketDefaults#MAX_PART_BYTES} as parts (a topic prefix stays in the first part, so
 * subscriptions still match). A publisher proves its connection with its first message; a connection
 * on the frontend that stays silent past {@link #PUBLISHER_DEADLINE} is closed. Subscribers cannot be
 * told apart from stalled strangers: JeroMQ 0.6.0's XPUB hands subscriptions on without the peer's
 * address, so the backend closes no connection for waiting, only the oldest beyond
 * {@link HandshakeGuard#MAX_WAITING} (what strangers can make it hold stays bounded by that count times
 * the receive limit, about 33 MB).
 */
public final class Forwarder extends Device {
    private final String frontend;
    private final String backend;
    private final int subscriberHwm;
    /**
     * How long a publisher's connection may stay silent before it is taken for a stalled handshake and
     * closed: a PUB socket sends nothing until it publishes. Longer than a subscriber's (who subscribes
     * at once); a quieter publisher is reconnected by ZeroMQ and loses nothing it did not send.
     */
    static final Duration PUBLISHER_DEADLINE = Duration.ofSeconds(60);

    public Forwarder(String name, String frontend, String backend, NetSecurity security, int subscriberHwm) {
        this(name, frontend, backend, security, subscriberHwm, null);
    }

    /**
     * A forwarder whose frontend may be an {@code inproc://} endpoint of {@code shared}: the publisher
     * is then a socket of this JVM (a learner broadcasting its parameters), reached without TCP and
     * without CURVE, which would seal and open every broadcast once more for a hop that never leaves
     * the process (the backend keeps {@code security}). With a tcp frontend, both ends use it.
     */
    public Forwarder(String name, String frontend, String backend, NetSecurity security, int subscriberHwm, ZContext shared) {
        super(name, security, shared);
        if (frontend.startsWith("inproc://") && shared == null) throw new IllegalArgumentException("an inproc frontend needs a shared context");
        this.frontend = frontend;
        this.backend = backend;
        this.subscriberHwm = subscriberHwm;
    }

    public Forwarder(String name, String frontend, String backend, NetSecurity security) {
        this(name, frontend, backend, security, 10_000);
    }

    @Override
    protected void loop(ZContext context, BooleanSupplier running) throws Exception {
        ZMQ.Socket xsub = SocketDefaults.apply(context.createSocket(SocketType.XSUB));
        ZMQ.Socket xpub = SocketDefaults.apply(context.createSocket(SocketType.XPUB));
        xsub.setLinger(0);
        xpub.setLinger(0);
        xsub.setRcvHWM(subscriberHwm);
        xpub.setSndHWM(subscriberHwm);
        if (!frontend.startsWith("inproc://")) security.configureServer(context, xsub);
        security.configureServer(context, xpub);
        HandshakeGuard publishers = guard(xsub, "frontend", PUBLISHER_DEADLINE);
        HandshakeGuard subscribers = guard(xpub, "backend", null);
        try {
            bind(xsub, frontend);
            bind(xpub, backend);
            markBound();
            forward(context, xsub, xpub, publishers, running);
        } finally {
            publishers.close();
            subscribers.close();
        }
    }

    private void forward(ZContext context, ZMQ.Socket xsub, ZMQ.Socket xpub, HandshakeGuard publishers, BooleanSupplier running) throws InterruptedException {
        ZMQ.Poller poller = context.createPoller(2);
        int fromPublishers = poller.register(xsub, ZMQ.Poller.POLLIN);
        int fromSubscribers = poller.register(xpub, ZMQ.Poller.POLLIN);
        while (running.getAsBoolean()) {
            if (paused()) {
                passSubscriptions(xpub, xsub);
                Thread.sleep(10);
                continue;
            }
            if (poller.poll(100) <= 0) continue;
            if (poller.pollin(fromSubscribers)) passSubscriptions(xpub, xsub); // even while paused

            if (!paused() && poller.pollin(fromPublishers)) {
                int burst = 0;
                boolean first = true;
                zmq.Msg part;
                while (burst < 4096 && (part = xsub.recvMsg(ZMQ.DONTWAIT)) != null) {
                    if (first) proved(publishers, part);
                    boolean more = xsub.hasReceiveMore();
                    byte[] data = part.data();
                    xpub.send(data, more ? ZMQ.SNDMORE : 0);
                    bytesIn.addAndGet(data.length);
                    bytesOut.addAndGet(data.length);
                    first = !more;
                    if (!more) {
                        messagesIn.incrementAndGet();
                        messagesOut.incrementAndGet();
                        burst++;
                    }
                }
            }
        }
        poller.close();
    }

    /** Hands subscribe/unsubscribe messages upstream. */
    private static void passSubscriptions(ZMQ.Socket xpub, ZMQ.Socket xsub) {
        byte[] sub;
        while ((sub = xpub.recv(ZMQ.DONTWAIT)) != null) xsub.send(sub);
    }

    /** Publishes {@code message} on a PUB socket connected to a forwarder's frontend, in parts when it is big. */
    public static void publish(ZMQ.Socket pub, byte[] message) {
        FrameParts.sendBlocking(pub, message);
    }

    /** One message from a SUB socket connected to a forwarder's backend, its parts joined; null when none came. */
    public static byte[] receive(ZMQ.Socket sub, int flags) {
        return FrameParts.receive(sub, flags);
    }
}
