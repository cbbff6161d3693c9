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

import static org.junit.jupiter.api.Assertions.*;

/** {@code monkey match} end to end through the command line: bots as processes, sides alternating, every game on disk. (Misbehaving bots: ContainedMatchTest.) */
class MatchTest {
    @TempDir
    Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void twoHeuristicBotsPlayAMatchWithSidesAlternatingAndEveryGameRecorded() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = Monkey.commandLine();
        cli.setOut(new PrintWriter(out, true));
        Path m = dir.resolve("m");
        assertEquals(0, cli.execute("match", "heuristic:hold-focus", "heuristic:attack-move", "--scenario", "m5v5", "--games", "4",
                "--container", "none", "--out", m.toString(), "--json"), out.toString());
        String last = out.toString().strip().lines().reduce((x, y) -> y).orElseThrow();
        JsonNode summary = JSON.readTree(last);
        assertEquals(4, summary.get("games").asInt());
        assertEquals(4, summary.get("a_wins").asInt() + summary.get("b_wins").asInt() + summary.get("draws").asInt());
        int aWins = 0;
        for (int g = 1; g <= 4; g++) {
            Path game = m.resolve(String.format("game-%04d", g));
            JsonNode r = JSON.readTree(game.resolve("result.json").toFile());
            assertEquals(g % 2 == 1 ? "hold-focus" : "attack-move", r.get("red").asText(), "sides alternate");
            assertTrue(Files.size(game.resolve("replay.tsr")) > 0);
            assertEquals(2, r.get("bots").size());
            assertTrue(r.get("bots").get(0).get("frames").asInt() > 0);
            if ("hold-focus".equals(r.get("winner").asText(null))) aWins++;
        }
        assertEquals(summary.get("a_wins").asInt(), aWins, "the summary counts what the game records say");
    }
}
