package tsunami.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tsunami.launcher.Monkey;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** {@code monkey tournament} with the real match runner: three bots, matches in parallel, every game on record. */
class TournamentTest {
    @TempDir
    Path dir;

    @Test
    void aRoundRobinOfThreeBotsPlaysEveryGameAndReportsIt() throws Exception {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cli = Monkey.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        Path t = dir.resolve("t");
        assertEquals(0, cli.execute("tournament", "heuristic:hold-focus", "heuristic:attack-move", "heuristic:kiting",
                "--scenario", "m5v5", "--games-per-pair", "2", "--parallel", "2", "--container", "none", "--out", t.toString()), err.toString());
        for (String f : new String[]{"tournament.md", "tournament.html", "tournament.png"}) assertTrue(Files.size(t.resolve(f)) > 0, f);
        // every game of the 3 pairs has its own result on disk
        long results;
        try (Stream<Path> s = Files.walk(t)) {
            results = s.filter(p -> p.getFileName().toString().equals("result.json")).count();
        }
        assertEquals(6, results);
        ObjectMapper json = new ObjectMapper();
        int games = 0;
        try (Stream<Path> s = Files.walk(t)) {
            for (Path p : (Iterable<Path>) s.filter(p -> p.getFileName().toString().equals("result.json"))::iterator) {
                JsonNode r = json.readTree(p.toFile());
                assertNotNull(r.get("reason").asText(null));
                games++;
            }
        }
        assertEquals(6, games);
        assertTrue(out.toString().contains("| **hold-focus** |"), out.toString());
        // the status file, stopped: every match this run played, each with both bots' processes and each game's reason
        JsonNode status = json.readTree(t.resolve("status.json").toFile());
        assertEquals("stopped", status.path("state").asText());
        assertEquals("tournament", status.path("command").asText());
        assertEquals(6, status.path("matches_done").asInt(), status.toString());
        assertEquals(6, status.path("matches_planned").asInt());
        assertEquals(6, status.path("games_done").asInt());
        assertEquals(6, status.path("matches").size(), "a match per pair and side");
        for (JsonNode m : status.path("matches")) {
            assertEquals("finished", m.path("state").asText(), m.toString());
            assertTrue(Files.isDirectory(t.resolve(m.path("dir").asText())), m.toString());
            assertEquals(2, m.path("processes").size(), m.toString());
            for (JsonNode p : m.path("processes")) {
                assertEquals("exited", p.path("state").asText(), p.toString());
                assertEquals("session_over", p.path("reason").asText(), p.toString());
            }
            assertEquals(1, m.path("results").size());
            assertFalse(m.path("results").path(0).path("reason").asText().isEmpty(), m.toString());
        }
    }
}
