package tsunami.bots.replay;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tsunami.BadInputException;
import tsunami.bots.arena.ArenaEnvConfig;
import tsunami.bots.arena.ArenaEnvFactory;
import tsunami.bots.arena.ArenaVectorEnv;
import tsunami.bots.arena.Match;
import tsunami.bots.arena.MatchResult;
import tsunami.bots.data.GameData;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;
import tsunami.env.StepBatch;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class ReplayTest {
    @TempDir
    Path dir;

    private final HeuristicRegistry registry = HeuristicRegistry.load();

    private List<Replay> record(String scenario, String red, String blue, int games, long seed) {
        Scenario s = new ScenarioLoader().load(scenario);
        List<Replay> out = new ArrayList<>();
        MatchResult r = Match.play(s, GameData.standard(), red, () -> registry.create(red), blue, () -> registry.create(blue), games, seed, ReplayRecorder.into(out::add));
        assertEquals(games, r.redWins() + r.blueWins() + r.draws());
        assertEquals(games, out.size());
        return out;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void sameSeedGivesTheSameReplayHash() throws Exception {
        Replay a = record("10m_13zg", "no-overkill-no-change", "attack-move", 1, 99).get(0);
        Replay b = record("10m_13zg", "no-overkill-no-change", "attack-move", 1, 99).get(0);
        Replay c = record("10m_13zg", "no-overkill-no-change", "attack-move", 1, 100).get(0);
        assertEquals(sha256(ReplayFile.encode(a)), sha256(ReplayFile.encode(b)));
        assertNotEquals(sha256(ReplayFile.encode(a)), sha256(ReplayFile.encode(c)));
        assertTrue(a.commandCount() > 0);
    }

    @Test
    void writeReadAndReplayReproducesTheGame() throws IOException {
        for (Replay r : record("2d_3z", "kiting", "attack-move", 3, 5)) {
            Path f = dir.resolve("g" + r.seed() + ".tsr");
            ReplayFile.write(f, r);
            Replay back = ReplayFile.read(f);
            assertArrayEquals(r.commands(), back.commands());
            assertArrayEquals(r.hashes(), back.hashes());
            assertEquals(r.winner(), back.winner());
            var end = ReplayPlayer.play(back, GameData.standard(), null);
            assertEquals(r.frames(), end.getFrameCount());
            assertEquals(r.winner(), end.winner());
        }
    }

    @Test
    void environmentEpisodesCanBeRecordedAndReplayed() {
        var cfg = ArenaEnvConfig.of(new ScenarioLoader().load("m5v5"), () -> registry.create("attack-move"));
        List<Replay> got = new ArrayList<>();
        try (var env = (ArenaVectorEnv) new ArenaEnvFactory(cfg).create(2, 4)) {
            var out = new StepBatch(env.spec());
            env.recordEpisodes(1, ReplayRecorder.into(got::add));
            env.reset(4, out);
            int[] actions = new int[env.spec().agents()];
            for (int s = 0; s < 400 && got.size() < 2; s++) {
                for (int i = 0; i < actions.length; i++) actions[i] = (s + 3 * i) % env.spec().numActions();
                env.step(actions, out);
            }
        }
        assertEquals(2, got.size());
        for (Replay r : got) {
            assertEquals("agents", r.red());
            assertEquals("attack-move", r.blue());
            var end = ReplayPlayer.play(r, GameData.standard(), null);
            assertEquals(r.frames(), end.getFrameCount());
        }
    }

    @Test
    void alteredCommandsAreDetectedOnReplay() {
        Replay r = record("m5v5", "attack-closest", "attack-move", 1, 3).get(0);
        int[] c = Arrays.copyOf(r.commands(), r.commands().length);
        // retarget the first attack order to another enemy: the game diverges
        for (int i = 0; i < c.length; i += Replay.COMMAND_INTS) {
            if (c[i + 2] == 2) { // ATTACK_UNIT
                c[i + 3] = c[i + 3] == 5 ? 6 : 5;
                break;
            }
        }
        Replay forged = new Replay(r.scenarioSource(), r.scenarioText(), r.seed(), r.red(), r.blue(), c, r.hashes(), r.frames(), r.winner());
        String m = assertThrows(BadInputException.class, () -> ReplayPlayer.play(forged, GameData.standard(), null)).getMessage();
        assertTrue(m.contains("does not reproduce"), m);
    }

    @Test
    void corruptAndTruncatedFilesGetClearErrors() throws IOException {
        Replay r = record("3m", "attack-closest", "attack-move", 1, 1).get(0);
        byte[] good = ReplayFile.encode(r);
        byte[] flipped = good.clone();
        flipped[good.length / 2] ^= 0x40;
        Path f1 = Files.write(dir.resolve("flipped.tsr"), flipped);
        Path f2 = Files.write(dir.resolve("short.tsr"), Arrays.copyOf(good, good.length - 9));
        Path f3 = Files.write(dir.resolve("other.tsr"), "hello, this is not a replay".getBytes());
        assertTrue(assertThrows(BadInputException.class, () -> ReplayFile.read(f1)).getMessage().contains("corrupt"));
        String m2 = assertThrows(BadInputException.class, () -> ReplayFile.read(f2)).getMessage();
        assertTrue(m2.contains("truncated") || m2.contains("corrupt"), m2);
        assertTrue(assertThrows(BadInputException.class, () -> ReplayFile.read(f3)).getMessage().contains("not a Tsunami replay"));
        assertTrue(assertThrows(BadInputException.class, () -> ReplayFile.read(dir.resolve("missing.tsr"))).getMessage().contains("missing.tsr"));
    }

    @Test
    void replaysRecordedUnderEarlierArenaRulesAreRefusedWithAMessage() throws IOException {
        byte[] bytes = ReplayFile.encode(record("3m", "attack-closest", "attack-move", 1, 1).get(0));
        // the rules version is the third int of the header; a rules-3 file (before BW's turning rules)
        java.nio.ByteBuffer.wrap(bytes).putInt(8, 3);
        Path old = Files.write(dir.resolve("rules3.tsr"), bytes);
        String m = assertThrows(BadInputException.class, () -> ReplayFile.read(old)).getMessage();
        assertTrue(m.contains("rules3.tsr") && m.contains("arena rules 3") && m.contains("arena rules " + tsunami.bots.arena.Arena.RULES_VERSION), m);
    }

    @Test
    void htmlAndPngViews() throws IOException {
        Replay r = record("m5v5", "focus-fire", "attack-move", 1, 8).get(0);
        ReplayTrack t = new ReplayTrack(r, 2);
        assertEquals(10, t.units.size());
        assertTrue(t.samples.size() > 10);
        String html = ReplayHtml.render(t);
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("\"units\":[{\"t\":\"Marine\""), "inline data");
        assertFalse(html.contains("src=\"http"), "self-contained");
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ReplayPng.write(t, png);
        var img = ImageIO.read(new ByteArrayInputStream(png.toByteArray()));
        assertNotNull(img);
        assertEquals(4 * 480, img.getWidth());
        // some red pixels (red units) are drawn in the first panel
        boolean red = false;
        for (int x = 0; x < 480 && !red; x++) for (int y = 0; y < img.getHeight() && !red; y++) red = img.getRGB(x, y) == new java.awt.Color(224, 64, 64).getRGB();
        assertTrue(red);
    }
}
