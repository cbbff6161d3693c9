package tsunami.tests;

import tsunami.launcher.Monkey;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code monkey node --name NAME} in its own JVM on a free loopback port, its stderr in {@code log}.
 *
 * @param listening the line it printed once it listened
 */
record MonkeyNodeProcess(Process process, int port, String endpoint, Path log, String listening) {
    /** Starts the node with heap limit {@code xmx} (e.g. "-Xmx256m") and waits until it listens. */
    static MonkeyNodeProcess start(Path dir, String name, String xmx, Path secret) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String endpoint = "tcp://127.0.0.1:" + port;
        Path log = dir.resolve(name + ".log");
        Process node = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), xmx,
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Monkey.class.getName(),
                "node", "--name", name, "--listen", endpoint, "--secret", secret.toString())
                .redirectError(log.toFile()).start();
        CompletableFuture<String> listening = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) if (line.startsWith("node " + name + " listening on")) listening.complete(line);
                listening.completeExceptionally(new IllegalStateException("monkey node " + name + " exited"));
            } catch (Exception e) {
                listening.completeExceptionally(e);
            }
        });
        try {
            return new MonkeyNodeProcess(node, port, endpoint, log, listening.get(60, TimeUnit.SECONDS));
        } catch (Exception e) {
            node.destroyForcibly();
            throw e;
        }
    }
}
