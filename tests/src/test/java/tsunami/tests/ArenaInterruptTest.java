package tsunami.tests;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tsunami.launcher.Monkey;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code monkey arena} with a huge --games in its own JVM: it shows progress, and SIGTERM prints the games played so far. */
class ArenaInterruptTest {
    private static final Pattern PROGRESS = Pattern.compile("games (\\d+)/1000000");

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aSignalPrintsThePartialResultAndExitsNonZero() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m"));
        if (Runtime.version().feature() >= 23) cmd.add("--sun-misc-unsafe-memory-access=allow");
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), Monkey.class.getName(),
                "arena", "--scenario", "m5v5", "--red", "focus-fire", "--blue", "attack-move", "--games", "1000000"));
        Path out = dir.resolve("arena.out"), err = dir.resolve("arena.err");
        Process arena = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        int code;
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!progressShowsGamesDone(err)) {
                assertTrue(arena.isAlive(), "monkey arena exited early: " + Files.readString(err));
                assertTrue(System.nanoTime() < deadline, "no progress with games done within 180 s: " + Files.readString(err));
                Thread.sleep(200);
            }
            arena.destroy(); // SIGTERM, what a supervisor sends; Ctrl-C takes the same path
            assertTrue(arena.waitFor(60, TimeUnit.SECONDS), "monkey arena stopped after the signal");
            code = arena.exitValue();
        } finally {
            arena.destroyForcibly();
        }
        String result = Files.readString(out, StandardCharsets.UTF_8);
        assertNotEquals(0, code, "an interrupted arena does not exit 0");
        Matcher m = Pattern.compile("interrupted after (\\d+) of 1000000 games").matcher(result);
        assertTrue(m.find(), "stdout: " + result + "\nstderr: " + Files.readString(err));
        int played = Integer.parseInt(m.group(1));
        assertTrue(played > 0 && played < 1_000_000, result);
        Matcher total = Pattern.compile("scenario m5v5, (\\d+) games").matcher(result);
        assertTrue(total.find(), result);
        assertEquals(played, Integer.parseInt(total.group(1)), "the result counts the games played: " + result);
        Matcher wins = Pattern.compile("red\\s+focus-fire\\s+wins\\s+(\\d+).*\\n\\s+blue\\s+attack-move\\s+wins\\s+(\\d+).*\\n\\s+draws (\\d+)").matcher(result);
        assertTrue(wins.find(), result);
        assertEquals(played, Integer.parseInt(wins.group(1)) + Integer.parseInt(wins.group(2)) + Integer.parseInt(wins.group(3)), result);
    }

    private static boolean progressShowsGamesDone(Path err) throws Exception {
        if (!Files.exists(err)) return false;
        Matcher m = PROGRESS.matcher(Files.readString(err, StandardCharsets.ISO_8859_1));
        while (m.find()) if (Long.parseLong(m.group(1)) > 0) return true;
        return false;
    }
}
