package tsunami.net;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tsunami.actor.ActorSystem;
import tsunami.actor.Call;
import tsunami.actor.Pid;

import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Hostile bytes before authentication, from raw TCP clients on loopback against a real node: a ZMTP 3
 * greeting (mechanism CURVE), then a frame header announcing more than the node takes, or just
 * under that and then silence. The node must go on answering its authenticated peer, drop every such
 * connection (at once, or at the handshake deadline), and hold bounded memory however many come.
 */
class NodeHostilePeerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ClusterSecret SECRET = ClusterSecret.of("hostile-peer-test-cookie");
    private static final long JUST_UNDER_THE_LIMIT = SocketDefaults.MAX_MESSAGE_BYTES - 16;
    private final List<AutoCloseable> open = new ArrayList<>();
    private final List<Socket> hostile = new ArrayList<>();
    private Node a, b;
    private Pid echo;

    private Node node(String name) {
        ActorSystem sys = ActorSystem.create(name);
        Node node = Node.start(sys, NodeConfig.defaults("tcp://127.0.0.1:0", NetSecurity.curve(SECRET)));
        open.add(sys::shutdown);
        open.add(node);
        return node;
    }

    @BeforeEach
    void twoJoinedNodesAndAnEcho() {
        a = node("a");
        b = node("b");
        a.join(b.endpoint(), WAIT);
        echo = b.system().spawn(self -> {
            while (true) {
                Call call = self.receive(Call.class);
                self.reply(call, "echo:" + call.request());
            }
        });
    }

    @AfterEach
    void closeAll() throws Exception {
        for (Socket s : hostile) s.close();
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    /** ZMTP 3.0 greeting: signature, version 3.0, mechanism "CURVE" (NUL-padded to 20), as-server 0, filler. */
    static byte[] greeting() {
        ByteBuffer g = ByteBuffer.allocate(64);
        g.put((byte) 0xff).put(new byte[8]).put((byte) 0x7f).put((byte) 3).put((byte) 0);
        byte[] mech = new byte[20];
        byte[] curve = "CURVE".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(curve, 0, mech, 0, curve.length);
        g.put(mech).put((byte) 0);
        return g.array();
    }

    /** A long command-frame header (flags: COMMAND | LONG) announcing {@code size} bytes that never come. */
    static byte[] frameHeader(long size) {
        return ByteBuffer.allocate(9).put((byte) 0x06).putLong(size).array();
    }

    /** Opens {@code n} connections to node b that each send a greeting and a header announcing {@code announced} bytes. */
    private void attack(int n, long announced) throws Exception {
        String[] hostPort = b.endpoint().substring("tcp://".length()).split(":");
        InetSocketAddress target = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
        for (int i = 0; i < n; i++) {
            Socket s = new Socket();
            hostile.add(s);
            s.connect(target, 5000);
            OutputStream out = s.getOutputStream();
            out.write(greeting());
            out.write(frameHeader(announced));
            out.flush();
        }
    }

    /** How many of the hostile connections the node closes before {@code within} has passed. */
    private int droppedWithin(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        int dropped = 0;
        for (Socket s : hostile) if (closedByPeer(s, deadline)) dropped++;
        return dropped;
    }

    @Test
    void aFrameHeaderAnnouncing60MiBIsRefusedAtOnce() throws Exception {
        // The attack: 12 such connections made a -Xmx512m node run out of direct memory.
        long before = usedMemory();
        attack(12, 60L << 20);
        assertEquals("echo:still there", a.system().call(echo, "still there", WAIT));
        int dropped = droppedWithin(Duration.ofSeconds(3)); // well before the 5 s deadline: refused, not timed out
        long growth = usedMemory() - before;
        System.out.printf("60 MiB headers: %d of 12 dropped within 3 s; heap+direct growth %d MB; %s%n", dropped, growth >> 20,
                b.handshakeStats());
        assertEquals(12, dropped, "every connection announcing 60 MiB is closed at once");
        assertTrue(growth < 64L << 20, "memory stays bounded: +" + (growth >> 20) + " MB");
        assertEquals("echo:after", a.system().call(echo, "after", WAIT));
    }

    @Test
    void aStalledHandshakeUnderTheLimitIsClosedAtTheDeadlineAndItsMemoryFreed() throws Exception {
        int n = 24;
        long before = usedMemory();
        attack(n, JUST_UNDER_THE_LIMIT);
        awaitAccepted(n + 1); // + a's own connection
        assertEquals("echo:still there", a.system().call(echo, "still there", WAIT));
        long held = usedMemory() - before;
        int dropped = droppedWithin(HandshakeGuard.DEADLINE.plusSeconds(10));
        long after = usedMemory() - before;
        HandshakeStats stats = b.handshakeStats();
        System.out.printf("%d stalled handshakes (%d KiB announced each): heap+direct %+d MB while held, %d dropped, %+d MB after; %s%n",
                n, JUST_UNDER_THE_LIMIT >> 10, held >> 20, dropped, after >> 20, stats);
        assertEquals(n, dropped, "every stalled handshake is closed by the deadline");
        assertTrue(stats.timedOut() >= n, "closed by the guard's deadline: " + stats);
        assertTrue(held < n * JUST_UNDER_THE_LIMIT + (32L << 20), "memory stays bounded: +" + (held >> 20) + " MB");
        assertTrue(after < 16L << 20, "what the closed connections held is freed: +" + (after >> 20) + " MB");
        assertEquals("echo:after", a.system().call(echo, "after", WAIT));
        assertTrue(a.isConnected("b") && b.isConnected("a"), "the authenticated peers kept each other");
    }

    @Test
    void aFloodBeyondTheWaitingLimitClosesTheOldestAndStaysBounded() throws Exception {
        int n = HandshakeGuard.MAX_WAITING + 72;
        long before = usedMemory();
        attack(n, JUST_UNDER_THE_LIMIT);
        assertEquals("echo:during the flood", a.system().call(echo, "during the flood", WAIT));
        awaitAccepted(n + 1);
        long growth = usedMemory() - before;
        HandshakeStats stats = b.handshakeStats();
        System.out.printf("flood of %d stalled handshakes: heap+direct growth %d MB; %s%n", n, growth >> 20, stats);
        // Past the limit the oldest are closed (a few may have ended otherwise first: timed out, or failed
        // their greeting, which JeroMQ's own 2 s handshake timer covers).
        assertTrue(stats.evicted() > 0 && stats.evicted() + stats.timedOut() + stats.failed() >= n - HandshakeGuard.MAX_WAITING,
                "the oldest beyond the limit closed: " + stats);
        assertTrue(stats.waiting() <= HandshakeGuard.MAX_WAITING, stats.toString());
        assertTrue(growth < (HandshakeGuard.MAX_WAITING + 8) * JUST_UNDER_THE_LIMIT + (32L << 20),
                "memory bounded by the waiting limit: +" + (growth >> 20) + " MB");
        assertEquals(n, droppedWithin(HandshakeGuard.DEADLINE.plusSeconds(15)), "every connection of the flood is closed");
        assertEquals("echo:after", a.system().call(echo, "after", WAIT));
    }

    /** Waits until node b has accepted {@code n} connections (the kernel's backlog holds them until then). */
    private void awaitAccepted(int n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (b.handshakeStats().accepted() < n && System.nanoTime() < deadline) Thread.sleep(20);
    }

    private static long usedMemory() {
        System.gc();
        Runtime rt = Runtime.getRuntime();
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) direct = pool.getMemoryUsed();
        }
        return rt.totalMemory() - rt.freeMemory() + direct;
    }

    /** Waits until the node closes {@code s} (EOF or reset), at most until {@code deadline}. */
    static boolean closedByPeer(Socket s, long deadline) throws Exception {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        while (System.nanoTime() < deadline) {
            s.setSoTimeout((int) Math.max(1, Math.min(1000, (deadline - System.nanoTime()) / 1_000_000)));
            try {
                if (in.read(buf) < 0) return true; // the node's greeting bytes come first; EOF means closed
            } catch (SocketTimeoutException e) {
                // still open; keep waiting
            } catch (java.io.IOException e) {
                return true; // reset by the node
            }
        }
        return false;
    }
}
