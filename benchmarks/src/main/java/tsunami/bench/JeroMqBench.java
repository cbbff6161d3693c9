package tsunami.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tsunami.net.NetSecurity;

/**
 * The peer's side of {@code monkey bench net}: bare JeroMQ sockets, as a user would wire them
 * instead of our nodes and devices, with the same security (CURVE keys and ZAP check, or plain
 * text), 100-byte messages, over tcp loopback. The two ends get a context each (one I/O thread
 * each), as two nodes do.
 *
 * <p>Receive queues of PULL sockets are unlimited: with CURVE, JeroMQ 0.6.0 loses a message
 * whenever a receive queue reaches its high-water mark (see tsunami.net.SocketDefaults), and a
 * peer figure that silently dropped messages would not be a figure.
 */
public final class JeroMqBench implements NetBench {
    private static final byte PROBE = 0, DATA = 1, END = 2;
    private final Consumer<String> progress;

    public JeroMqBench(Consumer<String> progress) {
        this.progress = progress;
    }

    /** PUSH -> PULL for {@code run}: messages per second received (first to last). */
    @Override
    public double throughput(NetSecurity security, Duration run) throws Exception {
        String endpoint = NodeBench.freeTcp();
        try (ZContext server = new ZContext(1); ZContext client = new ZContext(1)) {
            ZMQ.Socket pull = server.createSocket(SocketType.PULL);
            pull.setRcvHWM(0);
            security.configureServer(server, pull);
            pull.bind(endpoint);
            ZMQ.Socket push = client.createSocket(SocketType.PUSH);
            push.setHandshakeIvl(2000);
            security.configureClient(push);
            push.connect(endpoint);
            awaitPath(push, pull);
            CompletableFuture<long[]> done = new CompletableFuture<>();
            Thread reader = countInBackground(pull, done);
            sendFor(push, run);
            long[] r = done.get(run.toSeconds() + 60, TimeUnit.SECONDS);
            reader.join();
            double rate = r[0] / ((r[2] - r[1]) / 1e9);
            progress.accept(String.format("jeromq PUSH -> PULL %s: %,.0f msgs/s", security.encrypted() ? "CURVE" : "plaintext", rate));
            return rate;
        }
    }

    /** Sends 100-byte DATA messages for {@code run}, then one END. */
    private static void sendFor(ZMQ.Socket out, Duration run) {
        byte[] payload = new byte[NodeBench.PAYLOAD];
        payload[0] = DATA;
        long stopAt = System.nanoTime() + run.toNanos();
        long sent = 0;
        while ((sent & 1023) != 0 || System.nanoTime() < stopAt) {
            if (!out.send(payload)) throw new IllegalStateException("send failed after " + sent + " messages");
            sent++;
        }
        byte[] end = new byte[NodeBench.PAYLOAD];
        end[0] = END;
        if (!out.send(end)) throw new IllegalStateException("could not send the end marker");
    }

    /**
     * Sends probes until one arrives, so the measurement starts on established connections: JeroMQ
     * 0.6.0 now and then leaves a fresh connection stuck before its handshake and drops it after the
     * handshake deadline, losing what was queued for it (see tsunami.net.SocketDefaults).
     */
    private static void awaitPath(ZMQ.Socket out, ZMQ.Socket in) {
        in.setReceiveTimeOut(50);
        long deadline = System.nanoTime() + NodeBench.WAIT.toNanos();
        do {
            out.send(new byte[]{PROBE});
            if (in.recv() != null) return;
        } while (System.nanoTime() < deadline);
        throw new IllegalStateException("no message got through within " + NodeBench.WAIT.toSeconds() + " s");
    }

    /** Counts what {@code in} receives on a thread of its own; a stalled receiver fails {@code done}. */
    private static Thread countInBackground(ZMQ.Socket in, CompletableFuture<long[]> done) {
        return Thread.ofPlatform().start(() -> {
            try {
                done.complete(count(in));
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
            }
        });
    }

    /** Reads until END, skipping late probes: {count after the first, time of the first, time of the last}. */
    private static long[] count(ZMQ.Socket in) {
        in.setReceiveTimeOut((int) NodeBench.WAIT.toMillis());
        long count = 0, first = 0;
        byte[] m;
        while ((m = in.recv()) != null && m[0] != END) {
            if (m[0] == PROBE) continue;
            if (count++ == 0) first = System.nanoTime();
        }
        if (m == null) throw new IllegalStateException("receiver stalled after " + count + " messages");
        return new long[]{count - 1, first, System.nanoTime()};
    }

    /** REQ -> REP echo for {@code run} after 1,000 unmeasured calls: median round trip in microseconds. */
    @Override
    public double roundTrip(NetSecurity security, Duration run) throws Exception {
        String endpoint = NodeBench.freeTcp();
        try (ZContext server = new ZContext(1); ZContext client = new ZContext(1)) {
            ZMQ.Socket rep = server.createSocket(SocketType.REP);
            security.configureServer(server, rep);
            rep.bind(endpoint);
            Thread echo = Thread.ofPlatform().start(() -> {
                rep.setReceiveTimeOut((int) NodeBench.WAIT.toMillis());
                byte[] m;
                while ((m = rep.recv()) != null && m[0] != END) rep.send(m);
            });
            ZMQ.Socket req = client.createSocket(SocketType.REQ);
            req.setHandshakeIvl(2000);
            req.setReceiveTimeOut((int) NodeBench.WAIT.toMillis());
            security.configureClient(req);
            req.connect(endpoint);
            byte[] payload = new byte[NodeBench.PAYLOAD];
            payload[0] = DATA;
            for (int i = 0; i < 1_000; i++) roundTrip(req, payload);
            long[] rtt = new long[1 << 20];
            long stopAt = System.nanoTime() + run.toNanos();
            int n = 0;
            while (n < rtt.length && System.nanoTime() < stopAt) {
                long t0 = System.nanoTime();
                roundTrip(req, payload);
                rtt[n++] = System.nanoTime() - t0;
            }
            byte[] end = new byte[NodeBench.PAYLOAD];
            end[0] = END;
            req.send(end);
            echo.join();
            Arrays.sort(rtt, 0, n);
            double median = rtt[n / 2] / 1000.0;
            progress.accept(String.format("jeromq REQ/REP %s: median %.1f us, p99 %.1f us (%,d calls)",
                    security.encrypted() ? "CURVE" : "plaintext", median, rtt[n * 99 / 100] / 1000.0, n));
            return median;
        }
    }

    private static void roundTrip(ZMQ.Socket req, byte[] payload) {
        if (!req.send(payload) || req.recv() == null) throw new IllegalStateException("REQ/REP round trip failed");
    }

    /**
     * A bare XSUB/XPUB proxy ({@code ZMQ.proxy}, the forwarder device of ZeroMQ) with our forwarder's
     * queue limits, the same one publisher and four subscribers; messages per second to each subscriber.
     */
    @Override
    public double forwarder(NetSecurity security, Duration run) throws Exception {
        String front = NodeBench.freeTcp(), back = NodeBench.freeTcp();
        try (Proxy proxy = new Proxy(security, SocketType.XSUB, front, SocketType.XPUB, back, 10_000);
             ZContext ctx = new ZContext(1)) {
            return NodeBench.fanOut(ctx, front, back, security, run, "jeromq XSUB/XPUB proxy", progress);
        }
    }

    /** One PUSH -> a bare PULL/PUSH proxy (ZeroMQ's streamer device) -> one PULL; messages per second received. */
    @Override
    public double streamer(NetSecurity security, Duration run) throws Exception {
        String front = NodeBench.freeTcp(), back = NodeBench.freeTcp();
        try (Proxy proxy = new Proxy(security, SocketType.PULL, front, SocketType.PUSH, back, 0);
             ZContext feederCtx = new ZContext(1); ZContext workerCtx = new ZContext(1)) {
            ZMQ.Socket worker = workerCtx.createSocket(SocketType.PULL);
            worker.setRcvHWM(0);
            worker.setHandshakeIvl(2000);
            security.configureClient(worker);
            worker.connect(back);
            ZMQ.Socket feeder = feederCtx.createSocket(SocketType.PUSH);
            feeder.setHandshakeIvl(2000);
            security.configureClient(feeder);
            feeder.connect(front);
            awaitPath(feeder, worker);
            CompletableFuture<long[]> done = new CompletableFuture<>();
            Thread reader = countInBackground(worker, done);
            sendFor(feeder, run);
            long[] r = done.get(run.toSeconds() + 60, TimeUnit.SECONDS);
            reader.join();
            double rate = r[0] / ((r[2] - r[1]) / 1e9);
            progress.accept(String.format("jeromq PULL/PUSH proxy 1 -> 1: %,.0f msgs/s", rate));
            return rate;
        }
    }

    /** {@code ZMQ.proxy} between two bound sockets in its own context and thread, stopped through its control socket. */
    private static final class Proxy implements AutoCloseable {
        private final ZContext ctx = new ZContext(1);
        private final ZMQ.Socket control;
        private final Thread thread;

        Proxy(NetSecurity security, SocketType frontType, String front, SocketType backType, String back, int hwm) throws InterruptedException {
            ZMQ.Socket f = ctx.createSocket(frontType), b = ctx.createSocket(backType);
            for (ZMQ.Socket s : new ZMQ.Socket[]{f, b}) {
                s.setLinger(0);
                s.setHandshakeIvl(2000);
                s.setRcvHWM(hwm);
                s.setSndHWM(hwm);
                security.configureServer(ctx, s);
            }
            f.bind(front);
            b.bind(back);
            String controlEndpoint = "inproc://proxy-control-" + System.identityHashCode(this);
            ZMQ.Socket listen = ctx.createSocket(SocketType.PAIR);
            listen.bind(controlEndpoint);
            control = ctx.createSocket(SocketType.PAIR);
            control.connect(controlEndpoint);
            thread = Thread.ofPlatform().name("bench-proxy").start(() -> ZMQ.proxy(f, b, null, listen));
        }

        @Override
        public void close() throws InterruptedException {
            control.send(ZMQ.PROXY_TERMINATE);
            thread.join(NodeBench.WAIT.toMillis());
            ctx.close();
        }
    }
}
