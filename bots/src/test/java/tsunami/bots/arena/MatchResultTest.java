package tsunami.bots.arena;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MatchResultTest {
    @Test
    void wilsonIntervalMatchesTheTextbookValues() {
        MatchResult r = new MatchResult("m5v5", "a", "b", 100, 50, 45, 5, 200, 1);
        double[] ci = r.wilson95(50);
        assertEquals(0.4038, ci[0], 1e-3);
        assertEquals(0.5962, ci[1], 1e-3);
        double[] none = r.wilson95(0); // 0 of 100: [0, 0.037]
        assertEquals(0.0, none[0], 1e-9);
        assertEquals(0.0370, none[1], 1e-3);
        assertEquals(0.5, r.redWinRate(), 1e-12);
    }

    @Test
    void jsonCarriesTheAgreedKeys() {
        String j = new MatchResult("m15v16", "attack-closest", "attack-move", 10, 6, 3, 1, 250.5, 7).toJson();
        assertTrue(j.startsWith("{\"scenario\":\"m15v16\""), j);
        for (String k : new String[]{"\"games\":10", "\"red_wins\":6", "\"blue_wins\":3", "\"draws\":1", "\"red_win_rate\":0.6000"}) {
            assertTrue(j.contains(k), k + " in " + j);
        }
        assertTrue(j.endsWith("}"));
    }
}
