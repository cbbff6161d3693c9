package tsunami.tests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tsunami.launcher.Monkey;
import tsunami.launcher.container.NoSandbox;
import tsunami.launcher.match.BotFolders;
import tsunami.launcher.match.BotSpec;
import tsunami.launcher.match.BwapiMatchRunner;
import tsunami.launcher.match.GameOutcome;
import tsunami.launcher.match.MatchSettings;
import tsunami.launcher.match.MatchSummary;

import java.io.File;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** {@code monkey match} end to end: bots as processes, results on disk, misbehaving bots lose with the right reason. */
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

    /** A bot folder whose jar runs {@link HostileBwapiBot} with the given arguments (its manifest points at this test's class path). */
    private BotSpec hostileBot(String name, String... args) throws Exception {
        Path f = Files.createDirectories(dir.resolve(name));
        Files.createDirectories(f.resolve("AI"));
        Files.writeString(f.resolve("bot.json"), "{\"name\": \"" + name + "\", \"race\": \"Terran\", \"botType\": \"JAVA_MIRROR\"}");
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, HostileBwapiBot.class.getName());
        String cp = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(p -> Path.of(p).toUri().toString()).collect(Collectors.joining(" "));
        mf.getMainAttributes().put(Attributes.Name.CLASS_PATH, cp);
        // the jar's arguments come from a file beside it: bot.json has no field for them
        try (OutputStream o = Files.newOutputStream(f.resolve("AI/" + name + ".jar")); JarOutputStream j = new JarOutputStream(o, mf)) {
            j.putNextEntry(new java.util.jar.JarEntry("hostile.args"));
            j.write(String.join(" ", args).getBytes());
            j.closeEntry();
        }
        return BotFolders.parse(f.toString());
    }

    private MatchSummary play(BotSpec hostile, int games) throws Exception {
        MatchSettings s = new MatchSettings("m5v5", games, 1, "none", 1L << 30, Duration.ofSeconds(20));
        return new BwapiMatchRunner(new NoSandbox()).play(hostile, BotFolders.parse("heuristic:attack-move"), s, dir.resolve("out-" + hostile.name()));
    }

    @Test
    void aBotThatCrashesLosesEachGameAndTheMatchGoesOn() throws Exception {
        MatchSummary s = play(hostileBot("Crasher", "crash", "20"), 2);
        assertEquals(2, s.games());
        assertEquals(2, s.bWins());
        for (GameOutcome o : s.outcomes()) {
            assertEquals(GameOutcome.Reason.CRASHED, o.reason());
            assertEquals("Crasher", o.loser());
        }
        for (int g = 1; g <= 2; g++) assertTrue(Files.exists(dir.resolve("out-Crasher").resolve(String.format("game-%04d", g)).resolve("result.json")));
    }

    @Test
    void aBotThatLeavesLosesByLeaving() throws Exception {
        MatchSummary s = play(hostileBot("Leaver", "leave", "5"), 1);
        assertEquals(GameOutcome.Reason.LEFT_GAME, s.outcomes().get(0).reason());
        assertEquals("attack-move", s.outcomes().get(0).winner());
    }

    @Test
    void aBotThatHangsInAFrameLosesAfterTenSeconds() throws Exception {
        MatchSummary s = play(hostileBot("Hanger", "hang", "10"), 1);
        assertEquals(GameOutcome.Reason.FRAME_OVER_10S, s.outcomes().get(0).reason());
        assertEquals("Hanger", s.outcomes().get(0).loser());
    }
}
