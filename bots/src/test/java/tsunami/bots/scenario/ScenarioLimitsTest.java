package tsunami.bots.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tsunami.BadInputException;
import tsunami.bots.replay.Replay;
import tsunami.bots.replay.ReplayFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.*;

/** Hostile and mistyped values in scenario files (issue 17): each is refused with file, field and range. */
class ScenarioLimitsTest {
    private final ScenarioLoader loader = new ScenarioLoader();

    private static final String GOOD = """
            name: test
            map: {width: 640, height: 480}
            jitter: 4
            red:
              - {type: Terran_Marine, count: 3, x: 200, y: 240, spacing: 22}
            blue:
              - {type: Zerg_Zergling, count: 4, x: 400, y: 240}
            reward: {damage_dealt: 1.0, win: 1.0}
            """;

    private String error(String text) {
        // generous deadline: only a hang fails it
        return assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(BadInputException.class, () -> loader.parse(text, "bad.yaml")).getMessage());
    }

    private static void names(String message, String field, String range) {
        assertTrue(message.startsWith("bad.yaml:"), message);
        assertTrue(message.contains("field '" + field + "'"), message);
        assertTrue(message.contains(range), message);
    }

    @Test
    void goodFileStillLoads() {
        assertEquals(3, loader.parse(GOOD, "good.yaml").unitCount(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "-1", "640", "1e300"})
    void positionMustBeFiniteAndOnTheMap(String x) {
        names(error(GOOD.replace("x: 200", "x: " + x)), "red[0].x", "from 0 to 639 px");
        names(error(GOOD.replace("y: 240, spacing", "y: " + x.replace("640", "480") + ", spacing")), "red[0].y", "from 0 to 479 px");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-5", "1e300", "-Infinity"})
    void spacingMustBeFiniteAndBounded(String spacing) {
        names(error(GOOD.replace("spacing: 22", "spacing: " + spacing)), "red[0].spacing", "from 0 to 8192 px");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-1", "1e9"})
    void jitterMustBeFiniteAndBounded(String jitter) {
        names(error(GOOD.replace("jitter: 4", "jitter: " + jitter)), "jitter", "from 0 to 1024 px");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e6", "-1001"})
    void rewardMustBeFiniteAndBounded(String value) {
        names(error(GOOD.replace("win: 1.0", "win: " + value)), "reward.win", "from -1000 to 1000");
        names(error(GOOD.replace("damage_dealt: 1.0", "damage_dealt: " + value)), "reward.damage_dealt", "from -1000 to 1000");
    }

    @Test
    void formationSpillingOffTheMapIsAnError() {
        // 30 marines in a line, 22 px apart, span 638 px on a 480 px high map
        String m = error(GOOD.replace("count: 3", "count: 30"));
        assertTrue(m.startsWith("bad.yaml:5:") && m.contains("red[0]") && m.contains("spills off the map"), m);
        // a unit whose centre is on the map but whose body is not
        m = error(GOOD.replace("x: 400, y: 240", "x: 639, y: 240"));
        assertTrue(m.contains("blue[0]") && m.contains("spills off the map"), m);
        // a grid that reaches behind the map edge
        m = error(GOOD.replace("count: 3, x: 200", "count: 40, x: 20").replace("spacing: 22", "spacing: 22, formation: grid, columns: 5"));
        assertTrue(m.contains("red[0]") && m.contains("spills off the map"), m);
    }

    @Test
    void builtInScenariosNeedNoClamping() {
        for (String name : ScenarioLoader.BUILT_IN) assertNotNull(loader.load(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2147483647", "2147483648", "1000000", "1001", "99999999999999999999999"})
    void unitCountIsBounded(String count) {
        names(error(GOOD.replace("count: 4", "count: " + count)), "blue[0].count", "from 1 to 1000 units");
    }

    @Test
    void unitsPerSideAndInTotalAreBounded() {
        String big = """
                name: big
                map: {width: 8192, height: 8192}
                red:
                  - {type: Zerg_Zergling, count: 600, x: 2000, y: 4000, formation: grid, columns: 30, spacing: 20}
                  - {type: Zerg_Zergling, count: %d, x: 1000, y: 4000, formation: grid, columns: 30, spacing: 20}
                blue:
                  - {type: Zerg_Zergling, count: %d, x: 6000, y: 4000, formation: grid, columns: 30, spacing: 20}
                """;
        assertEquals(1700, loader.parse(big.formatted(250, 850), "big.yaml").unitCount(0) + 850);
        String m = error(big.formatted(401, 10));
        assertTrue(m.contains("red[1].count") && m.contains("too many units on this side: 1001; at most 1000"), m);
        m = error(big.formatted(250, 851));
        assertTrue(m.contains("field 'blue'") && m.contains("1701 in all; at most 1700"), m);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2000000000", "8193", "0", "-640", "1e4", "NaN"})
    void mapSizeIsBounded(String width) {
        names(error(GOOD.replace("width: 640", "width: " + width)), "map.width", "from 1 to 8192 px");
    }

    @Test
    void timeLimitAndDecisionIntervalAreBounded() {
        names(error(GOOD + "time_limit_frames: 2147483647\n"), "time_limit_frames", "from 1 to 86400 frames");
        names(error(GOOD + "time_limit_frames: 100\ndecision_interval: 101\n"), "decision_interval", "from 1 to 100 frames");
    }

    @Test
    void hugeTextIsRefusedBeforeParsing() {
        String huge = "name: \"" + "x".repeat(50 << 20) + "\"\n" + GOOD.substring(GOOD.indexOf('\n') + 1);
        String m = error(huge);
        assertTrue(m.contains("too large") && m.contains("at most " + ScenarioLoader.MAX_FILE_BYTES), m);
        // multi-byte characters count as bytes
        m = error("description: " + "é".repeat(600_000) + "\n" + GOOD);
        assertTrue(m.contains("too large") && m.contains("1200"), m);
    }

    @Test
    void hugeFileIsRefusedWithoutReadingIt(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("huge.yaml");
        Files.writeString(f, GOOD + "#" + "x".repeat(ScenarioLoader.MAX_FILE_BYTES) + "\n");
        String m = assertThrows(BadInputException.class, () -> loader.load(f.toString())).getMessage();
        assertTrue(m.startsWith(f.toString()) && m.contains("too large"), m);
    }

    @Test
    void longValueAndDeepNestingAreRefused() {
        String m = error(GOOD + "description: \"" + "x".repeat(100_000) + "\"\n");
        assertTrue(m.contains("too long") || m.contains("length"), m);
        m = error(GOOD + "description: " + "[".repeat(5000) + "]".repeat(5000) + "\n");
        assertTrue(m.startsWith("bad.yaml"), m);
    }

    @Test
    void replayCarryingAnInvalidScenarioIsRefused() {
        String bad = GOOD.replace("spacing: 22", "spacing: NaN");
        Replay r = new Replay("evil.yaml", bad, 1, "a", "b", new int[0], new long[0], 0, 0);
        String m = assertThrows(BadInputException.class, () -> ReplayFile.decode(ReplayFile.encode(r), "evil.tsr")).getMessage();
        assertTrue(m.startsWith("replay evil.tsr carries an invalid scenario"), m);
        assertTrue(m.contains("red[0].spacing") && m.contains("from 0 to 8192 px"), m);
        Replay good = new Replay("ok.yaml", GOOD, 1, "a", "b", new int[0], new long[0], 0, 0);
        assertEquals(GOOD, ReplayFile.decode(ReplayFile.encode(good), "ok.tsr").scenarioText());
    }
}
