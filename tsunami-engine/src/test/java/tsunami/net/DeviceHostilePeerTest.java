package tsunami.net;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tsunami.actor.ActorSystem;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The streamer's and the forwarder's endpoints face strangers as a node's does (see
 * {@link NodeHostilePeerTest}): a frame header announcing 60 MiB before authentication is refused at
 * once, a stalled handshake is closed at the deadline, and admitted peers go on exchanging messages
 * bigger than the pre-authentication limit (as parts).
 */
class DeviceHostilePeerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final NetSecurity security = NetSecurity.curve(ClusterSecret.of("device-hostile-test"));
    private final ActorSystem system = ActorSystem.create("hostile-devices");
    private final List<Socket> hostile = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (Socket s : hostile) s.close();
        system.shutdown();
    }

    @Test
    void streamerRefusesOversizedHeadersAndStalledHandshakesAndStillCarriesBigTasks() throws Exception {
        String front = DeviceTest.freeEndpoint(), back = DeviceTest.freeEndpoint();
        Streamer streamer = new Streamer("hostile-streamer", front, back, security);
        system.spawn(streamer.behavior());
        assertTrue(streamer.awaitBound(WAIT));
        try (StreamWorker worker = new StreamWorker(back, security, 8);
             StreamFeeder feeder = new StreamFeeder(front, security)) {
            byte[] big = randomBytes(3 * SocketDefaults.MAX_PART_BYTES + 1234); // over the pre-authentication limit
            assertTrue(feeder.send(big, WAIT));
            assertArrayEquals(big, worker.take(WAIT), "a task over the part size arrives whole");

            List<Socket> huge = attack(front, 6, 60L << 20);
            huge.addAll(attack(back, 6, 60L << 20));
            assertEquals(12, closedWithin(huge, Duration.ofSeconds(3)), "60 MiB headers are refused at once, before the deadline");
            List<Socket> stalled = attack(front, 4, SocketDefaults.MAX_MESSAGE_BYTES - 16);
            stalled.addAll(attack(back, 4, SocketDefaults.MAX_MESSAGE_BYTES - 16));
            assertEquals(8, closedWithin(stalled, HandshakeGuard.DEADLINE.plusSeconds(10)), "stalled handshakes are closed");

            HandshakeStats stats = streamer.handshakeStats();
            System.out.println("streamer after the attack: " + stats);
            assertTrue(stats.timedOut() >= 8, "the stalled ones were closed by the deadline: " + stats);
            assertEquals(2, stats.proved(), "the feeder's and the worker's connections proved themselves: " + stats);
            assertTrue(feeder.send(big, WAIT));
            assertArrayEquals(big, worker.take(WAIT), "the admitted feeder and worker were not cut off");
            assertEquals(0, streamer.stats().rejected());
        }
    }

    @Test
    void forwarderRefusesOversizedHeadersAndBoundsStalledSubscribers() throws Exception {
        String front = DeviceTest.freeEndpoint(), back = DeviceTest.freeEndpoint();
        Forwarder forwarder = new Forwarder("hostile-forwarder", front, back, security);
        system.spawn(forwarder.behavior());
        assertTrue(forwarder.awaitBound(WAIT));
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket pub = SocketDefaults.apply(ctx.createSocket(SocketType.PUB));
            security.configureClient(pub);
            pub.connect(front);
            ZMQ.Socket sub = SocketDefaults.apply(ctx.createSocket(SocketType.SUB));
            security.configureClient(sub);
            sub.subscribe("params".getBytes());
            sub.setReceiveTimeOut(100);
            sub.connect(back);
            byte[] big = withPrefix("params", randomBytes(2 * SocketDefaults.MAX_PART_BYTES + 99));
            assertArrayEquals(big, publishUntilReceived(pub, big, sub), "a message over the part size arrives whole");

            List<Socket> huge = attack(front, 6, 60L << 20);
            huge.addAll(attack(back, 6, 60L << 20));
            assertEquals(12, closedWithin(huge, Duration.ofSeconds(3)), "60 MiB headers are refused at once");

            // Subscribers cannot prove themselves (see Forwarder), so a flood of stalled handshakes on the
            // backend is bounded by count: beyond the waiting limit the oldest are closed.
            int flood = HandshakeGuard.MAX_WAITING + 8;
            List<Socket> stalled = attack(back, flood, SocketDefaults.MAX_MESSAGE_BYTES - 16);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (forwarder.handshakeStats().evicted() < 8 && System.nanoTime() < deadline) Thread.sleep(20);
            HandshakeStats stats = forwarder.handshakeStats();
            System.out.println("forwarder after the attack: " + stats);
            assertTrue(stats.evicted() >= 8, "the oldest beyond the limit were closed: " + stats);
            assertTrue(stats.waiting() <= HandshakeGuard.MAX_WAITING + 1, "waiting stays bounded (+1: the publisher): " + stats);
            assertTrue(closedWithin(stalled.subList(0, 8), Duration.ofSeconds(5)) >= 1, "closed connections are really closed");

            byte[] next = withPrefix("params", randomBytes(1000));
            assertArrayEquals(next, publishUntilReceived(pub, next, sub), "the broadcast goes on (a subscriber evicted reconnects)");
            assertEquals(0, forwarder.stats().rejected());
        }
    }

    private static byte[] publishUntilReceived(ZMQ.Socket pub, byte[] message, ZMQ.Socket sub) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Forwarder.publish(pub, message);
            byte[] got = Forwarder.receive(sub, 0);
            if (got != null && Arrays.equals(got, message)) return got;
        }
        return null;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }

    private static byte[] withPrefix(String prefix, byte[] body) {
        byte[] p = prefix.getBytes();
        byte[] m = Arrays.copyOf(p, p.length + body.length);
        System.arraycopy(body, 0, m, p.length, body.length);
        return m;
    }

    /** {@code n} raw connections that each send a CURVE greeting and a frame header announcing {@code announced} bytes. */
    private List<Socket> attack(String endpoint, int n, long announced) throws Exception {
        String[] hostPort = endpoint.substring("tcp://".length()).split(":");
        InetSocketAddress target = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
        List<Socket> made = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket s = new Socket();
            hostile.add(s);
            made.add(s);
            s.connect(target, 5000);
            OutputStream out = s.getOutputStream();
            out.write(NodeHostilePeerTest.greeting());
            out.write(NodeHostilePeerTest.frameHeader(announced));
            out.flush();
        }
        return made;
    }

    private static int closedWithin(List<Socket> sockets, Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int closed = 0;
        for (Socket s : sockets) if (NodeHostilePeerTest.closedByPeer(s, deadline)) closed++;
        return closed;
    }
}
