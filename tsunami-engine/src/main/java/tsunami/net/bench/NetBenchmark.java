package tsunami.net.bench;

import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tsunami.actor.ActorSystem;
import tsunami.actor.Call;
import tsunami.actor.Overflow;
import tsunami.actor.Pid;
import tsunami.actor.SendResult;
import tsunami.actor.SpawnOptions;
import tsunami.net.ClusterSecret;
import tsunami.net.Forwarder;
import tsunami.net.NetSecurity;
import tsunami.net.Node;
import tsunami.net.NodeConfig;
import tsunami.net.StreamFeeder;
import tsunami.net.StreamWorker;
import tsunami.net.Streamer;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Figures of nodes and devices over tcp loopback (both ends in this JVM, so they share its
 * cores): node-to-node throughput of 100-byte messages (CURVE and plaintext), call round trip,
 * forwarder fan-out (1 publisher, 4 subscribers) and streamer throughput (1 feeder, 1 worker).
 */
public final class NetBenchmark {
    private static final int PAYLOAD = 100;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final Consumer<String> progress;

    public NetBenchmark(Consumer<String> progress) {
        this.progress = progress;
    }

    public Map<String, Number> runAll() throws Exception {
        Map<String, Number> figures = new LinkedHashMap<>();
        ClusterSecret secret = ClusterSecret.of("bench-" + System.nanoTime());
        NetSecurity curve = NetSecurity.curve(secret);
        double curveRate = nodeThroughput(curve, 2_000_000);
        figures.put("node_msgs_per_s", curveRate);
        figures.put("node_rtt_us_median", nodeRoundTrip(curve, 20_000));
        figures.put("forwarder_msgs_per_s", forwarder(curve, 500_000));
        figures.put("streamer_msgs_per_s", streamer(curve, 1_000_000));
        double plainRate = nodeThroughput(NetSecurity.plaintext(), 2_000_000);
        figures.put("node_plain_msgs_per_s", plainRate);
        figures.put("curve_overhead_ratio", curveRate / plainRate);
        return figures;
    }

    private static String freeTcp() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        }
    }

    private record Pair(ActorSystem a, ActorSystem b, Node na, Node nb) implements AutoCloseable {
        @Override
        public void close() {
            na.close();
            nb.close();
            a.shutdown();
            b.shutdown();
        }
    }

    private static Pair pair(NetSecurity security) {
        ActorSystem a = ActorSystem.create("bench-a"), b = ActorSystem.create("bench-b");
        Node na = Node.start(a, NodeConfig.defaults("tcp://127.0.0.1:0", security));
        Node nb = Node.start(b, NodeConfig.defaults("tcp://127.0.0.1:0", security));
        na.join(nb.endpoint(), WAIT);
        nb.awaitConnected("bench-a", WAIT);
        return new Pair(a, b, na, nb);
    }

    /** One process on node a sends {@code n} 100-byte messages to one process on node b. */
    public double nodeThroughput(NetSecurity security, int n) throws Exception {
        try (Pair p = pair(security)) {
            CompletableFuture<Long> done = new CompletableFuture<>();
            // A bounded wait (not REJECT) so a burst slows the node's reader instead of being refused.
            Pid sink = p.b().spawn(self -> {
                for (int i = 0; i < n; i++) self.receive();
                done.complete(System.nanoTime());
            }, SpawnOptions.DEFAULT.withCapacity(1 << 16).withOverflow(Overflow.BLOCK).withBlockTimeout(Duration.ofSeconds(30)));
            byte[] payload = new byte[PAYLOAD];
            AtomicLong start = new AtomicLong();
            p.a().spawn(self -> {
                start.set(System.nanoTime());
                for (int i = 0; i < n; i++) {
                    while (self.send(sink, payload) == SendResult.REJECTED) Thread.onSpinWait(); // outbox full: wait for the wire
                }
            });
            long end;
            try {
                end = done.get(60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("node throughput run stalled: sender " + p.na().stats() + ", receiver " + p.nb().stats());
            }
            double rate = n / ((end - start.get()) / 1e9);
            progress.accept(String.format("node -> node %s: %,.0f msgs/s (%s)", security.encrypted() ? "CURVE" : "plaintext", rate,
                    p.na().stats()));
            return rate;
        }
    }

    /** Median round trip of a call from a process on node a to an echo process on node b. */
    public double nodeRoundTrip(NetSecurity security, int calls) throws Exception {
        try (Pair p = pair(security)) {
            Pid echo = p.b().spawn(self -> {
                while (true) {
                    Call c = self.receive(Call.class);
                    self.reply(c, c.request());
                }
            });
            long[] rtt = new long[calls];
            CompletableFuture<Void> done = new CompletableFuture<>();
            p.a().spawn(self -> {
                for (int i = 0; i < 2_000; i++) self.call(echo, i, WAIT); // warm-up
                for (int i = 0; i < calls; i++) {
                    long t0 = System.nanoTime();
                    self.call(echo, i, WAIT);
                    rtt[i] = System.nanoTime() - t0;
                }
                done.complete(null);
            });
            done.get(60, TimeUnit.SECONDS);
            Arrays.sort(rtt);
            double median = rtt[calls / 2] / 1000.0;
            progress.accept(String.format("call round trip: median %.1f us, p99 %.1f us", median, rtt[calls * 99 / 100] / 1000.0));
            return median;
        }
    }

    /** One publisher, four subscribers through a Forwarder; messages per second that every subscriber got. */
    public double forwarder(NetSecurity security, int n) throws Exception {
        String front = freeTcp(), back = freeTcp();
        Forwarder fwd = new Forwarder("bench-forwarder", front, back, security, 1_000_000);
        try (ActorSystem sys = ActorSystem.create("bench-fwd"); ZContext ctx = new ZContext(1)) {
            sys.spawn(fwd.behavior());
            if (!fwd.awaitBound(WAIT)) throw new IllegalStateException("forwarder did not start");
            ZMQ.Socket[] subs = new ZMQ.Socket[4];
            for (int i = 0; i < subs.length; i++) {
                subs[i] = ctx.createSocket(SocketType.SUB);
                subs[i].setRcvHWM(1_000_000);
                subs[i].setHandshakeIvl(1000);
                security.configureClient(subs[i]);
                subs[i].subscribe(new byte[0]);
                subs[i].connect(back);
            }
            ZMQ.Socket pub = ctx.createSocket(SocketType.PUB);
            pub.setSndHWM(1_000_000);
            pub.setHandshakeIvl(1000);
            security.configureClient(pub);
            pub.connect(front);
            // Wait until every subscriber hears the publisher (subscriptions propagate asynchronously).
            boolean[] heard = new boolean[subs.length];
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!allTrue(heard) && System.nanoTime() < deadline) {
                pub.send(new byte[]{0});
                for (int i = 0; i < subs.length; i++) if (subs[i].recv(ZMQ.DONTWAIT) != null) heard[i] = true;
                Thread.sleep(5);
            }
            for (ZMQ.Socket s : subs) while (s.recv(ZMQ.DONTWAIT) != null) { /* drain warm-up */ }
            AtomicLong received = new AtomicLong();
            CompletableFuture<Long> last = new CompletableFuture<>();
            Thread[] readers = new Thread[subs.length];
            for (int i = 0; i < subs.length; i++) {
                ZMQ.Socket s = subs[i];
                readers[i] = Thread.ofPlatform().start(() -> {
                    s.setReceiveTimeOut(2000);
                    int got = 0;
                    while (got < n && s.recv() != null) got++;
                    received.addAndGet(got);
                    last.complete(System.nanoTime());
                });
            }
            byte[] payload = new byte[PAYLOAD];
            payload[0] = 1;
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) pub.send(payload);
            for (Thread t : readers) t.join();
            long end = System.nanoTime();
            double perSubscriber = received.get() / 4.0;
            double rate = perSubscriber / ((end - start) / 1e9);
            progress.accept(String.format("forwarder 1 -> 4: %,.0f msgs/s to each subscriber (%,.0f of %,d delivered per subscriber)",
                    rate, perSubscriber, n));
            return rate;
        }
    }

    private static boolean allTrue(boolean[] b) {
        for (boolean x : b) if (!x) return false;
        return true;
    }

    /** One feeder, one worker through a Streamer with credit-based flow control. */
    public double streamer(NetSecurity security, int n) throws Exception {
        String front = freeTcp(), back = freeTcp();
        Streamer streamer = new Streamer("bench-streamer", front, back, security);
        try (ActorSystem sys = ActorSystem.create("bench-stream")) {
            sys.spawn(streamer.behavior());
            if (!streamer.awaitBound(WAIT)) throw new IllegalStateException("streamer did not start");
            CompletableFuture<Long> done = new CompletableFuture<>();
            Thread worker = Thread.ofPlatform().start(() -> {
                try (StreamWorker w = new StreamWorker(back, security, 4096)) {
                    for (int i = 0; i < n; i++) {
                        if (w.take(WAIT) == null) throw new IllegalStateException("streamer stalled after " + i + " tasks");
                    }
                    done.complete(System.nanoTime());
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
            long start;
            try (StreamFeeder f = new StreamFeeder(front, security)) {
                byte[] payload = new byte[PAYLOAD];
                if (!f.send(payload, WAIT)) throw new IllegalStateException("no credit from the streamer");
                start = System.nanoTime();
                for (int i = 1; i < n; i++) {
                    if (!f.send(payload, WAIT)) throw new IllegalStateException("feeder starved after " + i + " tasks");
                }
                long end = done.get(60, TimeUnit.SECONDS);
                worker.join();
                double rate = (n - 1) / ((end - start) / 1e9);
                progress.accept(String.format("streamer 1 -> 1: %,.0f msgs/s (%s)", rate, streamer.stats()));
                return rate;
            }
        }
    }
}
