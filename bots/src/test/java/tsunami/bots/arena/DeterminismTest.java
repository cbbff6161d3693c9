package tsunami.bots.arena;

import org.junit.jupiter.api.Test;
import tsunami.bots.data.GameData;
import tsunami.bots.heuristic.HeuristicRegistry;
import tsunami.bots.scenario.Scenario;
import tsunami.bots.scenario.ScenarioLoader;

import static org.junit.jupiter.api.Assertions.*;

class DeterminismTest {
    private final HeuristicRegistry registry = HeuristicRegistry.load();

    private long[] play(String scenario, String red, String blue, long seed) {
        Scenario s = new ScenarioLoader().load(scenario);
        Arena a = new Arena(s, GameData.standard());
        a.setController(0, registry.create(red));
        a.setController(1, registry.create(blue));
        a.reset(seed);
        long h = 17;
        while (!a.isOver()) {
            a.step();
            h = h * 31 + a.stateHash();
        }
        return new long[]{h, a.winner(), a.getFrameCount()};
    }

    @Test
    void sameSeedSameGameBitForBit() {
        for (String sc : new String[]{"m15v16", "10m_13zg", "2d_3z", "w15v17"}) {
            long[] a = play(sc, "kiting", "attack-move", 42);
            long[] b = play(sc, "kiting", "attack-move", 42);
            assertArrayEquals(a, b, sc);
        }
    }

    @Test
    void differentSeedsGiveDifferentGames() {
        long[] a = play("m15v16", "attack-closest", "attack-move", 1);
        long[] b = play("m15v16", "attack-closest", "attack-move", 2);
        assertNotEquals(a[0], b[0]);
    }

    @Test
    void resetRestartsTheSameGame() {
        Scenario s = new ScenarioLoader().load("m5v5");
        Arena a = new Arena(s, GameData.standard());
        a.setController(0, registry.create("focus-fire"));
        a.setController(1, registry.create("attack-move"));
        a.reset(5);
        long start = a.stateHash();
        a.playOut();
        assertTrue(a.getFrameCount() > 0);
        a.reset(5);
        assertEquals(start, a.stateHash());
        assertEquals(0, a.getFrameCount());
        assertEquals(5, a.countAlive(0));
    }
}
