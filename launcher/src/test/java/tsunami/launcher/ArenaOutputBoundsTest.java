package tsunami.launcher;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.ToLongFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code arena --games} is bounded, and {@code --replay} says what it will write and refuses what cannot fit. */
class ArenaOutputBoundsTest {
    @TempDir
    Path dir;

    private final ToLongFunction<Path> realSpace = ArenaCommand.usableSpace;
    private final PrintStream realErr = System.err;

    @AfterEach
    void restore() {
        ArenaCommand.usableSpace = realSpace;
        System.setErr(realErr);
    }

    @Test
    void tooManyGamesAreRefused() {
        CliRun r = CliRun.of("arena", "--scenario", "m5v5", "--red", "attack-move", "--blue", "attack-move", "--games", "10000001");
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("--games must be 1..10000000, got 10000001"), r.err());
    }

    @Test
    void replaysThatCannotFitAreRefusedBeforeAnythingIsWritten() throws Exception {
        Path replays = dir.resolve("replays");
        ArenaCommand.usableSpace = p -> 100_000; // a nearly full disk
        String err = stderrOf(() -> {
            CliRun r = CliRun.of("arena", "--scenario", "m5v5", "--red", "attack-move", "--blue", "attack-move", "--games", "1000",
                    "--replay", replays.toString());
            assertNotEquals(0, r.exitCode());
            assertTrue(r.err().contains("more than the 97.7 KiB usable there"), r.err());
        });
        assertTrue(err.contains("--replay will write 1000 files, about"), err);
        assertFalse(Files.exists(replays), "nothing written, not even the folder");
    }

    @Test
    void replaysThatFitAreAnnouncedAndWritten() throws Exception {
        Path replays = dir.resolve("replays");
        ArenaCommand.usableSpace = p -> 1L << 40;
        String err = stderrOf(() -> {
            CliRun r = CliRun.of("arena", "--scenario", "m5v5", "--red", "attack-move", "--blue", "attack-move", "--games", "3",
                    "--replay", replays.toString());
            assertEquals(0, r.exitCode(), r.err());
        });
        assertTrue(err.contains("--replay will write 3 files, about"), err);
        try (var files = Files.list(replays)) {
            assertEquals(3, files.count());
        }
    }

    @Test
    void aReplayFolderThatIsAFileIsRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        CliRun r = CliRun.of("arena", "--scenario", "m5v5", "--red", "attack-move", "--blue", "attack-move", "--games", "2",
                "--replay", file.toString());
        assertNotEquals(0, r.exitCode());
        assertTrue(r.err().contains("is not a folder"), r.err());
    }

    private String stderrOf(Runnable body) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
        try {
            body.run();
        } finally {
            System.setErr(realErr);
        }
        return buf.toString(StandardCharsets.UTF_8);
    }
}
