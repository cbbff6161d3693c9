package tsunami.launcher;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The arena's commands end to end: heuristics list, arena (with replays), replay to HTML and PNG. */
class ArenaCommandsTest {
    @TempDir
    Path dir;

    @Test
    void heuristicsListShowsTheBuiltIns() {
        CliRun r = CliRun.of("heuristics", "list");
        assertEquals(0, r.exitCode(), r.err());
        for (String h : List.of("attack-closest", "attack-weakest", "weakest-closest", "no-overkill-no-change", "attack-move", "focus-fire", "kiting")) {
            assertTrue(r.out().contains(h), h);
        }
    }

    @Test
    void arenaPrintsWinRatesAndJsonAndRecordsReplays() throws Exception {
        Path replays = dir.resolve("replays");
        CliRun r = CliRun.of("arena", "--scenario", "m5v5", "--red", "focus-fire", "--blue", "attack-move", "--games", "20", "--seed", "3",
                "--json", "--replay", replays.toString());
        assertEquals(0, r.exitCode(), r.err());
        String[] lines = r.out().strip().split("\n");
        String json = lines[lines.length - 1];
        assertTrue(json.startsWith("{\"scenario\":\"m5v5\"") && json.contains("\"games\":20") && json.contains("\"red_win_rate\":"), json);
        assertTrue(r.out().contains("95% CI"), r.out());
        List<Path> files;
        try (Stream<Path> s = Files.list(replays)) {
            files = s.sorted().toList();
        }
        assertEquals(20, files.size());

        Path html = dir.resolve("view/game.html");
        CliRun h = CliRun.of("replay", files.get(0).toString(), "--html", html.toString());
        assertEquals(0, h.exitCode(), h.err());
        assertTrue(Files.readString(html).contains("<canvas"));
        Path png = dir.resolve("game.png");
        CliRun p = CliRun.of("replay", files.get(0).toString(), "--png", png.toString());
        assertEquals(0, p.exitCode(), p.err());
        assertNotNull(javax.imageio.ImageIO.read(png.toFile()));
    }

    @Test
    void badInputGetsExitCode2AndANamedError() throws Exception {
        CliRun unknown = CliRun.of("arena", "--scenario", "m5v5", "--red", "nope", "--blue", "attack-move", "--games", "1");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("unknown heuristic 'nope'") && unknown.err().contains("attack-closest"), unknown.err());

        Path bad = Files.writeString(dir.resolve("bad.tsr"), "garbage that is not a replay");
        CliRun corrupt = CliRun.of("replay", bad.toString(), "--png", dir.resolve("x.png").toString());
        assertEquals(2, corrupt.exitCode());
        assertTrue(corrupt.err().contains("bad.tsr"), corrupt.err());

        Path scenario = Files.writeString(dir.resolve("s.yaml"), "name: s\nmap: {width: 640, height: 480}\nred:\n  - {type: Marine, count: 1, x: 10, y: 10}\nblue:\n  - {type: Terran_Marine, count: 1, x: 600, y: 10}\n");
        CliRun sc = CliRun.of("arena", "--scenario", scenario.toString(), "--red", "attack-move", "--blue", "attack-move", "--games", "1");
        assertEquals(2, sc.exitCode());
        assertTrue(sc.err().contains("s.yaml:4") && sc.err().contains("Terran_Marine"), sc.err());
    }
}
