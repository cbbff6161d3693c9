package tsunami.bots.scenario;

import org.junit.jupiter.api.Test;
import tsunami.BadInputException;

import static org.junit.jupiter.api.Assertions.*;

class ScenarioLoaderTest {
    private final ScenarioLoader loader = new ScenarioLoader();

    private static final String GOOD = """
            name: test
            map: {width: 640, height: 480}
            red:
              - {type: Terran_Marine, count: 3, x: 200, y: 240}
            blue:
              - type: Zerg_Zergling
                count: 4
                x: 400
                y: 240
            """;

    @Test
    void everyBuiltInScenarioLoads() {
        for (String name : ScenarioLoader.BUILT_IN) {
            Scenario s = loader.load(name);
            assertEquals(name, s.name());
            assertTrue(s.unitCount(0) > 0 && s.unitCount(1) > 0);
        }
        Scenario m = loader.load("m15v16");
        assertEquals(15, m.unitCount(0));
        assertEquals(16, m.unitCount(1));
        assertEquals(17, loader.load("w15v17").unitCount(1));
    }

    @Test
    void goodFileWithDefaults() {
        Scenario s = loader.parse(GOOD, "good.yaml");
        assertEquals(3, s.unitCount(0));
        assertEquals(4, s.unitCount(1));
        assertEquals(8, s.decisionInterval());
        assertEquals(RewardSettings.DEFAULT, s.reward());
    }

    @Test
    void rewardCreditIsTeamUnlessTheFileSaysUnit() {
        for (String name : ScenarioLoader.BUILT_IN) assertTrue(loader.load(name).reward().unitCredit(), name + " credits units");
        assertFalse(loader.parse(GOOD, "good.yaml").reward().unitCredit());
        Scenario unit = loader.parse(GOOD + "reward: {kill: 0.1, credit: unit}\n", "unit.yaml");
        assertTrue(unit.reward().unitCredit());
        assertEquals(0.1, unit.reward().kill());
        assertFalse(loader.parse(GOOD + "reward: {credit: team}\n", "team.yaml").reward().unitCredit());
        String m = error(GOOD + "reward: {credit: everyone}\n");
        assertTrue(m.startsWith("bad.yaml:") && m.contains("'team' or 'unit'") && m.contains("everyone"), m);
    }

    private String error(String text) {
        return assertThrows(BadInputException.class, () -> loader.parse(text, "bad.yaml")).getMessage();
    }

    @Test
    void unknownUnitTypeNamesFileLineFieldAndValidTypes() {
        String m = error(GOOD.replace("Zerg_Zergling", "Zerg_Zerglin"));
        assertTrue(m.startsWith("bad.yaml:6:"), m);
        assertTrue(m.contains("blue[0].type"), m);
        assertTrue(m.contains("Zerg_Zerglin"), m);
        assertTrue(m.contains("Terran_Marine") && m.contains("Zerg_Ultralisk"), "lists the valid types: " + m);
    }

    @Test
    void badNumberNamesLineAndField() {
        String m = error(GOOD.replace("count: 3", "count: three"));
        assertTrue(m.startsWith("bad.yaml:4:"), m);
        assertTrue(m.contains("red[0].count"), m);
    }

    @Test
    void negativeCountIsRejected() {
        String m = error(GOOD.replace("count: 4", "count: -4"));
        assertTrue(m.startsWith("bad.yaml:7:"), m);
        assertTrue(m.contains("from 1 to " + ScenarioLoader.MAX_UNITS_PER_SIDE), m);
    }

    @Test
    void missingFieldIsNamed() {
        String m = error(GOOD.replace("map: {width: 640, height: 480}", "map: {width: 640}"));
        assertTrue(m.contains("map.height") && m.contains("missing"), m);
        assertTrue(m.startsWith("bad.yaml:2:"), m);
    }

    @Test
    void unknownFieldIsNamed() {
        String m = error(GOOD.replace("  - {type: Terran_Marine, count: 3,", "  - {type: Terran_Marine, cuont: 3,"));
        assertTrue(m.contains("red[0].cuont") && m.contains("unknown field"), m);
    }

    @Test
    void unitOffTheMapIsRejected() {
        String m = error(GOOD.replace("x: 400", "x: 900"));
        assertTrue(m.contains("blue[0].x") && m.startsWith("bad.yaml:8:"), m);
    }

    @Test
    void brokenYamlGetsALine() {
        String m = error("name: x\nmap: {width: 640, height: 480\nred: []\n");
        assertTrue(m.startsWith("bad.yaml:"), m);
        assertTrue(m.contains("not valid YAML"), m);
    }

    @Test
    void missingFileIsExplained() {
        String m = assertThrows(BadInputException.class, () -> loader.load("/no/such/scenario.yaml")).getMessage();
        assertTrue(m.contains("/no/such/scenario.yaml") && m.contains("m5v5"), m);
    }
}
