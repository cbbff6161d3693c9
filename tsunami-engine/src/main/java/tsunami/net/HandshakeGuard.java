package tsunami.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZEvent;
import org.zeromq.ZMQ;
import org.zeromq.ZMonitor;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closes the connections to a server socket that have not proved themselves within a deadline.
 *
 * <p>JeroMQ 0.6.0 gives a stalled handshake no end: ZMQ_HANDSHAKE_IVL's timer is cancelled once
 * the ZMTP greeting is exchanged (StreamEngine.handshake), not once CURVE is done, so a stranger
 * that sends a greeting and then stops (say, halfway through a frame) keeps its connection, and
 * what JeroMQ allocated for it, for ever. Nor does it report when a connection's handshake
 * succeeded (it never raises HANDSHAKE_SUCCEEDED). So this guard learns of every accepted
 * connection from the socket's event hook (ACCEPTED carries the channel), and its owner tells it
 * when a message arrived over a connection ({@link #proved}, by the message's Peer-Address): a
 * message reaches the application only after CURVE and the ZAP handler admitted the peer. A
 * connection still unproved after the deadline is shut down, and so is the oldest waiting one
 * when more than {@link #MAX_WAITING} wait: the I/O thread then reads end of stream and frees it.
 * Together with the small receive limit ({@link SocketDefaults#MAX_MESSAGE_BYTES}) that bounds
 * what strangers can make a node hold, however many connections they open.
 */
final class HandshakeGuard implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HandshakeGuard.class);
    /** How long a connection may take from accept to its first message. */
    static final Duration DEADLINE = Duration.ofSeconds(5);
    /** Connections that may wait for their first message at once (a flood beyond this closes the oldest). */
    static final int MAX_WAITING = 128;
    private static final long SWEEP_MILLIS = 200;

    private record Waiting(SocketChannel channel, long acceptedAt) {
    }

    private final String owner;
    private final long deadlineNanos;
    private final Map<String, Waiting> waiting = new ConcurrentHashMap<>();
    private final AtomicLong accepted = new AtomicLong(), proved = new AtomicLong(), failed = new AtomicLong(),
            timedOut = new AtomicLong(), evicted = new AtomicLong();
    private final LogLimiter failures = new LogLimiter(Duration.ofSeconds(10));
    private final Thread sweeper;
    private volatile boolean open = true;

    private HandshakeGuard(String owner, Duration deadline) {
        this.owner = owner;
        this.deadlineNanos = deadline == null ? Long.MAX_VALUE : deadline.toNanos();
        sweeper = Thread.ofPlatform().daemon().name("tsunami-handshake-guard-" + owner).unstarted(this::sweepLoop);
    }

    /**
     * Watches {@code socket} (call before it binds); {@code owner} names it in the log. A null
     * {@code deadline} closes no connection for waiting, only the oldest beyond {@link #MAX_WAITING}.
     */
    static HandshakeGuard install(ZMQ.Socket socket, String owner, Duration deadline) {
        HandshakeGuard guard = new HandshakeGuard(owner, deadline);
        socket.setEventHook(guard::onEvent, ZMQ.EVENT_ACCEPTED | ZMQ.EVENT_DISCONNECTED);
        guard.sweeper.start();
        return guard;
    }

    /** A message arrived from {@code peerAddress} (host:port, as JeroMQ's Peer-Address metadata has it). */
    void proved(String peerAddress) {
        if (peerAddress != null && !waiting.isEmpty() && waiting.remove(peerAddress) != null) proved.incrementAndGet();
    }

    /** Whether any connection still waits: while none does, the owner need not look up addresses. */
    boolean anyWaiting() {
        return !waiting.isEmpty();
    }

    HandshakeStats stats() {
        return new HandshakeStats(accepted.get(), proved.get(), failed.get(), timedOut.get(), evicted.get(), waiting.size());
    }

    /**
     * Runs on a JeroMQ I/O thread: must be quick and must not throw (an exception there kills the thread).
     * An Error is let through: the node's handler for a dead I/O thread then makes it die loudly.
     */
    private void onEvent(ZEvent event) {
        try {
            if (!(event.getValue() instanceof SocketChannel channel)) return;
            if (event.getEvent() == ZMonitor.Event.ACCEPTED) {
                accepted.incrementAndGet();
                String address = address(channel);
                if (address == null) return; // already gone
                waiting.put(address, new Waiting(channel, System.nanoTime()));
                if (waiting.size() > MAX_WAITING) evictOldest();
            } else if (event.getEvent() == ZMonitor.Event.DISCONNECTED) {
                for (Map.Entry<String, Waiting> e : waiting.entrySet()) {
                    if (e.getValue().channel() == channel && waiting.remove(e.getKey(), e.getValue())) {
                        failed.incrementAndGet();
                        logFailure(e.getKey(), "closed during its handshake (bad protocol, a frame over "
                                + SocketDefaults.MAX_MESSAGE_BYTES + " bytes, or a key the cluster does not admit)");
                    }
                }
            }
        } catch (RuntimeException e) {
            log.warn("{}: handshake guard could not handle {}", owner, event, e);
        }
    }

    private void evictOldest() {
        Map.Entry<String, Waiting> oldest = null;
        for (Map.Entry<String, Waiting> e : waiting.entrySet()) {
            if (oldest == null || e.getValue().acceptedAt() - oldest.getValue().acceptedAt() < 0) oldest = e;
        }
        if (oldest != null && waiting.remove(oldest.getKey(), oldest.getValue())) {
            evicted.incrementAndGet();
            shut(oldest.getValue().channel());
            logFailure(oldest.getKey(), "closed: more than " + MAX_WAITING + " connections waited to authenticate");
        }
    }

    private void sweepLoop() {
        while (open) {
            long now = System.nanoTime();
            for (Map.Entry<String, Waiting> e : waiting.entrySet()) {
                if (now - e.getValue().acceptedAt() > deadlineNanos && waiting.remove(e.getKey(), e.getValue())) {
                    timedOut.incrementAndGet();
                    shut(e.getValue().channel());
                    logFailure(e.getKey(), "closed: no authenticated message within " + deadlineNanos / 1_000_000 + " ms");
                }
            }
            try {
                Thread.sleep(SWEEP_MILLIS);
            } catch (InterruptedException ex) {
                return;
            }
        }
    }

    /**
     * Ends the connection from outside JeroMQ: shutting the socket down (not closing it, which would
     * leave JeroMQ's engine registered and never told) makes the I/O thread read end of stream and
     * tear the connection down itself, and tells the peer at once.
     */
    private static void shut(SocketChannel channel) {
        try {
            channel.shutdownInput();
            channel.shutdownOutput();
        } catch (IOException | RuntimeException ignored) {
            // already closed by JeroMQ
        }
    }

    private void logFailure(String address, String what) {
        long heldBack = failures.admit();
        if (heldBack < 0) return;
        HandshakeStats s = stats();
        log.warn("{}: connection from {} {}{}; so far {} accepted, {} failed, {} timed out, {} over the limit", owner, address, what,
                heldBack > 0 ? " (and " + heldBack + " more failures not logged)" : "", s.accepted(), s.failed(), s.timedOut(),
                s.evicted());
    }

    /** host:port the way JeroMQ writes a peer's address; null when the channel is already closed. */
    private static String address(SocketChannel channel) {
        try {
            if (channel.getRemoteAddress() instanceof InetSocketAddress a) {
                return a.getAddress().getHostAddress() + ":" + a.getPort();
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public void close() {
        open = false;
        sweeper.interrupt();
        waiting.clear();
    }
}
