package tsunami.tests;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import tsunami.actor.ActorSystem;
import tsunami.actor.Down;
import tsunami.actor.ExitReason;
import tsunami.actor.Pid;
import tsunami.net.ClusterSecret;
import tsunami.net.CodecRegistry;
import tsunami.net.NetSecurity;
import tsunami.net.Node;
import tsunami.net.NodeConfig;
import tsunami.net.NodeUnreachableException;
import tsunami.net.RemoteProcess;
import tsunami.net.StreamFeeder;
import tsunami.net.StreamWorker;
import tsunami.net.WireWriter;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Three node JVMs on loopback plus this JVM as a fourth node: remote send, call and monitor;
 * kill -9 of one node gives noconnection and makes a supervisor on another node restart its
 * child; Forwarder and Streamer (supervised in a node JVM) carry traffic; a peer without the
 * cluster secret is refused and none of its messages is delivered.
 */
class NodeClusterTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    @TempDir
    Path dir;
    private final List<Process> jvms = new ArrayList<>();
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) open.get(i).close();
        for (Process p : jvms) p.destroyForcibly();
        for (Process p : jvms) p.waitFor(10, TimeUnit.SECONDS);
    }

    private static String freeEndpoint() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "tcp://127.0.0.1:" + s.getLocalPort();
        }
    }

    /** Starts a node JVM and waits for its READY line; returns [process, endpoint]. */
    private Object[] startNode(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), ClusterNodeMain.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectError(dir.resolve(args[0] + ".log").toFile()).start();
        jvms.add(p);
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) if (line.startsWith("READY ")) ready.complete(line.substring(6));
                ready.completeExceptionally(new IllegalStateException("node " + args[0] + " exited before READY"));
            } catch (Exception e) {
                ready.completeExceptionally(e);
            }
        });
        return new Object[]{p, ready.get(60, TimeUnit.SECONDS)};
    }

    @Test
    void threeNodeJvmsSendCallMonitorSurviveKillNineAndCarryDeviceTraffic() throws Exception {
        Path secretFile = dir.resolve("cluster.secret");
        ClusterSecret secret = ClusterSecret.loadOrCreate(secretFile);
        NetSecurity security = NetSecurity.curve(secret);
        String n1Listen = freeEndpoint(), fwdFront = freeEndpoint(), fwdBack = freeEndpoint(), strFront = freeEndpoint(), strBack = freeEndpoint();
        String s = secretFile.toString();
        startNode("n1", n1Listen, s, "-", "n3", fwdFront, fwdBack, strFront, strBack);
        startNode("n2", "tcp://127.0.0.1:0", s, n1Listen);
        Process n3 = (Process) startNode("n3", "tcp://127.0.0.1:0", s, n1Listen)[0];

        ActorSystem probeSys = ActorSystem.create("probe");
        Node probe = Node.start(probeSys, NodeConfig.defaults("tcp://127.0.0.1:0", security));
        open.add(probeSys::shutdown);
        open.add(probe);
        assertEquals("n1", probe.join(n1Listen, WAIT));
        assertTrue(probe.awaitConnected("n2", WAIT) && probe.awaitConnected("n3", WAIT), "gossip connected the probe to n2 and n3");

        // Remote call to every node.
        for (String n : List.of("n1", "n2", "n3")) {
            Pid echo = probe.whereis(n, "echo", WAIT).orElseThrow();
            assertEquals("echo:hi@" + n, probeSys.call(echo, "hi", WAIT));
        }
        // Remote send both ways, order kept: n2's relay sends each value back to our collector.
        int count = 500;
        CompletableFuture<List<Object>> collected = new CompletableFuture<>();
        Pid collector = probeSys.spawn(self -> {
            List<Object> got = new ArrayList<>();
            for (int i = 0; i < count; i++) got.add(self.receive());
            collected.complete(got);
        });
        for (int i = 0; i < count; i++) assertTrue(probe.sendNamed(null, "n2", "relay", List.of(collector, i)).delivered());
        List<Object> got = collected.get(30, TimeUnit.SECONDS);
        for (int i = 0; i < count; i++) assertEquals(i, got.get(i));
        // Remote spawn of a behaviour registered by name.
        Pid spawned = probe.spawnRemote("n2", "echo", null, WAIT);
        assertEquals("echo:x@n2", probeSys.call(spawned, "x", WAIT));

        // Devices supervised in n1 carry traffic from this JVM: broadcast through the Forwarder...
        try (ZContext ctx = new ZContext()) {
            ZMQ.Socket pub = ctx.createSocket(SocketType.PUB);
            pub.setHandshakeIvl(1000);
            security.configureClient(pub);
            pub.connect(fwdFront);
            ZMQ.Socket sub = ctx.createSocket(SocketType.SUB);
            sub.setHandshakeIvl(1000);
            security.configureClient(sub);
            sub.subscribe("params".getBytes(StandardCharsets.UTF_8));
            sub.connect(fwdBack);
            sub.setReceiveTimeOut(100);
            String received = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (received == null && System.nanoTime() < deadline) {
                pub.send("params v7");
                received = sub.recvStr();
            }
            assertEquals("params v7", received);
        }
        // ...and tasks through the Streamer, none lost.
        try (StreamWorker worker = new StreamWorker(strBack, security, 16); StreamFeeder feeder = new StreamFeeder(strFront, security)) {
            // The worker takes concurrently: with credit flow control the feeder can only run ahead by its window.
            CompletableFuture<List<Integer>> taken = CompletableFuture.supplyAsync(() -> {
                List<Integer> seen = new ArrayList<>();
                for (int i = 0; i < 300; i++) seen.add(ByteBuffer.wrap(worker.take(WAIT)).getInt());
                return seen;
            });
            for (int i = 0; i < 300; i++) assertTrue(feeder.send(ByteBuffer.allocate(4).putInt(0, i).array(), WAIT));
            List<Integer> seen = taken.get(30, TimeUnit.SECONDS);
            for (int i = 0; i < 300; i++) assertEquals(i, seen.get(i));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> deviceStats = (List<Map<String, Object>>) probeSys.call(probe.whereis("n1", "devices", WAIT).orElseThrow(), "stats", WAIT);
        assertTrue((Long) deviceStats.get(0).get("messagesOut") >= 1, "forwarder counted: " + deviceStats.get(0));
        assertEquals(300L, deviceStats.get(1).get("messagesOut"), "streamer counted: " + deviceStats.get(1));

        // kill -9 n3: our monitor fires noconnection, and n1's supervisor restarts the watcher linked to n3.
        Pid n3Echo = probe.whereis("n3", "echo", WAIT).orElseThrow();
        Pid n2Echo = probe.whereis("n2", "echo", WAIT).orElseThrow();
        CompletableFuture<Down> down = new CompletableFuture<>();
        CompletableFuture<Void> monitoring = new CompletableFuture<>();
        probeSys.spawn(self -> {
            self.monitor(n3Echo);
            self.call(n3Echo, "sync", WAIT); // the monitor is in place at n3 once this returns
            monitoring.complete(null);
            down.complete(self.receive(Down.class));
        });
        monitoring.get(30, TimeUnit.SECONDS);
        Pid watcher = probe.whereis("n1", "watcher", WAIT).orElseThrow();
        long linkDeadline = System.nanoTime() + WAIT.toNanos();
        while (!Boolean.TRUE.equals(probeSys.call(watcher, "linked?", WAIT)) && System.nanoTime() < linkDeadline) Thread.sleep(100);
        assertEquals(true, probeSys.call(watcher, "linked?", WAIT), "n1's watcher linked to n3's echo");
        assertEquals(0, restartsOf(probe, "watcher"), "watcher linked to n3, not restarted yet");
        long killedAt = System.nanoTime();
        n3.destroyForcibly(); // SIGKILL: no goodbye, only missing heartbeats tell
        Down d = down.get(30, TimeUnit.SECONDS);
        long detectedMs = (System.nanoTime() - killedAt) / 1_000_000;
        assertEquals(ExitReason.NOCONNECTION, d.reason());
        assertEquals(n3Echo, d.pid());
        System.err.println("noconnection for n3 after " + detectedMs + " ms (heartbeat timeout 2000 ms)");
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (restartsOf(probe, "watcher") < 1 && System.nanoTime() < deadline) Thread.sleep(100);
        assertTrue(restartsOf(probe, "watcher") >= 1, "n1's supervisor restarted the watcher after its link to n3 broke");
        assertEquals("echo:still@n2", probeSys.call(n2Echo, "still", WAIT), "the rest of the cluster keeps working");

        // A peer without the secret: its well-formed frames never reach a process.
        Pid counter = probe.whereis("n1", "counter", WAIT).orElseThrow();
        ClusterSecret wrong = ClusterSecret.of("not the cluster secret");
        try (ZContext outside = new ZContext()) {
            ZMQ.Socket intruder = outside.createSocket(SocketType.DEALER);
            intruder.setHandshakeIvl(1000);
            NetSecurity.curve(wrong).configureClient(intruder);
            intruder.connect(n1Listen);
            for (int i = 0; i < 20; i++) intruder.send(frameForCounter("intruder"), ZMQ.DONTWAIT);
            ActorSystem otherSys = ActorSystem.create("outsider");
            try (Node outsider = Node.start(otherSys, NodeConfig.defaults("tcp://127.0.0.1:0", NetSecurity.curve(wrong)))) {
                assertThrows(NodeUnreachableException.class, () -> outsider.join(n1Listen, Duration.ofSeconds(3)));
            } finally {
                otherSys.shutdown();
            }
            // The same bytes from a cluster member are delivered: the refusal above was the missing secret.
            ZMQ.Socket member = outside.createSocket(SocketType.DEALER);
            member.setHandshakeIvl(1000);
            security.configureClient(member);
            member.connect(n1Listen);
            member.send(frameForCounter("member"));
            deadline = System.nanoTime() + WAIT.toNanos();
            while ((Long) probeSys.call(counter, "count", WAIT) < 1 && System.nanoTime() < deadline) Thread.sleep(50);
            assertEquals(1L, probeSys.call(counter, "count", WAIT), "only the member's message was delivered");
        }
        List<RemoteProcess> ps = probe.processes("n1", WAIT);
        assertTrue(ps.stream().anyMatch(p -> p.name().equals("counter")), "ps lists n1's processes");
    }

    private static int restartsOf(Node probe, String name) {
        return probe.processes("n1", WAIT).stream().filter(p -> p.name().equals(name)).mapToInt(RemoteProcess::restarts).max().orElse(-1);
    }

    /** A node frame (wire version 1) carrying one send to n1's registered "counter", written byte by byte as documented in NodeFrame. */
    private static byte[] frameForCounter(String from) {
        WireWriter w = new WireWriter(128, 1 << 16);
        w.writeByte('T');
        w.writeByte(CodecRegistry.WIRE_VERSION);
        w.writeByte(1); // hidden: not gossiped
        w.writeString(from);
        w.writeLong(System.nanoTime());
        w.writeString("tcp://127.0.0.1:1");
        w.writeInt(1);
        w.writeByte(5); // SEND_NAMED
        w.writeBoolean(false); // no sender pid
        w.writeString("counter");
        new CodecRegistry().writeValue(w, "hello from " + from);
        return w.toByteArray();
    }
}
