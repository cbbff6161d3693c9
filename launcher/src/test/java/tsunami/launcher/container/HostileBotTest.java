package tsunami.launcher.container;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Hostile bots, written as shell scripts, run for real in each sandboxing driver this machine has;
 * each test checks the containment itself (the host listener got no connection, the file is not
 * on the host, the fork loop stopped at the limit...), and that the script did run.
 */
class HostileBotTest {
    @TempDir
    Path tmp;

    /** The drivers that contain; each test skips, saying why, where one cannot run here. */
    static Stream<Named<ContainerDriver>> containing() {
        return Stream.of(new BwrapDriver(), new PodmanDriver(), new ApptainerDriver()).map(d -> Named.of(d.name(), d));
    }

    private Path botA;
    private Path botB;

    private record Run(BotProcess bot, int exit, String out, String err) {
    }

    private static void assumeAvailable(ContainerDriver d) {
        assumeTrue(d.available(), () -> d.name() + " cannot run here: " + ContainerDrivers.whyUnavailable(d) + "; its real-run tests are skipped");
    }

    private Sandbox sandbox(long memory, int processes) throws IOException {
        botA = tmp.resolve("botA");
        botB = tmp.resolve("botB");
        for (Path bot : List.of(botA, botB))
            for (String dir : List.of("AI", "read", "write")) Files.createDirectories(bot.resolve(dir));
        Files.writeString(botA.resolve("AI/own.txt"), "own-ai-file");
        String label = "tsunami-test-" + UUID.randomUUID().toString().substring(0, 8);
        return new Sandbox(label, botA.resolve("AI"), List.of(botA.resolve("AI"), botA.resolve("read")), List.of(botA.resolve("write")), memory, processes);
    }

    private Run run(ContainerDriver d, Sandbox s, String script, Duration wallTime, long logCap) throws Exception {
        Path logs = tmp.resolve("logs-" + s.label());
        BotProcess bot = BotProcess.start(d.command(s, List.of("/bin/sh", "-c", script)), new BotProcess.Options(s.label(), s.workDir(),
                logs.resolve("stdout.txt"), logs.resolve("stderr.txt"), logCap, wallTime, () -> d.release(s)));
        try (bot) {
            int exit = bot.waitFor(Duration.ofMinutes(2)).orElseThrow(() -> new AssertionError("the bot did not end within 2 minutes"));
            bot.close();   // ends the logs
            return new Run(bot, exit, Files.readString(bot.stdout().file()), Files.readString(bot.stderr().file()));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containing")
    void cannotReachTheHostsLoopbackOrResolveNames(ContainerDriver d) throws Exception {
        assumeAvailable(d);
        try (ServerSocket server = new ServerSocket()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = server.getLocalPort();
            Run r = run(d, sandbox(256L << 20, 64), "if bash -c 'echo hello > /dev/tcp/127.0.0.1/" + port + "'; then echo CONNECTED; else echo REFUSED; fi; "
                    + "if getent hosts deb.debian.org; then echo RESOLVED; else echo UNRESOLVED; fi", Duration.ofMinutes(1), 1 << 20);
            assertTrue(r.out().contains("REFUSED"), () -> "the connect attempt should have failed: " + r);
            assertFalse(r.out().contains("CONNECTED"), r::toString);
            // A connection that had succeeded would be waiting in the backlog: the script has ended.
            server.setSoTimeout(1);
            assertThrows(SocketTimeoutException.class, server::accept, "the host's listener must have received no connection");
            assertTrue(r.out().contains("UNRESOLVED"), () -> "name resolution should fail inside: " + r);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containing")
    void writesOnlyToWriteDirAndItsPrivateTmp(ContainerDriver d) throws Exception {
        assumeAvailable(d);
        Sandbox s = sandbox(256L << 20, 64);
        String tag = UUID.randomUUID().toString();
        Path hostTmp = Path.of("/tmp", "tsunami-escape-" + tag);
        Path usr = Path.of("/usr", "tsunami-escape-" + tag);
        String script = String.join("; ",
                "echo ok > " + botA.resolve("write/ok.txt"),
                "echo evil > " + botA.resolve("AI/evil.txt") + " || echo AI-DENIED",
                "echo evil > " + botA.resolve("read/evil.txt") + " || echo READ-DENIED",
                "echo evil > " + usr + " || echo USR-DENIED",
                "echo private > " + hostTmp + " && echo TMP-WRITTEN",
                "echo evil > " + botA.resolve("evil.txt") + " 2>/dev/null; true");
        try {
            Run r = run(d, s, script, Duration.ofMinutes(1), 1 << 20);
            assertEquals("ok\n", Files.readString(botA.resolve("write/ok.txt")), () -> "write/ must be writable: " + r);
            assertTrue(r.out().contains("AI-DENIED") && r.out().contains("READ-DENIED") && r.out().contains("USR-DENIED"), r::toString);
            assertFalse(Files.exists(botA.resolve("AI/evil.txt")));
            assertFalse(Files.exists(botA.resolve("read/evil.txt")));
            assertFalse(Files.exists(botA.resolve("evil.txt")), "the bot folder itself is not bound");
            assertFalse(Files.exists(usr));
            assertTrue(r.out().contains("TMP-WRITTEN"), () -> "/tmp inside must be writable: " + r);
            assertFalse(Files.exists(hostTmp), "/tmp inside must be private to the sandbox");
        } finally {
            Files.deleteIfExists(hostTmp);
            Files.deleteIfExists(usr);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containing")
    void cannotReadAnotherBotsFolder(ContainerDriver d) throws Exception {
        assumeAvailable(d);
        Sandbox s = sandbox(256L << 20, 64);
        String secret = "SECRET-" + UUID.randomUUID();
        Files.writeString(botB.resolve("AI/secret.txt"), secret);
        Files.writeString(botB.resolve("write/notes.txt"), secret);
        Run r = run(d, s, "cat own.txt; echo; cat " + botB.resolve("AI/secret.txt") + " " + botB.resolve("write/notes.txt")
                + "; ls " + botB + " || echo LS-DENIED", Duration.ofMinutes(1), 1 << 20);
        assertTrue(r.out().contains("own-ai-file"), () -> "its own AI/ must be readable (and the working directory): " + r);
        assertFalse(r.out().contains(secret) || r.err().contains(secret), () -> "another bot's files leaked: " + r);
        assertTrue(r.out().contains("LS-DENIED"), r::toString);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containing")
    void forkBombStopsAtTheProcessLimit(ContainerDriver d) throws Exception {
        assumeAvailable(d);
        int limit = 32;
        // Every child sleeps on, so each loop turn holds one more process until fork fails.
        Run r = run(d, sandbox(256L << 20, limit), "i=0; while sleep 1000 & do i=$((i+1)); echo $i; [ $i -ge 2000 ] && break; done; echo SPAWNED-ALL",
                Duration.ofMinutes(1), 1 << 20);
        assertFalse(r.out().contains("SPAWNED-ALL"), () -> "the loop should have hit the process limit: " + r.err());
        List<String> counts = r.out().lines().filter(l -> !l.isBlank()).toList();
        assertFalse(counts.isEmpty(), () -> "the script did not run: " + r);
        int reached = Integer.parseInt(counts.get(counts.size() - 1).trim());
        assertTrue(reached < limit, () -> "spawned " + reached + " processes under a limit of " + limit);
        assertFalse(r.bot().wallTimeExceeded(), "the sandbox should end when its shell fails to fork, not at its wall time");
        assertTrue(SandboxMarker.find(s -> s.equals(r.bot().label())).isEmpty(), "no sleeper may outlive the sandbox");
        // the host still starts processes
        assertEquals(0, new ProcessBuilder("true").start().waitFor());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containing")
    void allocatingBeyondTheMemoryLimitFails(ContainerDriver d) throws Exception {
        assumeAvailable(d);
        // 256 MiB held in a shell variable under a 64 MiB limit.
        Run r = run(d, sandbox(64L << 20, 64), "x=$(head -c 268435456 /dev/zero | tr '\\0' a); echo ALLOCATED ${#x}", Duration.ofMinutes(1), 1 << 20);
        assertFalse(r.out().contains("ALLOCATED 268435456"), () -> "the allocation should have been stopped: " + r);
        assertNotEquals(0, r.exit(), r::toString);
    }

    /** The containing drivers and none: what the supervisor does itself (logs, wall time, tree kill) holds in all. */
    static Stream<Named<ContainerDriver>> every() {
        return Stream.concat(containing(), Stream.of(Named.of("none", new NoSandbox())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every")
    void floodedStdoutIsCapped(ContainerDriver d) throws Exception {
        assumeAvailable(d);
        long total = 20_000_000, cap = 1 << 20;
        Run r = run(d, sandbox(256L << 20, 64), "head -c " + total + " /dev/zero; echo END-OF-FLOOD >&2", Duration.ofMinutes(1), cap);
        assertEquals(0, r.exit(), r::toString);
        assertEquals(cap, r.bot().stdout().written());
        assertEquals(total - cap, r.bot().stdout().discarded());
        String note = r.out().substring((int) cap);
        assertTrue(note.contains("[tsunami: " + (total - cap) + " bytes of stdout discarded beyond the cap of " + cap + " bytes]"), note);
        assertTrue(r.err().startsWith("END-OF-FLOOD"), "stderr is captured on its own: " + r.err());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every")
    void wallTimeKillsTheWholeTreeEscapedDaemonsIncluded(ContainerDriver d) throws Exception {
        assumeAvailable(d);
        Sandbox s = sandbox(256L << 20, 64);
        // A daemon that leaves the tree (setsid, double fork), then a sleep past the wall time.
        Run r = run(d, s, "(setsid sleep 1000 &); sleep 1000 & wait", Duration.ofSeconds(2), 1 << 20);
        assertTrue(r.bot().wallTimeExceeded(), r::toString);
        assertEquals(128 + 9, r.exit(), "killed by SIGKILL");
        assertTrue(SandboxMarker.find(label -> label.equals(s.label())).isEmpty(), "nothing carrying the label may survive");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("every")
    void leftoversOfAHardKilledLauncherAreRemovedByLabel(ContainerDriver d) throws Exception {
        assumeAvailable(d);
        Sandbox s = sandbox(256L << 20, 64);
        Path logs = tmp.resolve("leftover");
        // Started and never closed: what a launcher killed by SIGKILL leaves, as far as the next launcher can tell.
        BotProcess bot = BotProcess.start(d.command(s, List.of("/bin/sh", "-c", "echo up; sleep 1000")),
                new BotProcess.Options(s.label(), null, logs.resolve("out"), logs.resolve("err"), 1 << 20, null, null));
        try {
            waitUntil(() -> Files.exists(logs.resolve("out")) && readQuietly(logs.resolve("out")).contains("up"), "the bot to start");
            d.removeLeftovers(s.label().substring(0, "tsunami-test-".length()));
            assertTrue(bot.waitFor(Duration.ofSeconds(60)).isPresent(), "removeLeftovers should have ended the bot");
            assertTrue(SandboxMarker.find(label -> label.equals(s.label())).isEmpty());
            if (d instanceof PodmanDriver) {
                var ps = Tools.run(Duration.ofSeconds(30), List.of("podman", "--cgroup-manager=cgroupfs", "--events-backend=file", "ps", "-a",
                        "--filter", "label=" + PodmanDriver.LABEL_KEY + "=" + s.label(), "--format", "{{.ID}}"));
                assertEquals("", ps.output().trim(), "the container should be gone");
            }
        } finally {
            bot.close();
        }
    }

    private static String readQuietly(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            return "";
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("timed out waiting for " + what);
            Thread.sleep(10);   // polling the condition, not waiting for it to happen by itself
        }
    }
}
