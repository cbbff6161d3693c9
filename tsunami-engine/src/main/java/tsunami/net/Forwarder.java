package tsunami.net;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

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
 */
public final class Forwarder extends Device {
    private final String frontend;
    private final String backend;
    private final int subscriberHwm;

    public Forwarder(String name, String frontend, String backend, NetSecurity security, int subscriberHwm) {
        super(name, security);
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
        security.configureServer(context, xsub);
        security.configureServer(context, xpub);
        bind(xsub, frontend);
        bind(xpub, backend);
        markBound();
        ZMQ.Poller poller = context.createPoller(2);
        int fromPublishers = poller.register(xsub, ZMQ.Poller.POLLIN);
        int fromSubscribers = poller.register(xpub, ZMQ.Poller.POLLIN);
        while (running.getAsBoolean()) {
            if (paused()) {
                byte[] sub;
                while ((sub = xpub.recv(ZMQ.DONTWAIT)) != null) xsub.send(sub);
                Thread.sleep(10);
                continue;
            }
            if (poller.poll(100) <= 0) continue;
            if (poller.pollin(fromSubscribers)) {
                // Subscribe/unsubscribe messages go upstream even while paused.
                byte[] sub;
                while ((sub = xpub.recv(ZMQ.DONTWAIT)) != null) xsub.send(sub);
            }
            if (!paused() && poller.pollin(fromPublishers)) {
                int burst = 0;
                byte[] part;
                while (burst < 4096 && (part = xsub.recv(ZMQ.DONTWAIT)) != null) {
                    boolean more = xsub.hasReceiveMore();
                    xpub.send(part, more ? ZMQ.SNDMORE : 0);
                    bytesIn.addAndGet(part.length);
                    bytesOut.addAndGet(part.length);
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
}
