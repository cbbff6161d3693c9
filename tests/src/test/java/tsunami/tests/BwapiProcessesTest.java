package tsunami.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tsunami.launcher.Monkey;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

/** {@code monkey host} and {@code monkey bot} as two OS processes over BWAPI, against {@code monkey arena} in one. */
class BwapiProcessesTest {
    @TempDir
    Path dir;

    private Process monkey(String log, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Monkey.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(dir.resolve(log).toFile()).start();
    }

    private static String inProcess(String... args) {
        StringWriter out = new StringWriter();
        CommandLine cli = Monkey.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        assertEquals(0, cli.execute(args), out.toString());
        return out.toString();
    }

    @Test
    void aHeuristicBotProcessAgainstTheHostScoresWhatTheArenaScores() throws Exception {
        Process host = monkey("host.log", "host", "--scenario", "3m", "--red", "client:closest", "--blue", "attack-move",
                "--games", "6", "--seed", "5", "--complete-map");
        BufferedReader hostOut = new BufferedReader(new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<List<String>> lines = new CompletableFuture<>();
        Thread.ofPlatform().daemon().start(() -> {
            List<String> all = new ArrayList<>();
            try {
                String line;
                while ((line = hostOut.readLine()) != null) {
                    all.add(line);
                    if (all.size() == 1) lines.obtrudeValue(List.copyOf(all));
                }
                lines.obtrudeValue(all);
            } catch (Exception e) {
                lines.completeExceptionally(e);
            }
        });
        try {
            String first = waitFor(lines, 1).get(0);
            Matcher m = Pattern.compile("server ids \\[(\\d+)]").matcher(first);
            assertTrue(m.find(), first);
            Process bot = monkey("bot.log", "bot", "--heuristic", "attack-closest", "--server", m.group(1));
            assertTrue(host.waitFor(120, TimeUnit.SECONDS), "host finishes");
            assertTrue(bot.waitFor(60, TimeUnit.SECONDS), "bot ends when the host closes");
            assertEquals(0, host.exitValue(), Files.readString(dir.resolve("host.log")));
            assertEquals(0, bot.exitValue(), Files.readString(dir.resolve("bot.log")));
            String botOut = new String(bot.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(botOut.contains("6 game(s) played"), botOut);
            String hosted = String.join("\n", waitFor(lines, 3));
            String arena = inProcess("arena", "--scenario", "3m", "--red", "attack-closest", "--blue", "attack-move", "--games", "6", "--seed", "5");
            Matcher h = Pattern.compile("red closest (\\d+), blue attack-move (\\d+), draws (\\d+)").matcher(hosted);
            assertTrue(h.find(), hosted);
            Matcher a = Pattern.compile("red\\s+\\S+\\s+wins\\s+(\\d+).*blue\\s+\\S+\\s+wins\\s+(\\d+).*draws (\\d+)", Pattern.DOTALL).matcher(arena);
            assertTrue(a.find(), arena);
            assertEquals(a.group(1) + "/" + a.group(2) + "/" + a.group(3), h.group(1) + "/" + h.group(2) + "/" + h.group(3),
                    "same games over BWAPI as in the arena:\n" + hosted + "\n" + arena);
            assertTrue(hosted.contains("commands ignored 0"), hosted);
        } finally {
            host.destroyForcibly();
        }
    }

    private static List<String> waitFor(CompletableFuture<List<String>> lines, int atLeast) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            List<String> l = lines.getNow(List.of());
            if (l.size() >= atLeast) return l;
            Thread.sleep(20);
        }
        fail("the host printed fewer than " + atLeast + " lines: " + lines.getNow(List.of()));
        return List.of();
    }

    @Test
    void badFlagsAreRefusedWithTheirName() {
        StringWriter err = new StringWriter();
        CommandLine cli = Monkey.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.setErr(new PrintWriter(err, true));
        assertEquals(2, cli.execute("host", "--scenario", "m5v5", "--red", "no-such-heuristic"));
        assertTrue(err.toString().contains("no-such-heuristic"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, cli.execute("bot", "--heuristic", "attack-closest", "--server", "abc"));
        assertTrue(err.toString().contains("--server"), err.toString());
        err.getBuffer().setLength(0);
        assertEquals(2, cli.execute("host", "--scenario", "m5v5", "--frame-timeout", "0"));
        assertTrue(err.toString().contains("--frame-timeout"), err.toString());
    }
}
