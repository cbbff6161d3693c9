package tsunami.net;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
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
 * Hostile bytes before authentication, from a raw TCP client on loopback: a ZMTP 3 greeting
 * (mechanism CURVE) then a frame header announcing 60 MiB, and nothing more.
 */
class NodeHostilePeerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final ClusterSecret SECRET = ClusterSecret.of("hostile-peer-test-cookie");
    private static final long ANNOUNCED = 60L << 20;
    private final List<AutoCloseable> open = new ArrayList<>();

    private Node node(String name) {
        ActorSystem sys = ActorSystem.create(name);
        Node node = Node.start(sys, NodeConfig.defaults("tcp://127.0.0.1:0", NetSecurity.curve(SECRET)));
        open.add(sys::shutdown);
        open.add(node);
        return node;
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
    }

    /** ZMTP 3.0 greeting: signature, version 3.0, mechanism "CURVE" (NUL-padded to 20), as-server 0, filler. */
    static byte[] greeting() {
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put((byte) 0xff).put(new byte[8]).put((byte) 0x7f).put((byte) 3).put((byte) 0);
        byte[] mech = new byte[20];
        byte[] curve = "CURVE".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(curve, 0, mech, 0, curve.length);
        b.put(mech).put((byte) 0);
        return b.array();
    }

    /** A long command-frame header (flags: COMMAND | LONG) announcing {@code size} bytes that never come. */
    static byte[] hugeFrameHeader(long size) {
        return ByteBuffer.allocate(9).put((byte) 0x06).putLong(size).array();
    }

    static long directBytes() {
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) return pool.getMemoryUsed();
        }
        return -1;
    }

    @Test
    @Disabled("issue 17 item 1, not fixed yet: JeroMQ 0.6.0 cancels ZMQ_HANDSHAKE_IVL's timer once the greeting is "
            + "exchanged (StreamEngine.handshake), not when the CURVE mechanism is ready, so this stall is never timed out; "
            + "measured: 6 connections, direct memory +240 MB, 0 dropped in 30 s, node still answers calls")
    void greetingPlusHugeFrameHeaderLeavesTheNodeResponsiveAndIsDropped() throws Exception {
        Node a = node("a"), b = node("b");
        a.join(b.endpoint(), WAIT);
        Pid echo = b.system().spawn(self -> {
            while (true) {
                Call call = self.receive(Call.class);
                self.reply(call, "echo:" + call.request());
            }
        });
        String[] hostPort = b.endpoint().substring("tcp://".length()).split(":");
        InetSocketAddress target = new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
        long heapBefore = usedHeap(), directBefore = directBytes();

        int connections = 6;
        List<Socket> hostile = new ArrayList<>();
        try {
            for (int i = 0; i < connections; i++) {
                Socket s = new Socket();
                hostile.add(s);
                s.connect(target, 5000);
                OutputStream out = s.getOutputStream();
                out.write(greeting());
                out.write(hugeFrameHeader(ANNOUNCED));
                out.flush();
            }
            // The node still answers a legitimate call from an authenticated peer.
            assertEquals("echo:still there", a.system().call(echo, "still there", WAIT));
            long heapGrowth = usedHeap() - heapBefore, directGrowth = directBytes() - directBefore;
            System.out.printf("after %d hostile connections: heap +%d MB, direct +%d MB%n",
                    connections, heapGrowth >> 20, directGrowth >> 20);

            // Each stalled connection is closed by the node within a deadline (read sees EOF or a reset).
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            int dropped = 0;
            for (Socket s : hostile) {
                if (closedByPeer(s, deadline)) dropped++;
            }
            System.out.printf("dropped by the node: %d of %d%n", dropped, connections);
            assertEquals(connections, dropped, "every stalled handshake is dropped");
            assertTrue(heapGrowth + directGrowth < connections * (ANNOUNCED / 4),
                    "memory stays bounded: heap +" + (heapGrowth >> 20) + " MB, direct +" + (directGrowth >> 20) + " MB");
            assertEquals("echo:after", a.system().call(echo, "after", WAIT));
        } finally {
            for (Socket s : hostile) s.close();
        }
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** Waits until the node closes {@code s} (EOF or reset), at most until {@code deadline}. */
    private static boolean closedByPeer(Socket s, long deadline) throws Exception {
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
