package tsunami.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tsunami.launcher.Monkey;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 17's attack on a real {@code monkey node} JVM with a small heap (-Xmx128m, so direct memory
 * is capped near 128 MB too): strangers on raw TCP send a ZMTP greeting and a frame header, first
 * announcing 60 MiB (12 connections: enough to exhaust that JVM's direct memory when it allocated
 * what was announced), then just under the node's receive limit, 200 at once, and stall. The node
 * must keep answering {@code monkey node ps}, close every such connection, keep its resident
 * memory bounded, and end promptly on SIGTERM.
 */
class NodeHostileClientsTest {
    private static final long UNDER_THE_LIMIT = 250 << 10; // the node's limit is 256 KiB + 1 KiB
    @TempDir
    Path dir;

    @Test
    void strangersBeforeAuthenticationLeaveANodeResponsiveBoundedAndStoppable() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "resident memory is read from /proc (Linux only)");
        Path secret = dir.resolve("cluster.secret");
        MonkeyNodeProcess started = MonkeyNodeProcess.start(dir, "victim", "-Xmx128m", secret);
        Process node = started.process();
        String endpoint = started.endpoint();
        int port = started.port();
        Path log = started.log();
        List<Socket> hostile = new ArrayList<>();
        try {
            assertPsAnswers(node, log, endpoint, secret, "before the attack");
            long rssBefore = statusKb(node, "VmRSS");
            InetSocketAddress target = new InetSocketAddress("127.0.0.1", port);

            List<Socket> huge = connect(target, 12, 60L << 20);
            hostile.addAll(huge);
            assertPsAnswers(node, log, endpoint, secret, "after 12 headers announcing 60 MiB");
            int hugeDropped = droppedWithin(huge, 10_000);

            List<Socket> stalled = connect(target, 200, UNDER_THE_LIMIT);
            hostile.addAll(stalled);
            assertTrue(node.isAlive(), "the node lives through the flood: " + Files.readString(log));
            assertPsAnswers(node, log, endpoint, secret, "during a flood of 200 stalled handshakes");
            int stalledDropped = droppedWithin(stalled, 30_000);
            long rssAfter = statusKb(node, "VmRSS"), rssPeak = statusKb(node, "VmHWM");
            assertPsAnswers(node, log, endpoint, secret, "after the attack");

            long stopStart = System.nanoTime();
            node.destroy(); // SIGTERM
            boolean ended = node.waitFor(20, TimeUnit.SECONDS);
            long stopMillis = (System.nanoTime() - stopStart) / 1_000_000;
            System.out.printf("monkey node -Xmx128m: RSS %d MB before, peak %d MB, %d MB after; 60 MiB headers dropped %d of 12, "
                            + "stalled handshakes dropped %d of 200; SIGTERM ended it in %d ms (exit %s)%n", rssBefore >> 10, rssPeak >> 10,
                    rssAfter >> 10, hugeDropped, stalledDropped, stopMillis, ended ? node.exitValue() : "none");
            assertEquals(12, hugeDropped, "every 60 MiB announcement is refused");
            assertEquals(200, stalledDropped, "every stalled handshake is closed");
            assertTrue(rssPeak - rssBefore < 160 << 10, "resident memory bounded: " + (rssBefore >> 10) + " MB before, peak "
                    + (rssPeak >> 10) + " MB");
            assertTrue(ended, "SIGTERM ends the node within 20 s");
            String stderr = Files.readString(log);
            assertFalse(stderr.contains("fatal"), stderr);
            long guardLines = stderr.lines().filter(l -> l.contains("HandshakeGuard")).count();
            assertTrue(stderr.contains("closed during its handshake") && guardLines <= 6,
                    "failed handshakes logged, at most one line per 10 s: " + guardLines + " lines for 212 failures");
        } finally {
            for (Socket s : hostile) s.close();
            node.destroyForcibly();
        }
    }

    private void assertPsAnswers(Process node, Path log, String endpoint, Path secret, String when) throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = Monkey.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("node", "ps", "--at", endpoint, "--secret", secret.toString());
        if (code != 0 || !out.toString().contains("<victim.")) {
            String state = node.isAlive() ? "alive, RSS " + (statusKb(node, "VmRSS") >> 10) + " MB, peak " + (statusKb(node, "VmHWM") >> 10)
                    + " MB" : "exited with " + node.exitValue();
            List<String> lines = Files.readAllLines(log);
            fail(when + ": node ps got " + out + err + "; the node is " + state + "; its log ends: "
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
        }
    }

    /** Connections that send a ZMTP 3.0 greeting (CURVE) and a command-frame header announcing {@code size} bytes, then nothing. */
    private static List<Socket> connect(InetSocketAddress target, int n, long size) throws Exception {
        byte[] greeting = new byte[64];
        greeting[0] = (byte) 0xff;
        greeting[9] = 0x7f;
        greeting[10] = 3;
        System.arraycopy("CURVE".getBytes(StandardCharsets.US_ASCII), 0, greeting, 12, 5);
        byte[] header = ByteBuffer.allocate(9).put((byte) 0x06).putLong(size).array();
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Socket s = new Socket();
            sockets.add(s);
            s.connect(target, 5000);
            s.getOutputStream().write(greeting);
            s.getOutputStream().write(header);
            s.getOutputStream().flush();
        }
        return sockets;
    }

    /** How many of {@code sockets} the node closes (end of stream or reset) within {@code millis}. */
    private static int droppedWithin(List<Socket> sockets, long millis) throws Exception {
        long deadline = System.nanoTime() + millis * 1_000_000;
        int dropped = 0;
        byte[] buf = new byte[4096];
        for (Socket s : sockets) {
            InputStream in = s.getInputStream();
            while (System.nanoTime() < deadline) {
                s.setSoTimeout((int) Math.max(1, Math.min(500, (deadline - System.nanoTime()) / 1_000_000)));
                try {
                    if (in.read(buf) < 0) {
                        dropped++;
                        break;
                    }
                } catch (SocketTimeoutException e) {
                    // still open
                } catch (java.io.IOException e) {
                    dropped++;
                    break;
                }
            }
        }
        return dropped;
    }

    /** A field of /proc/PID/status in kB (VmRSS: resident now, VmHWM: peak resident). */
    private static long statusKb(Process p, String field) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "status"))) {
            if (line.startsWith(field + ":")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        throw new IllegalStateException(field + " not in /proc/" + p.pid() + "/status");
    }
}
