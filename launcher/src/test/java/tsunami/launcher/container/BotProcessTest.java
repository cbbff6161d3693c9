package tsunami.launcher.container;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BotProcessTest {
    @TempDir
    Path tmp;

    @Test
    void sigtermToTheLauncherLeavesNoBotProcessBehind() throws Exception {
        String label = "tsunami-hook-" + UUID.randomUUID().toString().substring(0, 8);
        Process launcher = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ShutdownHookProbe.class.getName(), label).redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(launcher.getInputStream())).readLine();
            assertNotNull(line, "the probe launcher printed nothing");
            String[] pids = line.trim().split(" ");
            ProcessHandle shell = ProcessHandle.of(Long.parseLong(pids[0])).orElseThrow();
            ProcessHandle sleeper = ProcessHandle.of(Long.parseLong(pids[1])).orElseThrow();
            assertTrue(shell.isAlive() && sleeper.isAlive());
            launcher.destroy();   // SIGTERM: the shutdown hook must kill the bot's tree
            assertTrue(launcher.waitFor(60, TimeUnit.SECONDS), "the launcher did not exit on SIGTERM");
            shell.onExit().get(60, TimeUnit.SECONDS);
            sleeper.onExit().get(60, TimeUnit.SECONDS);
            assertFalse(shell.isAlive() || sleeper.isAlive());
            assertTrue(SandboxMarker.find(label::equals).isEmpty(), "nothing carrying the label may survive");
        } finally {
            launcher.destroyForcibly();
            SandboxMarker.kill(label::equals);
        }
    }

    @Test
    void exitStatusAndStreamsUnderTheCapAreKeptAsWritten() throws Exception {
        try (BotProcess bot = BotProcess.start(List.of("/bin/sh", "-c", "echo out; echo err >&2; exit 3"),
                new BotProcess.Options("tsunami-exit", null, tmp.resolve("o"), tmp.resolve("e"), 1 << 20, Duration.ofMinutes(1), null))) {
            assertEquals(3, bot.onExit().get(60, TimeUnit.SECONDS));
            bot.close();
            assertEquals("out\n", java.nio.file.Files.readString(tmp.resolve("o")), "no note when nothing was discarded");
            assertEquals("err\n", java.nio.file.Files.readString(tmp.resolve("e")));
            assertEquals(0, bot.stdout().discarded());
            assertFalse(bot.wallTimeExceeded());
        }
    }

    @Test
    void closeRunsTheDriversReleaseOnce() throws Exception {
        int[] released = {0};
        BotProcess bot = BotProcess.start(List.of("sleep", "1000"), new BotProcess.Options("tsunami-release", null, tmp.resolve("o"), tmp.resolve("e"),
                1 << 20, null, () -> released[0]++));
        bot.close();
        bot.close();
        assertEquals(1, released[0]);
        assertFalse(bot.isAlive());
    }
}
