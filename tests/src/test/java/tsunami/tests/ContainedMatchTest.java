package tsunami.tests;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import tsunami.launcher.container.ContainerDriver;
import tsunami.launcher.container.ContainerDrivers;
import tsunami.launcher.match.BotFolders;
import tsunami.launcher.match.BotSpec;
import tsunami.launcher.match.BwapiMatchRunner;
import tsunami.launcher.match.GameOutcome;
import tsunami.launcher.match.MatchSettings;
import tsunami.launcher.match.MatchStatus;
import tsunami.launcher.match.MatchSummary;

import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A third-party bot folder (a jar that finds its game through BWAPI's game table, as JBWAPI does)
 * plays a match in each container driver this machine has: it sees only its own game's table row,
 * shared memory and socket, bound into its sandbox.
 */
class ContainedMatchTest {
    @TempDir
    Path dir;

    /** A self-contained bot folder: the jar holds HostileBwapiBot, AI/lib/ the classes it needs (nothing outside the folder). */
    private BotSpec jarBot(String name, String mode) throws Exception {
        return jarBot(name, mode, -1);
    }

    private BotSpec jarBot(String name, String mode, int atFrame) throws Exception {
        Path f = Files.createDirectories(dir.resolve(name));
        Path lib = Files.createDirectories(f.resolve("AI/lib"));
        Files.writeString(f.resolve("bot.json"), "{\"name\": \"" + name + "\", \"race\": \"Terran\", \"botType\": \"JAVA_JNI\"}");
        List<String> classPath = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            String n = p.toString();
            boolean needed = n.contains("bots") || n.contains("tsunami-engine") || n.contains("slf4j-api");
            if (!needed || n.contains("test-classes")) continue;
            Path dst = lib.resolve(classPath.size() + "-" + p.getFileName());
            if (Files.isDirectory(p)) copyTree(p, dst);
            else Files.copy(p, dst, StandardCopyOption.REPLACE_EXISTING);
            classPath.add("lib/" + dst.getFileName() + (Files.isDirectory(p) ? "/" : ""));
        }
        Manifest mf = new Manifest();
        mf.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        mf.getMainAttributes().put(Attributes.Name.MAIN_CLASS, HostileBwapiBot.class.getName());
        mf.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
        String cls = HostileBwapiBot.class.getName().replace('.', '/');
        Path classes = Path.of(HostileBwapiBot.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        try (OutputStream o = Files.newOutputStream(f.resolve("AI/" + name + ".jar")); JarOutputStream j = new JarOutputStream(o, mf)) {
            try (Stream<Path> s = Files.list(classes.resolve(cls).getParent())) {
                for (Path c : (Iterable<Path>) s::iterator) {
                    String entry = classes.relativize(c).toString();
                    if (!entry.startsWith(cls)) continue;   // HostileBwapiBot and its inner classes
                    j.putNextEntry(new JarEntry(entry));
                    j.write(Files.readAllBytes(c));
                    j.closeEntry();
                }
            }
            j.putNextEntry(new JarEntry("hostile.args"));
            j.write((mode + " " + atFrame).getBytes());
            j.closeEntry();
        }
        return BotFolders.parse(f.toString());
    }

    private static void copyTree(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path d = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(d);
                else Files.copy(p, d, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bwrap", "podman", "apptainer"})
    void aThirdPartyJarBotPlaysAMatchInItsContainer(String driverName) throws Exception {
        ContainerDriver driver = driver(driverName);
        BotSpec bot = jarBot("Jarbot", "play");
        MatchSettings s = new MatchSettings("m5v5", 2, 1, driverName, 1L << 30, Duration.ofSeconds(60));
        Path out = dir.resolve("out");
        MatchSummary m = new BwapiMatchRunner(driver).play(bot, BotFolders.parse("heuristic:attack-move"), s, out);
        assertEquals(2, m.games());
        for (GameOutcome o : m.outcomes()) {
            assertTrue(o.reason() == GameOutcome.Reason.LAST_UNIT_STANDING || o.reason() == GameOutcome.Reason.TIME_LIMIT_DRAW,
                    "played to the end in " + driverName + ": " + o.reason() + "; bot log: " + logs(out));
            assertTrue(o.frames() > 50);
        }
    }

    private ContainerDriver driver(String name) {
        ContainerDriver d = ContainerDrivers.all().stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
        Assumptions.assumeTrue(d.available(), name + " is not available on this machine: its test is skipped");
        return d;
    }

    /** Misbehaving third-party bots in every available driver: each loses with its reason, every game is on record. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"none", "bwrap", "podman", "apptainer"})
    @SuppressWarnings("unchecked")
    void misbehavingBotsLoseWithTheirReasonInEveryDriver(String driverName) throws Exception {
        ContainerDriver d = driver(driverName);
        // mode, frame it misbehaves at, games (a hang costs the 10 s rule a game), the reason it loses by
        Object[][] cases = {{"crash", 20, 2, GameOutcome.Reason.CRASHED}, {"leave", 5, 2, GameOutcome.Reason.LEFT_GAME},
                {"hang", 10, 1, GameOutcome.Reason.FRAME_OVER_10S}};
        for (Object[] c : cases) {
            String mode = (String) c[0];
            BotSpec bot = jarBot("Bad-" + mode, mode, (Integer) c[1]);
            Path out = dir.resolve("out-" + mode);
            int games = (Integer) c[2];
            MatchSettings s = new MatchSettings("m5v5", games, 1, driverName, 1L << 30, Duration.ofSeconds(60));
            MatchStatus live = new MatchStatus(out);
            MatchSummary m = new BwapiMatchRunner(d, live).play(bot, BotFolders.parse("heuristic:attack-move"), s, out);
            assertEquals(games, m.games(), mode);
            // the status file's view of the bot processes: each of the bad bot's ended by the rule it broke
            Map<String, Object> match = ((List<Map<String, Object>>) live.snapshot().get("matches")).get(0);
            String reason = c[3].toString().toLowerCase(Locale.ROOT);
            int bad = 0;
            for (Map<String, Object> p : (List<Map<String, Object>>) match.get("processes")) {
                assertEquals("exited", p.get("state"), p.toString());
                assertNotNull(p.get("exit_status"), p.toString());
                if (bot.name().equals(p.get("bot"))) bad++;
                assertEquals(bot.name().equals(p.get("bot")) ? reason : "session_over", p.get("reason"), mode + " in " + driverName + ": " + p);
            }
            assertTrue(bad >= 1, match.toString());
            assertEquals(games, ((List<?>) match.get("results")).size());
            // game 1 has the bad bot as red, game 2 as blue: it misbehaves in both, whichever side it plays,
            // and is started afresh for game 2 after crashing in game 1
            for (GameOutcome o : m.outcomes()) {
                assertEquals(c[3], o.reason(), mode + " in " + driverName + "; logs: " + logs(out));
                assertEquals(bot.name(), o.loser());
            }
            for (int g = 1; g <= games; g++) assertTrue(Files.exists(out.resolve(String.format("game-%04d/result.json", g))));
        }
    }

    private static String logs(Path out) throws Exception {
        StringBuilder b = new StringBuilder();
        try (Stream<Path> s = Files.list(out.resolve("logs"))) {
            for (Path p : (Iterable<Path>) s::iterator) b.append(p.getFileName()).append(": ").append(Files.readString(p)).append('\n');
        }
        return b.toString();
    }
}
