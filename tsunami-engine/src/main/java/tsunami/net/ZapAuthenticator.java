package tsunami.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ZeroMQ Authentication Protocol (ZAP, RFC 27) handler for one context: every CURVE handshake on
 * a server socket of that context is checked here, and only a client proving the cluster's
 * public key is admitted (status 200); everything else gets 400 and its connection is closed
 * before any message reaches the application.
 */
public final class ZapAuthenticator {
    private static final Logger log = LoggerFactory.getLogger(ZapAuthenticator.class);
    private static final String ENDPOINT = "inproc://zeromq.zap.01";

    private final CurveKeys keys;
    private final AtomicLong admitted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final LogLimiter refusals = new LogLimiter(java.time.Duration.ofSeconds(10));
    private volatile boolean running = true;
    private final Thread thread;

    private ZapAuthenticator(ZContext context, CurveKeys keys) {
        this.keys = keys;
        CountDownLatch bound = new CountDownLatch(1);
        RuntimeException[] failure = new RuntimeException[1];
        thread = Thread.ofPlatform().daemon().name("tsunami-zap").unstarted(() -> serve(context, bound, failure));
        thread.start();
        try {
            bound.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (failure[0] != null) throw failure[0];
    }

    static ZapAuthenticator start(ZContext context, CurveKeys keys) {
        return new ZapAuthenticator(context, keys);
    }

    boolean admits(CurveKeys other) {
        return keys.equals(other);
    }

    boolean isRunning() {
        return running;
    }

    public long admitted() {
        return admitted.get();
    }

    /** Handshakes refused because the client could not prove the cluster key. */
    public long refused() {
        return refused.get();
    }

    private void serve(ZContext context, CountDownLatch bound, RuntimeException[] failure) {
        ZMQ.Socket rep;
        try {
            // Not context.createSocket: ZContext.close() destroys the sockets it tracks from the closing thread,
            // which would touch this socket while this thread is inside recv (JeroMQ sockets are single-threaded;
            // seen as an NPE in SocketBase.processCommands). Untracked, it gets ETERM here and is closed here.
            rep = context.getContext().socket(SocketType.REP);
            rep.setLinger(0);
            rep.setReceiveTimeOut(200);
            rep.bind(ENDPOINT);
        } catch (RuntimeException e) {
            failure[0] = e;
            running = false;
            bound.countDown();
            return;
        }
        bound.countDown();
        try {
            while (!context.isClosed() && !Thread.currentThread().isInterrupted()) {
                byte[] version;
                try {
                    version = rep.recv();
                } catch (ZMQException e) {
                    break; // context terminated
                }
                if (version == null) continue;
                // version, request id, domain, address, identity, mechanism, credentials...
                byte[][] parts = new byte[8][];
                parts[0] = version;
                int n = 1;
                while (rep.hasReceiveMore()) {
                    byte[] part = rep.recv();
                    if (n < parts.length) parts[n] = part;
                    n++;
                }
                String mechanism = n > 5 ? new String(parts[5], StandardCharsets.US_ASCII) : "";
                boolean ok = "1.0".equals(new String(version, StandardCharsets.US_ASCII))
                        && "CURVE".equals(mechanism) && n >= 7 && keys.isPublicKey(parts[6]);
                if (ok) admitted.incrementAndGet();
                else {
                    refused.incrementAndGet();
                    long heldBack = refusals.admit(); // a stranger retrying must not flood the log
                    if (heldBack >= 0) {
                        log.warn("refused a {} handshake from {}: not the cluster key ({} refused so far{})", mechanism,
                                n > 3 ? new String(parts[3], StandardCharsets.US_ASCII) : "?", refused.get(),
                                heldBack > 0 ? ", " + heldBack + " not logged since the last line" : "");
                    }
                }
                rep.sendMore(version);
                rep.sendMore(n > 1 ? parts[1] : new byte[0]);
                rep.sendMore(ok ? "200" : "400");
                rep.sendMore(ok ? "OK" : "not a cluster member");
                rep.sendMore(ok ? "tsunami" : "");
                rep.send(new byte[0]);
            }
        } catch (RuntimeException e) {
            if (!context.isClosed()) log.warn("ZAP handler stopped", e);
        } finally {
            running = false;
            try {
                rep.close();
            } catch (RuntimeException ignored) {
                // context already gone
            }
        }
    }
}
