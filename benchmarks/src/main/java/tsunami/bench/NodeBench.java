package tsunami.bench;

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
 * Our side of {@code monkey bench net}, one measurement per call, over tcp loopback (both ends in
 * this JVM, so they share its cores): node-to-node throughput of 100-byte messages, call round trip,
 * forwarder fan-out (1 publisher, 4 subscribers) and streamer throughput (1 feeder, 1 worker).
 */
public final class NodeBench implements NetBench {
    static final int PAYLOAD = 100;
    static final Duration WAIT = Duration.ofSeconds(20);
    private static final String END = "end";
    private final Consumer<String> progress;

    public NodeBench(Consumer<String> progress) {
        this.progress = progress;
    }

    static String freeTcp() throws Exception {
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

    /** One process on node a sends 100-byte messages to one process on node b for {@code run}; messages received per second. */
    @Override
    public double throughput(NetSecurity security, Duration run) throws Exception {
        try (Pair p = pair(security)) {
            CompletableFuture<long[]> done = new CompletableFuture<>();
            // A bounded wait (not REJECT) so a burst slows the node's reader instead of being refused.
            Pid sink = p.b().spawn(self -> {
                long count = 0, first = 0;
                while (true) {
                    Object m = self.receive();
                    if (END.equals(m)) break;
                    if (count++ == 0) first = System.nanoTime();
                }
                done.complete(new long[]{count - 1, first, System.nanoTime()});
            }, SpawnOptions.DEFAULT.withCapacity(1 << 16).withOverflow(Overflow.BLOCK).withBlockTimeout(Duration.ofSeconds(30)));
            byte[] payload = new byte[PAYLOAD];
            p.a().spawn(self -> {
                long stopAt = System.nanoTime() + run.toNanos();
                int i = 0;
                while (true) {
                    if ((++i & 1023) == 0 && System.nanoTime() > stopAt) break;
                    while (self.send(sink, payload) == SendResult.REJECTED) Thread.onSpinWait(); // outbox full: wait for the wire
                }
                while (self.send(sink, END) == SendResult.REJECTED) Thread.onSpinWait();
            });
            long[] r;
            try {
                r = done.get(run.toSeconds() + 60, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("node throughput run stalled: sender " + p.na().stats() + ", receiver " + p.nb().stats());
            }
            double rate = r[0] / ((r[2] - r[1]) / 1e9);
            progress.accept(String.format("node -> node %s: %,.0f msgs/s (%s)", security.encrypted() ? "CURVE" : "plaintext", rate,
                    p.na().stats()));
            return rate;
        }
    }

    /** Median round trip of a call from a process on node a to an echo process on node b. */
    @Override
    public double roundTrip(NetSecurity security, Duration run) throws Exception {
        try (Pair p = pair(security)) {
            Pid echo = p.b().spawn(self -> {
                while (true) {
                    Call c = self.receive(Call.class);
                    self.reply(c, c.request());
                }
            });
            long[] rtt = new long[1 << 20];
            CompletableFuture<Integer> done = new CompletableFuture<>();
            p.a().spawn(self -> {
                for (int i = 0; i < 1_000; i++) self.call(echo, i, WAIT); // warm-up
                long stopAt = System.nanoTime() + run.toNanos();
                int n = 0;
                while (n < rtt.length && System.nanoTime() < stopAt) {
                    long t0 = System.nanoTime();
                    self.call(echo, n, WAIT);
                    rtt[n++] = System.nanoTime() - t0;
                }
                done.complete(n);
            });
            int calls = done.get(run.toSeconds() + 60, TimeUnit.SECONDS);
            Arrays.sort(rtt, 0, calls);
            double median = rtt[calls / 2] / 1000.0;
            progress.accept(String.format("call round trip: median %.1f us, p99 %.1f us (%,d calls)", median, rtt[calls * 99 / 100] / 1000.0, calls));
            return median;
        }
    }

    /** One publisher, four subscribers through a Forwarder; messages per second that every subscriber got. */
    @Override
    public double forwarder(NetSecurity security, Duration run) throws Exception {
        String front = freeTcp(), back = freeTcp();
        Forwarder fwd = new Forwarder("bench-forwarder", front, back, security, 10_000);
        try (ActorSystem sys = ActorSystem.create("bench-fwd"); ZContext ctx = new ZContext(1)) {
            sys.spawn(fwd.behavior());
            if (!fwd.awaitBound(WAIT)) throw new IllegalStateException("forwarder did not start");
            return fanOut(ctx, front, back, security, run, "forwarder", progress);
        }
    }

    /**
     * One PUB connected to {@code front}, four SUBs to {@code back} of a running XSUB/XPUB device
     * (ours or a bare proxy), 100-byte messages for {@code run}; messages per second that reached
     * each subscriber.
     */
    static double fanOut(ZContext ctx, String front, String back, NetSecurity security, Duration run, String label,
                         Consumer<String> progress) throws Exception {
        ZMQ.Socket[] subs = new ZMQ.Socket[4];
        for (int i = 0; i < subs.length; i++) {
            subs[i] = ctx.createSocket(SocketType.SUB);
            subs[i].setRcvHWM(10_000);
            subs[i].setHandshakeIvl(2000);
            security.configureClient(subs[i]);
            subs[i].subscribe(new byte[0]);
            subs[i].connect(back);
        }
        ZMQ.Socket pub = ctx.createSocket(SocketType.PUB);
        pub.setSndHWM(10_000);
        pub.setHandshakeIvl(2000);
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
                s.setReceiveTimeOut(1000);
                long got = 0;
                byte[] m;
                while ((m = s.recv()) != null && m[0] != 2) got++;
                received.addAndGet(got);
                last.complete(System.nanoTime());
            });
        }
        byte[] payload = new byte[PAYLOAD];
        payload[0] = 1;
        long start = System.nanoTime(), stopAt = start + run.toNanos();
        long sent = 0;
        while ((sent & 1023) != 0 || System.nanoTime() < stopAt) {
            pub.send(payload);
            sent++;
        }
        byte[] end = new byte[PAYLOAD];
        end[0] = 2;
        for (int i = 0; i < 100; i++) pub.send(end);
        for (Thread t : readers) t.join();
        long finished = System.nanoTime();
        double perSubscriber = received.get() / 4.0;
        double rate = perSubscriber / ((finished - start) / 1e9);
        progress.accept(String.format(label + " 1 -> 4: %,.0f msgs/s to each subscriber (%,.0f of %,d delivered per subscriber; PUB drops for slow subscribers)",
                rate, perSubscriber, sent));
        return rate;
    }

    private static boolean allTrue(boolean[] b) {
        for (boolean x : b) if (!x) return false;
        return true;
    }

    /** One feeder, one worker through a Streamer with credit-based flow control. */
    @Override
    public double streamer(NetSecurity security, Duration run) throws Exception {
        String front = freeTcp(), back = freeTcp();
        Streamer streamer = new Streamer("bench-streamer", front, back, security);
        try (ActorSystem sys = ActorSystem.create("bench-stream")) {
            sys.spawn(streamer.behavior());
            if (!streamer.awaitBound(WAIT)) throw new IllegalStateException("streamer did not start");
            CompletableFuture<long[]> done = new CompletableFuture<>();
            Thread worker = Thread.ofPlatform().start(() -> {
                try (StreamWorker w = new StreamWorker(back, security, 4096)) {
                    long count = 0, first = 0;
                    byte[] t;
                    while ((t = w.take(WAIT)) != null && t[0] != 2) {
                        if (count++ == 0) first = System.nanoTime();
                    }
                    if (t == null) throw new IllegalStateException("streamer stalled after " + count + " tasks");
                    done.complete(new long[]{count - 1, first, System.nanoTime()});
                } catch (RuntimeException e) {
                    done.completeExceptionally(e);
                }
            });
            try (StreamFeeder f = new StreamFeeder(front, security)) {
                byte[] payload = new byte[PAYLOAD];
                long stopAt = System.nanoTime() + run.toNanos();
                long i = 0;
                while ((i & 1023) != 0 || System.nanoTime() < stopAt) {
                    if (!f.send(payload, WAIT)) throw new IllegalStateException("feeder starved after " + i + " tasks");
                    i++;
                }
                byte[] end = new byte[PAYLOAD];
                end[0] = 2;
                if (!f.send(end, WAIT)) throw new IllegalStateException("feeder starved at the end");
                long[] r = done.get(60, TimeUnit.SECONDS);
                worker.join();
                double rate = r[0] / ((r[2] - r[1]) / 1e9);
                progress.accept(String.format("streamer 1 -> 1: %,.0f msgs/s (%s)", rate, streamer.stats()));
                return rate;
            }
        }
    }
}
