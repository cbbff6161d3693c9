package tsunami.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tsunami.launcher.Monkey;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** {@code monkey node} in its own JVM and {@code monkey node ps --at} against it; bad flags are refused with exit code 2. */
class NodeCommandTest {
    @TempDir
    Path dir;

    @Test
    void nodeRunsAndPsListsItsProcesses() throws Exception {
        Path secret = dir.resolve("cluster.secret");
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String endpoint = "tcp://127.0.0.1:" + port;
        Process node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Monkey.class.getName(),
                "node", "--name", "cli1", "--listen", endpoint, "--secret", secret.toString())
                .redirectError(dir.resolve("node.log").toFile()).start();
        try {
            CompletableFuture<String> listening = new CompletableFuture<>();
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) if (line.startsWith("node cli1 listening on")) listening.complete(line);
                    listening.completeExceptionally(new IllegalStateException("monkey node exited"));
                } catch (Exception e) {
                    listening.completeExceptionally(e);
                }
            });
            assertEquals("node cli1 listening on " + endpoint, listening.get(60, TimeUnit.SECONDS));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)), "secret created owner-only");

            StringWriter out = new StringWriter();
            CommandLine cli = Monkey.commandLine();
            cli.setOut(new PrintWriter(out));
            int code = cli.execute("node", "ps", "--at", endpoint, "--secret", secret.toString());
            assertEquals(0, code, out.toString());
            assertTrue(out.toString().startsWith("node cli1 at " + endpoint), out.toString());
            assertTrue(out.toString().contains("<cli1."), "lists processes of cli1: " + out);
        } finally {
            node.destroy(); // SIGTERM: the node leaves the cluster and shuts down
            assertTrue(node.waitFor(20, TimeUnit.SECONDS));
        }
    }

    @Test
    void badFlagsAreRefusedWithTheirName() {
        for (List<String> args : List.of(
                List.of("node", "--name", "x", "--join", "no-at-sign", "--secret", dir.resolve("s").toString()),
                List.of("node", "--name", "x", "--listen", "udp://127.0.0.1:1", "--secret", dir.resolve("s").toString()),
                List.of("node", "--listen", "tcp://127.0.0.1:0"),
                List.of("node", "ps", "--at", "127.0.0.1:5", "--secret", dir.resolve("s").toString()))) {
            StringWriter err = new StringWriter();
            CommandLine cli = Monkey.commandLine();
            cli.setErr(new PrintWriter(err));
            assertEquals(2, cli.execute(args.toArray(String[]::new)), args.toString());
            assertTrue(err.toString().contains("monkey node"), err.toString());
        }
    }
}
