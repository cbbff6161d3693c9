package tsunami.launcher.match;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tsunami.launcher.Monkey;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code monkey tournament} through the real command line with a scripted match runner
 * ({@link ScriptedMatches}): flags, bad input, the reports it writes. Games themselves are the
 * runner's business and are tested with it.
 */
class TournamentCommandTest {
    @TempDir
    Path tmp;

    private static final Set<String> KNOWN = Set.of("a", "bb", "ccc", "attack-move");

    record Run(int code, String out, String err, ScriptedMatches.Runner runner) {
    }

    private static Run monkey(String... args) {
        ScriptedMatches.Runner runner = new ScriptedMatches.Runner();
        CommandLine.IFactory factory = new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                if (cls == TournamentCommand.class) return cls.cast(new TournamentCommand(a -> ScriptedMatches.parse(a, KNOWN), () -> runner));
                return CommandLine.defaultFactory().create(cls);
            }
        };
        CommandLine cli = Monkey.commandLine(factory);
        StringWriter out = new StringWriter(), err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(args);
        return new Run(code, out.toString(), err.toString(), runner);
    }

    @Test
    void aTournamentWritesTheCrosstableAndRatingsAsMarkdownHtmlAndPng() throws IOException {
        Path out = tmp.resolve("t");
        Run r = monkey("tournament", "heuristic:a", "heuristic:bb", "heuristic:ccc", "--scenario", "m5v5", "--games-per-pair", "4",
                "--parallel", "2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(6, r.runner().calls.size());
        assertTrue(r.out().contains("matches 6/6  games 12/12"), r.out());
        String md = Files.readString(out.resolve("tournament.md"));
        // name length is strength in the script: ccc > bb > a, each winning 3 of 4 against a weaker bot
        assertTrue(md.contains("| **heuristic:ccc** | · | 3–0–1 | 3–0–1 | 75.0% |"), md);
        assertTrue(md.contains("| **heuristic:a** | 1–0–3 | 1–0–3 | · | 25.0% |"), md);
        assertTrue(md.indexOf("| 1 | heuristic:ccc |") < md.indexOf("| 2 | heuristic:bb |"), md);
        assertTrue(md.contains("| 2 | heuristic:bb | +0 |"), "the middle bot of a symmetric field sits at the mean: " + md);
        assertTrue(md.contains("12 of 12 games played"), md);
        String html = Files.readString(out.resolve("tournament.html"));
        assertTrue(html.contains("<td style=\"background:#") && html.contains("3–0–1</td>"), html);
        BufferedImage png = ImageIO.read(out.resolve("tournament.png").toFile());
        assertEquals(960, png.getWidth());
        assertTrue(Files.readString(out.resolve("tournament.json")).contains("\"gamesPerPair\" : 4"));
    }

    @Test
    void resumeWithOtherSettingsIsRefusedAndWithTheSameReplaysNothing() {
        Path out = tmp.resolve("t");
        assertEquals(0, monkey("tournament", "heuristic:a", "heuristic:bb", "--scenario", "m5v5", "--games-per-pair", "2", "--seed", "9",
                "--out", out.toString()).code());
        Run other = monkey("tournament", "heuristic:a", "heuristic:bb", "--scenario", "m5v5", "--games-per-pair", "3", "--out", out.toString(), "--resume");
        assertEquals(2, other.code());
        assertTrue(other.err().contains("games per pair 2 there, 3 here"), other.err());
        assertFalse(other.err().contains("seed"), "the saved seed is used when --seed is left out: " + other.err());
        Run same = monkey("tournament", "heuristic:a", "heuristic:bb", "--scenario", "m5v5", "--games-per-pair", "2", "--out", out.toString(), "--resume");
        assertEquals(0, same.code(), same.err());
        assertEquals(0, same.runner().calls.size());
        Run fresh = monkey("tournament", "heuristic:a", "heuristic:bb", "--scenario", "m5v5", "--out", out.toString());
        assertEquals(2, fresh.code());
        assertTrue(fresh.err().contains("already holds a tournament"), fresh.err());
    }

    @Test
    void badInputIsRefusedWithExitCode2AndAMessageNamingIt() {
        String out = tmp.resolve("bad").toString();
        expectBad("at least 2 bots", "tournament", "heuristic:a", "--scenario", "m5v5", "--out", out);
        expectBad("unknown bot heuristic:zzz", "tournament", "heuristic:a", "heuristic:zzz", "--scenario", "m5v5", "--out", out);
        expectBad("two bots are named heuristic:a", "tournament", "heuristic:a", "heuristic:bb", "heuristic:a", "--scenario", "m5v5", "--out", out);
        expectBad("--games-per-pair must be 1..1000000, got 0", "tournament", "heuristic:a", "heuristic:bb", "--scenario", "m5v5",
                "--games-per-pair", "0", "--out", out);
        expectBad("--parallel must be 1..1024, got -1", "tournament", "heuristic:a", "heuristic:bb", "--scenario", "m5v5", "--parallel", "-1", "--out", out);
        expectBad("--resume needs --out", "tournament", "heuristic:a", "heuristic:bb", "--scenario", "m5v5", "--resume");
        assertFalse(Files.exists(tmp.resolve("bad")), "refused input writes nothing");
    }

    private static void expectBad(String message, String... args) {
        Run r = monkey(args);
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains(message), "expected '" + message + "' in: " + r.err());
        assertEquals(0, r.runner().calls.size());
    }
}
