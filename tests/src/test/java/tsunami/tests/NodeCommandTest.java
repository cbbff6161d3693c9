package tsunami.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tsunami.launcher.Monkey;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/** {@code monkey node} in its own JVM and {@code monkey node ps --at} against it; bad flags are refused with exit code 2. */
class NodeCommandTest {
    @TempDir
    Path dir;

    @Test
    void nodeRunsAndPsListsItsProcesses() throws Exception {
        Path secret = dir.resolve("cluster.secret");
        MonkeyNodeProcess started = MonkeyNodeProcess.start(dir, "cli1", "-Xmx256m", secret);
        Process node = started.process();
        String endpoint = started.endpoint();
        try {
            assertEquals("node cli1 listening on " + endpoint, started.listening());
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
